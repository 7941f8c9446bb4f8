"""Bridging agreements: an incumbent that is not (re)admitted keeps its current clients
for a fixed term and takes no new ones."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engine import clock
from models import Application, ApplicationSubsegment, Award, BridgingAgreement, Case
from workflows import commands, deadlines
from workflows.access import require_role
from workflows.actors import Actor
from workflows.deadlines.case_terms import REMINDER_WEEKS
from workflows.uow import UnitOfWork

BRIDGING_MONTHS = 6
MAX_TRANSFER_ROUNDS = 20
NOT_READMITTED = ("refused", "not_considered", "withdrawn", "partly_admitted")


def start_bridging_for_incumbents(uow: UnitOfWork, actor: Actor, *, window_id: int) -> list[int]:
    """Start bridging for each incumbent of the window that still serves clients, one
    agreement per subsegment it applied for and was not (re)admitted to."""
    require_role(actor, "contract_manager", "system")
    rows = uow.session.execute(
        select(Application, ApplicationSubsegment.subsegment_id)
        .join(Case, Case.id == Application.case_id)
        .join(ApplicationSubsegment, ApplicationSubsegment.application_id == Application.id)
        .where(Application.window_id == window_id, Application.incumbent.is_(True),
               Application.current_clients > 0, Case.status.in_(NOT_READMITTED))).all()
    started = []
    for app, subsegment_id in rows:
        exists = uow.session.scalars(select(BridgingAgreement.id).where(
            BridgingAgreement.application_id == app.id,
            BridgingAgreement.subsegment_id == subsegment_id)).first()
        awarded = uow.session.scalars(select(Award.id).where(
            Award.application_id == app.id, Award.subsegment_id == subsegment_id)).first()
        if exists is None and awarded is None:
            started.append(_start(uow, actor, app, subsegment_id))
    return started


def _start(uow: UnitOfWork, actor: Actor, app: Application, subsegment_id: int) -> int:
    today = deadlines.local_day(clock.now())
    last_day = deadlines.end_of_term(today, months=BRIDGING_MONTHS, regime="contract")
    agreement = BridgingAgreement(provider_id=app.provider_id, subsegment_id=subsegment_id,
                                  application_id=app.id, clients=app.current_clients,
                                  starts_on=today, ends_on=last_day,
                                  reason="niet (opnieuw) toegelaten")
    uow.session.add(agreement)
    uow.session.flush()
    reminder = min(today + timedelta(weeks=REMINDER_WEEKS), last_day)
    data = {"bridging_id": agreement.id, "reference": app.reference,
            "clients_remaining": app.current_clients, "transfer_rounds": 0,
            "max_transfer_rounds": MAX_TRANSFER_ROUNDS,
            "bridging_start": today.isoformat(), "bridging_months": BRIDGING_MONTHS,
            "bridging_last_day": last_day.isoformat(),
            "bridging_end_at": deadlines.moment_after(last_day).isoformat(),
            "reminder_at": deadlines.moment_after(reminder).isoformat()}
    case = commands.start_case(uow, actor, process_id="bridging", data=data,
                            provider_id=app.provider_id, parent_case_id=app.case_id)
    agreement.case_id = case.id
    uow.session.flush()
    return case.id
