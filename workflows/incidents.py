"""Incidents: a case whose timer tick keeps failing is parked for an admin, with the
error, instead of being retried forever in silence (the worker, workflows.jobs.timers,
opens and counts them; admins list and retry them here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from engine import clock
from models import Incident
from workflows import cases
from workflows.access import require_role
from workflows.actors import Actor
from workflows.errors import NotFound
from workflows.uow import UnitOfWork

MAX_FAILURES = 3


@dataclass(frozen=True)
class IncidentView:
    incident_id: int
    case_id: int
    error: str
    failures: int
    opened_at: datetime
    parked: bool


def list_incidents(uow: UnitOfWork, actor: Actor) -> list[IncidentView]:
    """The open incidents, oldest first, for admins to look into and retry."""
    require_role(actor, "admin")
    rows = uow.session.scalars(select(Incident).where(Incident.resolved_at.is_(None))
                               .order_by(Incident.opened_at)).all()
    return [_view(r) for r in rows]


def retry_incident(uow: UnitOfWork, actor: Actor, *, incident_id: int) -> IncidentView:
    """An admin retries the tick now; on success the incident is resolved."""
    require_role(actor, "admin")
    row = uow.session.get(Incident, incident_id)
    if row is None or row.resolved_at is not None:
        raise NotFound("Dit incident bestaat niet of is al opgelost.")
    cases.tick_case(uow, actor, row.case_id)
    row.resolved_at = clock.now()
    uow.session.flush()
    return _view(row)


def _view(row: Incident) -> IncidentView:
    return IncidentView(row.id, row.case_id, row.error, row.failures, row.opened_at,
                        row.failures >= MAX_FAILURES)
