"""Registration: open a window by decision, submit, supplement and withdraw applications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import uuid4

from sqlalchemy import select

from engine import clock
from models import (
    Application,
    ApplicationSubsegment,
    Case,
    HumanTask,
    Provider,
    Region,
    RegistrationWindow,
    Subsegment,
    WindowSubsegment,
)
from workflows import case_reads, cases, commands, deadlines, mail, overlap
from workflows.access import require_read, require_role
from workflows.actors import Actor
from workflows.deadlines import case_terms
from workflows.errors import Conflict, InvalidInput, NotAllowed, NotFound
from workflows.uow import UnitOfWork
from workflows.views import CaseView

MAX_SUPPLEMENT_ROUNDS = 2


@dataclass(frozen=True)
class WindowView:
    window_id: int
    title: str
    opens_at: datetime
    closes_at: datetime
    subsegments: tuple[str, ...]


def open_window(uow: UnitOfWork, actor: Actor, *, region_id: int, title: str,
                decision_reference: str, opens_at: datetime, closes_at: datetime,
                subsegment_codes: list[str]) -> WindowView:
    """Open registration for named admission subsegments, by a separate decision."""
    require_role(actor, "decision_maker", "admin", "system")
    if closes_at <= opens_at:
        raise InvalidInput("De sluitingsdatum ligt niet na de openingsdatum.",
                           {"closes_at": ["moet na opens_at liggen"]})
    subsegments = _admission_subsegments(uow, subsegment_codes)
    window = RegistrationWindow(region_id=region_id, title=title,
                                decision_reference=decision_reference, opens_at=opens_at,
                                closes_at=closes_at, created_by=actor.email)
    uow.session.add(window)
    uow.session.flush()
    uow.session.add_all(WindowSubsegment(window_id=window.id, subsegment_id=s.id)
                        for s in subsegments)
    uow.session.flush()
    return WindowView(window.id, title, opens_at, closes_at,
                      tuple(s.code for s in subsegments))


def _admission_subsegments(uow: UnitOfWork, codes: list[str]) -> list[Subsegment]:
    found = uow.session.scalars(select(Subsegment).where(Subsegment.code.in_(codes))).all()
    missing = sorted(set(codes) - {s.code for s in found})
    tender = sorted(s.code for s in found if s.procurement_form != "admission")
    if missing or tender or not codes:
        raise InvalidInput("Niet open te stellen subsegmenten.",
                           {"subsegment_codes": [f"onbekend: {c}" for c in missing]
                            + [f"wordt aanbesteed: {c}" for c in tender] or ["geen"]})
    return list(found)


def submit_application(uow: UnitOfWork, actor: Actor, *, window_id: int,
                       subsegment_codes: list[str], incumbent: bool = False,
                       current_clients: int = 0) -> CaseView:
    """Apply within an open window; the decision term (Awb 4:13) starts the day after."""
    require_role(actor, "applicant")
    provider = uow.session.get(Provider, actor.provider_id)
    window = uow.session.get(RegistrationWindow, window_id)
    if provider is None or window is None:
        raise NotFound("Deze openstelling bestaat niet.")
    now = clock.now()
    if not window.opens_at <= now < window.closes_at:
        raise Conflict("De inschrijving voor deze openstelling is niet open.")
    offered = _window_codes(uow, window_id)
    if not subsegment_codes or set(subsegment_codes) - offered.keys():
        raise InvalidInput("Kies subsegmenten uit deze openstelling.",
                           {"subsegment_codes": sorted(set(subsegment_codes) - offered.keys())
                            or ["kies er minstens één"]})
    chosen = sorted(set(subsegment_codes))
    app = Application(reference=f"nieuw-{uuid4().hex[:24]}", provider_id=provider.id,
                      window_id=window_id, incumbent=incumbent, current_clients=current_clients,
                      received_on=deadlines.local_day(now), submitted_by=actor.email)
    uow.session.add(app)
    uow.session.flush()
    uow.session.add_all(ApplicationSubsegment(application_id=app.id, subsegment_id=offered[c])
                        for c in chosen)
    return _start_admission(uow, actor, provider, window, app, chosen)


def submit_draft(uow: UnitOfWork, actor: Actor, *, application_id: int,
                 declaration: bool) -> CaseView:
    """Submit a draft from the portal, declared truthful, while its window is open; this
    starts the case and the decision term (Awb 4:13) the day after."""
    app = _own_draft(uow, actor, application_id)
    if not declaration:
        raise InvalidInput("Verklaar dat u alles naar waarheid hebt ingevuld.",
                           {"declaration": ["Kruis aan dat u alles naar waarheid hebt "
                                            "ingevuld."]})
    window = uow.session.get(RegistrationWindow, app.window_id)
    provider = uow.session.get(Provider, app.provider_id)
    if window is None or provider is None:
        raise NotFound("Deze aanvraag bestaat niet.")
    if not window.opens_at <= clock.now() < window.closes_at:
        raise Conflict("De inschrijving is gesloten, dus u kunt deze aanvraag niet meer "
                       "indienen. U kunt pas weer een aanvraag doen als er een nieuwe "
                       "openstelling is.")
    offered = {sid: code for code, sid in _window_codes(uow, window.id).items()}
    chosen_ids = uow.session.scalars(select(ApplicationSubsegment.subsegment_id).where(
        ApplicationSubsegment.application_id == app.id)).all()
    chosen = sorted(offered[s] for s in chosen_ids if s in offered)
    if not chosen:
        raise InvalidInput("Kies eerst minstens één soort zorg.",
                           {"subsegment_codes": ["Kies er minstens één."]})
    overlap.refuse_overlap(uow, provider.id, window.region_id,
                           [s for s in chosen_ids if s in offered], app.id)
    app.received_on = deadlines.local_day(clock.now())
    app.submitted_by = actor.email
    return _start_admission(uow, actor, provider, window, app, chosen)


def _own_draft(uow: UnitOfWork, actor: Actor, application_id: int) -> Application:
    require_role(actor, "applicant")
    app = uow.session.get(Application, application_id)
    if app is None or app.provider_id != actor.provider_id or app.case_id is not None:
        raise NotFound("Deze conceptaanvraag bestaat niet.")
    return app


def _start_admission(uow: UnitOfWork, actor: Actor, provider: Provider,
                     window: RegistrationWindow, app: Application, chosen: list[str]) -> CaseView:
    received = app.received_on
    app.submitted_at = clock.now()
    # From the id, not a count: two submissions at once never get the same reference.
    app.reference = f"TW-{received.year}-{app.id:05d}"
    region = uow.session.get(Region, window.region_id)
    facts = {"application_id": app.id, "reference": app.reference, "provider": provider.name,
             "subsegments": chosen, "incumbent": app.incumbent,
             "received_on": received.isoformat(), "decision_weeks": case_terms.DECISION_WEEKS,
             "legal_model": region.legal_model if region else deadlines.DEFAULT_MODEL,
             "suspensions": [], "supplement_rounds": 0,
             "max_supplement_rounds": MAX_SUPPLEMENT_ROUNDS}
    data = {**facts, **case_terms.with_suspensions(facts, [])}
    case = commands.start_case(uow, actor, process_id="admission", data=data,
                               provider_id=provider.id)
    app.case_id = case.id
    uow.session.flush()
    mail.application_received(uow, case_id=case.id, to=provider.email, reference=app.reference,
                              received_on=received, decision_last_day=data["decision_last_day"])
    return case_reads.case_summary(uow, actor, case_id=case.id)


def _window_codes(uow: UnitOfWork, window_id: int) -> dict[str, int]:
    rows = uow.session.execute(select(Subsegment.code, Subsegment.id).join(
        WindowSubsegment, WindowSubsegment.subsegment_id == Subsegment.id)
        .where(WindowSubsegment.window_id == window_id)).all()
    return {code: sid for code, sid in rows}


def supplement_application(uow: UnitOfWork, actor: Actor, *, case_id: int,
                           data: dict[str, object]) -> CaseView:
    """The applicant supplements; this ends the suspension of the decision term (Awb 4:15)."""
    return cases.complete_task(uow, actor, task_id=_open_task(uow, actor, case_id,
                                                             "supplement_application"),
                               data=dict(data))


def withdraw_application(uow: UnitOfWork, actor: Actor, *, case_id: int,
                         reason: str) -> CaseView:
    """The applicant withdraws; possible until the decision is taken."""
    case = require_read(actor, uow.session.get(Case, case_id))
    if not (actor.has("applicant") and case.provider_id == actor.provider_id):
        raise NotAllowed("Alleen de aanvrager kan de eigen aanvraag intrekken.")
    if len(reason) > 2000:
        raise InvalidInput("De reden is te lang.", {"reason": ["maximaal 2000 tekens"]})
    try:
        cases.send_message(uow, actor, case_id, "withdrawal_requested",
                           {"reason": reason, "by": actor.email})
    except Conflict as err:
        raise Conflict("Intrekken kan niet meer: over deze aanvraag is al besloten.") from err
    return case_reads.case_summary(uow, actor, case_id=case_id)


def _open_task(uow: UnitOfWork, actor: Actor, case_id: int, bpmn_id: str) -> str:
    require_read(actor, uow.session.get(Case, case_id))
    task_id = uow.session.scalars(select(HumanTask.task_id).where(
        HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id,
        HumanTask.completed_at.is_(None))).first()
    if task_id is None:
        raise Conflict("Er staat voor deze aanvraag geen taak open om dit te doen.")
    return task_id
