"""Completing a task from its screen: first what will happen (the confirmation step of an
irreversible task, checked like the completion itself but changing nothing), then the
completion, which also forgets the person's draft."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from engine import clock
from engine.commands import current_data
from models import Case, HumanTask, Subsegment
from workflows import access, cases, decision_term, drafts, duties
from workflows.actors import Actor
from workflows.case_data import DataItem, present_form
from workflows.errors import NotFound
from workflows.task_screen import remedy_note
from workflows.tasks import load_form, task_spec
from workflows.tasks.admission import BACK_TO_VIEWS, OUTCOMES, deviation
from workflows.uow import UnitOfWork
from workflows.views import CaseView

FINAL = "Dit kan daarna niet meer ongedaan worden gemaakt."


@dataclass(frozen=True)
class Preview:
    consequence: str
    summary: tuple[DataItem, ...]


def preview_completion(uow: UnitOfWork, actor: Actor, *, task_id: str,
                       data: dict[str, Any]) -> Preview:
    """What completing the task with this data will do, after the same checks as the
    completion (role, four-eyes, the form, the procedure's rules); nothing changes."""
    row, case = _task(uow, actor, task_id)
    if row.completed_at is not None:
        raise cases.already_done(uow, row)
    spec = task_spec(row.bpmn_id)
    duties.require_allowed(uow, actor, row)
    form = load_form(spec, data)
    current = {**current_data(uow.session, case), "decision_extension_weeks":
               decision_term.extension_weeks(uow, actor, case_id=case.id)}
    if spec.derive is not None:  # raises InvalidInput just as the completion would
        spec.derive(form, current, actor, clock.now())
    names = {c: n for c, n in uow.session.execute(select(Subsegment.code, Subsegment.name)).all()}
    return Preview(_consequence(row.bpmn_id, form, current), present_form(spec, form, names))


def complete_from_screen(uow: UnitOfWork, actor: Actor, *, task_id: str,
                         data: dict[str, Any]) -> CaseView:
    """Complete the task (cases.complete_task) and forget the actor's draft of it."""
    view = cases.complete_task(uow, actor, task_id=task_id, data=data)
    drafts.discard_draft(uow, actor, task_id=task_id)
    return view


def _task(uow: UnitOfWork, actor: Actor, task_id: str) -> tuple[HumanTask, Case]:
    found = uow.session.execute(select(HumanTask, Case).join(
        Case, Case.id == HumanTask.case_id).where(HumanTask.task_id == task_id)).first()
    if found is None:
        raise NotFound("Deze taak bestaat niet.")
    row, case = found
    access.require_read(actor, case)
    access.require_task(actor, case, row)
    return row, case


def _consequence(bpmn_id: str, form: dict[str, Any], data: dict[str, Any]) -> str:
    if bpmn_id == "decide_admission":
        outcome = form["outcome"]
        if outcome == BACK_TO_VIEWS:
            return ("De zaak gaat terug naar de jurist, die de aanvrager om een zienswijze "
                    "vraagt. Daarna besluit u opnieuw.")
        if deviation(form["admitted_subsegments"], data):
            return ("Dit besluit wijkt af van de toetsen. Het wordt pas genomen als een "
                    "tweede besluitnemer de afwijking bevestigt; de afwijking en uw "
                    "motivering komen in de zaakgeschiedenis.")
        return (f"U neemt het besluit '{OUTCOMES[outcome]}'. De beschikking wordt vastgelegd "
                f"en aan de aanvrager verstuurd. {FINAL} {remedy_note(data)}")
    if bpmn_id == "confirm_deviation":
        if form["deviation_confirmed"]:
            return ("U bevestigt het afwijkende besluit. De beschikking wordt vastgelegd en "
                    f"aan de aanvrager verstuurd. {FINAL} {remedy_note(data)}")
        return "De zaak gaat terug naar de besluitnemer voor een nieuw besluit."
    if bpmn_id == "prepare_views_request":
        return f"De aanvrager krijgt het zienswijzeverzoek met uw redenen. {FINAL}"
    return f"{OTHERS.get((bpmn_id, _first_answer(form)), NEXT)} {FINAL}"


def _first_answer(form: dict[str, Any]) -> bool | None:
    answer = next(iter(form.values()), None)
    return answer if isinstance(answer, bool) else None


NEXT = "De taak wordt afgerond en de zaak gaat naar de volgende stap."
# (task, its first yes/no answer) -> what completing it sets in motion
OTHERS: dict[tuple[str, bool | None], str] = {
    ("check_completeness", True): "De aanvraag is volledig: de integriteits- en de "
                                  "kwaliteitstoets beginnen.",
    ("check_completeness", False): "De aanvrager krijgt een verzoek om aanvulling met de "
                                   "lijst van wat ontbreekt; de beslistermijn wordt "
                                   "opgeschort.",
    ("decide_lbb_request", True): "Het Landelijk Bureau Bibob wordt om advies gevraagd; de "
                                  "beslistermijn wordt opgeschort.",
    ("decide_lbb_request", False): "Er wordt geen advies aan het LBB gevraagd; de "
                                   "integriteitstoets gaat verder.",
    ("decide_extension", True): "De overeenkomst wordt met twee jaar verlengd.",
    ("decide_extension", False): "De overeenkomst wordt niet verlengd en eindigt aan het "
                                 "einde van de looptijd.",
}
