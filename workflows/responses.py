"""The applicant's responses in the portal: supplement with documents, give views, answer
the LBB's questions. Each checks the case is the applicant's own (another organisation's
case does not exist for them) and runs the diagram's own task where there is one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from engine import clock, store
from engine.commands import current_data
from engine.store import PendingEvent
from models import Application, Case, HumanTask, Subsegment
from workflows import case_reads, cases, objections
from workflows import deadlines as dl
from workflows.access import require_read, require_role
from workflows.actors import Actor
from workflows.deadlines import case_terms
from workflows.errors import Conflict, InvalidInput, NotAllowed
from workflows.uow import UnitOfWork
from workflows.uploads import Upload, store_pdfs
from workflows.views import CaseView

MAX_TEXT = 20_000


@dataclass(frozen=True)
class RemedyForm:
    word: str  # "bezwaar" (Awb) or "klacht" (civil model)
    last_day: date | None  # None: not decided yet, nothing to object to
    choices: dict[str, str]  # the refused subsegments the remedy may name: code -> name


def remedy_form(uow: UnitOfWork, actor: Actor, *, case_id: int) -> RemedyForm:
    """What an objection (Awb 6:4) or complaint against my decision may be about, and
    until when (no date while there is no decision yet)."""
    case = _own(uow, actor, case_id)
    data = current_data(uow.session, case)
    if "decided_on" not in data:
        return RemedyForm(case_terms.model(data).remedy, None, {})
    refused = sorted(set(data.get("subsegments", [])) - set(data.get("admitted_subsegments", [])))
    names = {code: name for code, name in uow.session.execute(
        select(Subsegment.code, Subsegment.name).where(Subsegment.code.in_(refused))).all()}
    return RemedyForm(case_terms.model(data).remedy, date.fromisoformat(
        data["objection_last_day"]), {code: names.get(code, code) for code in refused})


def lodge_remedy(uow: UnitOfWork, actor: Actor, *, case_id: int, subsegments: list[str],
                 grounds: str, hearing_waived: bool = False) -> CaseView:
    """Lodge an objection or, in the civil model, a complaint against my decision, within
    its term (Awb 6:7); handled by legal counsel as a case of its own."""
    _own(uow, actor, case_id)
    return objections.lodge_objection(uow, actor, case_id=case_id, subsegments=subsegments,
                                      grounds=grounds, hearing_waived=hearing_waived)


def supplement_with_documents(uow: UnitOfWork, actor: Actor, *, case_id: int, note: str,
                              uploads: Sequence[Upload], directory: Path) -> CaseView:
    """The applicant supplements with an explanation and PDFs; this ends the suspension of
    the decision term (Awb 4:15), so the decision clock runs again from today."""
    case = _own(uow, actor, case_id)
    task_id = _open_task(uow, case.id, "supplement_application")
    app_id = uow.session.scalars(select(Application.id).where(
        Application.case_id == case.id)).one()
    stored = store_pdfs(uow, actor, application_id=app_id, uploads=uploads,
                        directory=directory)
    cases.complete_task(uow, actor, task_id=task_id, data={
        "supplement_note": note, "documents": [d.filename for d in stored]})
    return case_reads.case_summary(uow, actor, case_id=case.id)


def give_views(uow: UnitOfWork, actor: Actor, *, case_id: int, views: str) -> CaseView:
    """The applicant's views (zienswijze, Awb 4:8) on the intended decision, only within
    the views term."""
    case = _own(uow, actor, case_id)
    task_id = _open_task(uow, case.id, "submit_views")
    last = current_data(uow.session, case).get("views_last_day")
    if last and dl.local_day(clock.now()) > date.fromisoformat(last):
        raise Conflict("De termijn voor uw zienswijze is verstreken.")
    cases.complete_task(uow, actor, task_id=task_id, data={"views": views})
    return case_reads.case_summary(uow, actor, case_id=case.id)


def answer_lbb_questions(uow: UnitOfWork, actor: Actor, *, case_id: int,
                         answers: str) -> None:
    """The applicant answers the questions the LBB put to it while it prepares its advice
    (Wet Bibob art. 12); confidential Bibob information for the integrity officers."""
    case = _own(uow, actor, case_id)
    if not answers.strip() or len(answers) > MAX_TEXT:
        raise InvalidInput("Schrijf uw antwoorden.",
                           {"answers": [f"Vul dit veld in. Ten hoogste {MAX_TEXT} tekens."]})
    data = current_data(uow.session, case)
    if not data.get("lbb_requested_on") or data.get("lbb_advice_on") or case.completed:
        raise Conflict("Er loopt voor deze aanvraag geen adviesaanvraag bij het LBB.")
    store.lock_case(uow.session, case.id)
    store.append_events(uow.session, case.id, actor.email, clock.now(), [PendingEvent(
        "lbb_answers", {"answers": answers.strip(), "role": "applicant",
                        "confidential": True})])


def _own(uow: UnitOfWork, actor: Actor, case_id: int) -> Case:
    require_role(actor, "applicant")
    case = require_read(actor, uow.session.get(Case, case_id))
    if case.provider_id != actor.provider_id or case.process_id != "admission":
        raise NotAllowed("Alleen de aanvrager zelf kan op deze aanvraag reageren.")
    return case


def _open_task(uow: UnitOfWork, case_id: int, bpmn_id: str) -> str:
    task_id = uow.session.scalars(select(HumanTask.task_id).where(
        HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id,
        HumanTask.completed_at.is_(None))).first()
    if task_id is None:
        raise Conflict("Er staat voor deze aanvraag niets open om dit te doen.")
    return task_id
