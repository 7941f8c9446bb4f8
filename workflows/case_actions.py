"""Officers' actions on a case outside the diagram's own task screens: ask the applicant
to supplement, record the LBB's questions to the applicant, add an internal note, record
a withdrawal the applicant sent by letter or mail. Each is a case event in the
hash-chained log. The notice of default and the extension of the
decision term are in workflows.decision_term.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from engine import clock, store
from engine.commands import Command, current_data
from engine.store import PendingEvent
from models import Case, HumanTask
from workflows import cases, disclosure, labels
from workflows import deadlines as dl
from workflows.access import require_read, require_role
from workflows.actors import Actor
from workflows.commands import run_command
from workflows.deadlines import case_terms
from workflows.errors import Conflict, InvalidInput, NotAllowed
from workflows.uow import UnitOfWork

MAX_NOTE = 5000
WITHDRAWAL_ROLES = ("screening_officer", "legal_counsel")
NOTE_ROLES = ("screening_officer", "integrity_officer", "quality_assessor", "legal_counsel",
              "decision_maker", "contract_manager")


@dataclass(frozen=True)
class SupplementTerm:
    last_day: date
    explanation: tuple[str, ...]


def supplement_term(uow: UnitOfWork, actor: Actor, *, case_id: int) -> SupplementTerm:
    """The term the applicant would get if asked to supplement today (Awb 4:5 lid 1)."""
    case = require_read(actor, uow.session.get(Case, case_id))
    term = dl.supplement_deadline(dl.local_day(clock.now()), weeks=case_terms.SUPPLEMENT_WEEKS,
                                  regime=case_terms.model(current_data(uow.session, case))
                                  .regime("supplement"))
    return SupplementTerm(term.date, term.explanation)


def under_awb(uow: UnitOfWork, actor: Actor, *, case_id: int) -> bool:
    """Whether the case's legal model is the Awb (else civil: no Awb article applies)."""
    case = require_read(actor, uow.session.get(Case, case_id))
    return case_terms.model(current_data(uow.session, case)).objection


def request_supplement(uow: UnitOfWork, actor: Actor, *, case_id: int,
                       missing_items: list[str], note: str = "") -> date:
    """Ask the applicant to supplement within the supplement term (Awb 4:5): the open
    completeness check is concluded as incomplete, which suspends the decision term
    (Awb 4:15 lid 1 onder a). Returns the last day to supplement."""
    require_read(actor, uow.session.get(Case, case_id))
    require_role(actor, "screening_officer")
    items = [m.strip() for m in missing_items if m.strip()]
    if not items:
        raise InvalidInput("Noem wat er ontbreekt.",
                           {"missing_items": ["Noem ten minste één onderdeel."]})
    task_id = uow.session.scalars(select(HumanTask.task_id).where(
        HumanTask.case_id == case_id, HumanTask.bpmn_id == "check_completeness",
        HumanTask.completed_at.is_(None))).first()
    if task_id is None:
        raise Conflict("Om aanvulling vragen kan alleen terwijl de volledigheid van de "
                       "aanvraag wordt beoordeeld.")
    cases.complete_task(uow, actor, task_id=task_id, data={
        "complete": False, "missing_items": items, "completeness_note": note})
    case = require_read(actor, uow.session.get(Case, case_id))
    return date.fromisoformat(current_data(uow.session, case)["supplement_last_day"])


