"""Ticking due timers: each due case in its own transaction, claimed so that several
workers never tick the same case (SKIP LOCKED on PostgreSQL; on SQLite the database
write lock already lets one worker in at a time)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from engine import clock
from models import Case, Incident
from workflows import cases
from workflows.access import require_role
from workflows.actors import SYSTEM, Actor
from workflows.errors import ToelatingError
from workflows.incidents import MAX_FAILURES
from workflows.uow import UnitOfWork

log = logging.getLogger(__name__)


def due_case_ids(uow: UnitOfWork, actor: Actor, now: datetime,
                 limit: int = 100) -> list[int]:
    """Cases whose next timer is due, parked ones (open incidents) left out."""
    require_role(actor, "system", "admin")
    parked = select(Incident.case_id).where(Incident.resolved_at.is_(None),
                                            Incident.failures >= MAX_FAILURES)
    stmt = (select(Case.id).where(Case.next_timer_at <= now, Case.completed.is_(False),
                                  Case.id.not_in(parked))
            .order_by(Case.next_timer_at, Case.id).limit(limit))
    return list(uow.session.scalars(stmt).all())


def tick_due_cases(new_uow: Callable[[], UnitOfWork], actor: Actor = SYSTEM,
                   limit: int = 100) -> int:
    """Tick every case whose next timer is due; returns how many changed."""
    with new_uow() as uow:
        ids = due_case_ids(uow, actor, clock.now(), limit)
    return sum(_tick_one(new_uow, actor, case_id) for case_id in ids)


def _tick_one(new_uow: Callable[[], UnitOfWork], actor: Actor, case_id: int) -> bool:
    with new_uow() as uow:
        if not _claim(uow, case_id):
            return False
        try:
            outcome = cases.tick_case(uow, actor, case_id)
        except ToelatingError as err:
            uow.rollback()
            _record_failure(new_uow, case_id, err.message)
            return False
        _resolve_incident(uow, case_id)
        uow.commit()
        return outcome.changed


def _claim(uow: UnitOfWork, case_id: int) -> bool:
    """Lock the due case unless another worker holds it, and recheck it is still due."""
    stmt = (select(Case.id).where(Case.id == case_id, Case.next_timer_at <= clock.now())
            .with_for_update(skip_locked=True))
    return uow.session.scalars(stmt).first() is not None


def _record_failure(new_uow: Callable[[], UnitOfWork], case_id: int, error: str) -> None:
    log.warning("zaak %s: tick mislukt: %s", case_id, error)
    with new_uow() as uow:
        _count_failure(uow, case_id, error)
        uow.commit()


def _count_failure(uow: UnitOfWork, case_id: int, error: str) -> None:
    """One more failed tick on the case's open incident (or a new incident)."""
    row = _open_incident(uow, case_id)
    if row is None:
        uow.session.add(Incident(case_id=case_id, error=error, failures=1,
                                 opened_at=clock.now()))
    else:
        row.failures += 1
        row.error = error
    uow.session.flush()


def _resolve_incident(uow: UnitOfWork, case_id: int) -> None:
    row = _open_incident(uow, case_id)
    if row is not None:
        row.resolved_at = clock.now()
        uow.session.flush()


def _open_incident(uow: UnitOfWork, case_id: int) -> Incident | None:
    return uow.session.scalars(select(Incident).where(
        Incident.case_id == case_id, Incident.resolved_at.is_(None))).first()
