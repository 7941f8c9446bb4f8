"""Delivering the outbox after commit: each message at most once, retried with backoff.

A message is claimed and marked sent in one transaction per message; a failure counts
an attempt and moves the next try further out (1, 2, 4, ... minutes, at most a day).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select

from engine import clock
from models import Outbox
from workflows.uow import UnitOfWork

Transport = Callable[[str, dict[str, Any]], None]
MAX_BACKOFF = timedelta(days=1)


def backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def deliver_due(new_uow: Callable[[], UnitOfWork], transport: Transport,
                limit: int = 100) -> tuple[int, int]:
    """Send what is due; returns (sent, failed)."""
    sent = failed = 0
    for outbox_id in _due_ids(new_uow, limit):
        with new_uow() as uow:
            row = _claim(uow, outbox_id)
            if row is None:
                continue
            try:
                transport(row.idempotency_key, json.loads(row.payload))
            except Exception as err:  # any transport failure is retried later
                row.attempts += 1
                row.last_error = f"{type(err).__name__}: {err}"[:2000]
                row.next_attempt_at = clock.now() + backoff(row.attempts)
                failed += 1
            else:
                row.sent_at = clock.now()
                sent += 1
            uow.commit()
    return sent, failed


def _due_ids(new_uow: Callable[[], UnitOfWork], limit: int) -> list[int]:
    with new_uow() as uow:
        stmt = (select(Outbox.id).where(Outbox.sent_at.is_(None), or_(
            Outbox.next_attempt_at.is_(None), Outbox.next_attempt_at <= clock.now()))
            .order_by(Outbox.id).limit(limit))
        return list(uow.session.scalars(stmt).all())


def _claim(uow: UnitOfWork, outbox_id: int) -> Outbox | None:
    """Lock the row (skipped when another worker holds it) and recheck it is unsent."""
    stmt = (select(Outbox).where(Outbox.id == outbox_id, Outbox.sent_at.is_(None))
            .with_for_update(skip_locked=True))
    return uow.session.scalars(stmt).first()
