"""Delivering the outbox after commit, retried with backoff.

A message is leased in a short transaction (so no database lock is held while a mail
server is slow), sent, then marked sent. A worker that dies after sending but before
marking sends it again when the lease ends: delivery is at least once, and the
idempotency key travels as the Message-ID so a receiver can drop a repeat.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from engine import clock
from handlers.transports import Attachment, FileTransport, SmtpTransport
from models import Letter, Outbox
from workflows.access import require_role
from workflows.actors import Actor
from workflows.uow import UnitOfWork

Transport = Callable[[str, dict[str, Any]], None]
MAX_BACKOFF = timedelta(days=1)
LEASE = timedelta(minutes=5)


def make_transport(*, smtp_host: str | None, smtp_port: int, sender: str,
                   directory: Path) -> Transport:
    """SMTP when a mail server is configured, else .eml files in `directory`."""
    if smtp_host:
        return SmtpTransport(smtp_host, smtp_port, sender)
    return FileTransport(directory, sender)


def backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def deliver_due(new_uow: Callable[[], UnitOfWork], actor: Actor, transport: Transport,
                limit: int = 100) -> tuple[int, int]:
    """Send what is due; returns (sent, failed)."""
    require_role(actor, "system")
    sent = failed = 0
    for outbox_id in _due_ids(new_uow, limit):
        leased = _lease(new_uow, outbox_id)
        if leased is None:
            continue
        key, payload = leased
        try:
            transport(key, payload)
        except Exception as err:  # any transport failure is retried later
            _record(new_uow, outbox_id, error=f"{type(err).__name__}: {err}")
            failed += 1
        else:
            _record(new_uow, outbox_id, error=None)
            sent += 1
    return sent, failed


def _due_ids(new_uow: Callable[[], UnitOfWork], limit: int) -> list[int]:
    with new_uow() as uow:
        stmt = (select(Outbox.id).where(Outbox.sent_at.is_(None), or_(
            Outbox.next_attempt_at.is_(None), Outbox.next_attempt_at <= clock.now()))
            .order_by(Outbox.id).limit(limit))
        return list(uow.session.scalars(stmt).all())


def _lease(new_uow: Callable[[], UnitOfWork], outbox_id: int
           ) -> tuple[str, dict[str, Any]] | None:
    """Claim the message for a while (skipped when another worker holds it)."""
    with new_uow() as uow:
        stmt = (select(Outbox).where(Outbox.id == outbox_id, Outbox.sent_at.is_(None), or_(
            Outbox.next_attempt_at.is_(None), Outbox.next_attempt_at <= clock.now()))
            .with_for_update(skip_locked=True))
        row = uow.session.scalars(stmt).first()
        if row is None:
            return None
        row.next_attempt_at = clock.now() + LEASE
        key, payload = row.idempotency_key, json.loads(row.payload)
        payload["attachments"] = _attachments(uow, payload)
        uow.commit()
    return key, payload


def _attachments(uow: UnitOfWork, payload: dict[str, Any]) -> list[Attachment]:
    """The stored letter a mail carries: the very bytes whose sha256 was logged."""
    if payload.get("letter_id") is None:
        return []
    letter = uow.session.get(Letter, payload["letter_id"])
    if letter is None:
        raise LookupError(f"brief {payload['letter_id']} ontbreekt")
    return [Attachment(letter.filename, letter.content)]


def _record(new_uow: Callable[[], UnitOfWork], outbox_id: int, *, error: str | None) -> None:
    with new_uow() as uow:
        row = uow.session.get(Outbox, outbox_id)
        if row is None:
            return
        if error is None:
            row.sent_at = clock.now()
        else:
            row.attempts += 1
            row.last_error = error[:2000]
            row.next_attempt_at = clock.now() + backoff(row.attempts)
        uow.commit()