def record_lbb_questions(uow: UnitOfWork, actor: Actor, *, case_id: int,
                         questions: list[str], asked_on: date) -> None:
    """Record the questions the LBB put to the applicant while preparing its advice
    (Wet Bibob art. 15); confidential Bibob information."""
    case = require_read(actor, uow.session.get(Case, case_id))
    require_role(actor, "integrity_officer")
    items = [q.strip() for q in questions if q.strip()]
    errors: dict[str, list[str]] = {}
    if not items:
        errors["questions"] = ["Noem ten minste één vraag."]
    if asked_on > dl.local_day(clock.now()):
        errors["asked_on"] = ["De datum ligt in de toekomst."]
    data = current_data(uow.session, case)
    requested = data.get("lbb_requested_on")
    if requested and asked_on < date.fromisoformat(requested):
        errors["asked_on"] = ["Het LBB kan pas vragen stellen nadat om advies is gevraagd."]
    if errors:
        raise InvalidInput("Niet alle velden zijn goed ingevuld.", errors)
    if not requested or data.get("lbb_advice_on") or case.completed:
        raise Conflict("Er loopt in deze zaak geen adviesaanvraag bij het LBB.")
    _append(uow, actor, case_id, "lbb_questions", {
        "questions": items, "asked_on": asked_on.isoformat(), "role": "integrity_officer",
        "confidential": True})


def add_internal_note(uow: UnitOfWork, actor: Actor, *, case_id: int, text: str,
                      task_id: str | None = None) -> None:
    """Add a note for colleagues to the case or one of its tasks; never shown to the
    applicant. A note on an integrity task is confidential Bibob information."""
    require_read(actor, uow.session.get(Case, case_id))
    role = next((r for r in NOTE_ROLES if actor.has(r)), None)
    if role is None:
        raise NotAllowed("Alleen medewerkers die aan zaken werken kunnen notities maken.")
    if not text.strip() or len(text) > MAX_NOTE:
        raise InvalidInput("Schrijf een notitie.",
                           {"text": [f"Vul dit veld in. Ten hoogste {MAX_NOTE} tekens."]})
    payload: dict[str, object] = {"text": text.strip(), "role": role, "confidential": False}
    if task_id:
        task = uow.session.scalars(select(HumanTask).where(
            HumanTask.case_id == case_id, HumanTask.task_id == task_id)).first()
        shown = None if task is None else disclosure.open_task(
            disclosure.audience(actor), task.bpmn_id, task.lane)
        if task is None or shown is None or not shown[0]:
            raise InvalidInput("Kies een taak van deze zaak.", {"task_id": ["Kies een taak."]})
        payload.update(task_id=task_id, task=task.bpmn_id, task_label=labels.task(task.bpmn_id),
                       confidential=task.lane == "integrity_officer")
    _append(uow, actor, case_id, "internal_note", payload)


def withdraw_on_behalf(uow: UnitOfWork, actor: Actor, *, case_id: int, reason: str,
                       received_on: date) -> None:
    """Record a withdrawal the applicant sent outside the portal (by letter or mail): the
    case ends as withdrawn, as when the applicant withdraws itself; possible until the
    decision. The history says who recorded it and when the applicant's message came."""
    case = require_read(actor, uow.session.get(Case, case_id))
    require_role(actor, *WITHDRAWAL_ROLES)
    errors: dict[str, list[str]] = {}
    if not reason.strip() or len(reason) > MAX_NOTE:
        errors["reason"] = [f"Vul dit veld in. Ten hoogste {MAX_NOTE} tekens."]
    if received_on > dl.local_day(clock.now()):
        errors["received_on"] = ["De datum ligt in de toekomst."]
    if errors:
        raise InvalidInput("Niet alle velden zijn goed ingevuld.", errors)
    if case.completed or case.process_id != "admission":
        raise Conflict("Intrekken kan niet meer: over deze aanvraag is al besloten.")
    try:
        run_command(uow, case_id, actor, Command("message", {
            "name": "withdrawal_requested",
            "data": {"reason": reason.strip(), "by": actor.email, "on_behalf": True,
                     "received_on": received_on.isoformat(),
                     "role": next(r for r in WITHDRAWAL_ROLES if actor.has(r))}}))
    except Conflict as err:
        raise Conflict("Intrekken kan niet meer: over deze aanvraag is al besloten.") from err


def _append(uow: UnitOfWork, actor: Actor, case_id: int, kind: str,
            payload: dict[str, object]) -> None:
    store.lock_case(uow.session, case_id)
    store.append_events(uow.session, case_id, actor.email, clock.now(),
                        [PendingEvent(kind, payload)])
