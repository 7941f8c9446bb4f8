"""Ticking due timers: each due case in its own transaction, claimed so that several
workers never tick the same case (SKIP LOCKED on PostgreSQL)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from engine import clock
from models import Case
from workflows import cases
from workflows.actors import SYSTEM, Actor
from workflows.errors import ToelatingError
from workflows.uow import UnitOfWork

log = logging.getLogger(__name__)


def due_case_ids(uow: UnitOfWork, now: datetime, limit: int = 100) -> list[int]:
    stmt = (select(Case.id).where(Case.next_timer_at <= now, Case.completed.is_(False))
            .order_by(Case.next_timer_at).limit(limit))
    return list(uow.session.scalars(stmt).all())


def tick_due_cases(new_uow: Callable[[], UnitOfWork], actor: Actor = SYSTEM,
                   limit: int = 100) -> int:
    """Tick every case whose next timer is due; returns how many changed."""
    with new_uow() as uow:
        ids = due_case_ids(uow, clock.now(), limit)
    changed = 0
    for case_id in ids:
        with new_uow() as uow:
            try:
                outcome = cases.tick_case(uow, actor, case_id)
            except ToelatingError as err:
                log.warning("zaak %s: tick mislukt: %s", case_id, err.message)
                continue
            uow.commit()
            changed += outcome.changed
    return changed
