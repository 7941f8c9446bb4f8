"""Notice of default (ingebrekestelling, Awb 4:17): from its receipt a late decision
accrues a penalty, shown with the case's deadlines."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from engine import clock, store
from engine.store import PendingEvent
from models import Application, Case
from workflows.access import require_read
from workflows.actors import Actor
from workflows.deadlines import local_day
from workflows.errors import Conflict, InvalidInput, NotAllowed, NotFound
from workflows.uow import UnitOfWork


def register_notice_of_default(uow: UnitOfWork, actor: Actor, *, case_id: int,
                               received_on: date) -> date:
    """Record the day the written notice of default was received (by the organ)."""
    case = require_read(actor, uow.session.get(Case, case_id))
    own = actor.has("applicant") and case.provider_id == actor.provider_id
    if not (own or actor.has("screening_officer") or actor.has("legal_counsel")):
        raise NotAllowed("Alleen de aanvrager of een behandelaar kan dit registreren.")
    if received_on > local_day(clock.now()):
        raise InvalidInput("De ontvangstdatum ligt in de toekomst.",
                           {"received_on": ["niet na vandaag"]})
    app = uow.session.scalars(select(Application).where(Application.case_id == case_id)).first()
    if app is None:
        raise NotFound("Bij deze zaak hoort geen aanvraag.")
    if app.notice_of_default_on is not None:
        raise Conflict(f"Er is al een ingebrekestelling ontvangen op {app.notice_of_default_on}.")
    store.lock_case(uow.session, case_id)
    app.notice_of_default_on = received_on
    store.append_events(uow.session, case_id, actor.email, clock.now(), [PendingEvent(
        "notice_of_default", {"received_on": received_on.isoformat()})])
    return received_on
