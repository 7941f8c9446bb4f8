"""Generic case use cases: complete a task, tick a case, deliver a message, look."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engine import clock
from engine.commands import Command, Outcome
from models import Case, HumanTask
from workflows import access, decision_term, derive
from workflows.actors import Actor
from workflows.commands import run_command
from workflows.errors import Conflict, NotAllowed, NotFound
from workflows.forms import load_task_form
from workflows.uow import UnitOfWork
from workflows.views import CaseView, TaskView


def complete_task(uow: UnitOfWork, actor: Actor, *, task_id: str,
                  data: dict[str, Any]) -> CaseView:
    """Validate the form, check role, organisation and four-eyes, then complete the task."""
    found = uow.session.execute(select(HumanTask, Case).join(Case, Case.id == HumanTask.case_id)
                                .where(HumanTask.task_id == task_id)).first()
    if found is None:
        raise NotFound("Deze taak bestaat niet.")
    row, case = found  # the case without its state: the command loads that
    access.require_read(actor, case)
    access.require_task(actor, case, row)
    if row.completed_at is not None:
        raise Conflict("Deze taak is al afgerond.")
    _require_four_eyes(uow, actor, row)
    form = load_task_form(row.bpmn_id, data)
    now = clock.now()
    weeks = decision_term.extension_weeks(uow, case.id)  # once for the whole command

    def prepare(current: dict[str, Any]) -> dict[str, Any]:
        current = {**current, "decision_extension_weeks": weeks}
        return derive.derive(row.bpmn_id, form, current, actor, now)

    command = Command("task_completed", {"task_id": task_id, "task": row.bpmn_id, "data": form})
    with clock.pinned(now):
        run_command(uow, case.id, actor, command, prepare, weeks)
        decision_term.refresh_decision_dues(uow, case.id, weeks)
    return case_view(uow, case.id)


def _require_four_eyes(uow: UnitOfWork, actor: Actor, row: HumanTask) -> None:
    """Who assessed a case may not decide it (separation of duties)."""
    if row.bpmn_id not in access.DECISION_TASKS:
        return
    assessed = uow.session.scalars(select(HumanTask.bpmn_id).where(
        HumanTask.case_id == row.case_id, HumanTask.completed_by == actor.email,
        HumanTask.bpmn_id.in_(access.ASSESSMENT_TASKS))).first()
    if assessed is not None:
        raise NotAllowed("U heeft deze aanvraag zelf beoordeeld (taak "
                         f"'{assessed}'); een ander moet het besluit nemen (vier-ogen).")


def tick_case(uow: UnitOfWork, actor: Actor, case_id: int) -> Outcome:
    """Fire the case's due timers (clock: now) and run what follows."""
    access.require_role(actor, "system", "admin")
    access.require_read(actor, uow.session.get(Case, case_id))
    weeks = decision_term.extension_weeks(uow, case_id)
    outcome = run_command(uow, case_id, actor, Command("tick"), extension_weeks=weeks)
    decision_term.refresh_decision_dues(uow, case_id, weeks)
    return outcome


def send_message(uow: UnitOfWork, actor: Actor, case_id: int, name: str,
                 data: dict[str, Any]) -> Outcome:
    """Deliver a message to the case; the calling use case has checked who may send it."""
    access.require_read(actor, uow.session.get(Case, case_id))
    return run_command(uow, case_id, actor, Command("message", {"name": name, "data": data}))


def case_view(uow: UnitOfWork, case_id: int) -> CaseView:
    case = uow.session.get(Case, case_id)
    if case is None:
        raise NotFound("Deze zaak bestaat niet.")
    rows = uow.session.scalars(select(HumanTask).where(
        HumanTask.case_id == case_id, HumanTask.completed_at.is_(None))
        .order_by(HumanTask.id)).all()
    tasks = tuple(TaskView(r.task_id, r.bpmn_id, r.name, r.lane, r.due_at) for r in rows)
    return CaseView(case.id, case.process_id, case.status, case.completed, case.provider_id,
                    tasks)


def show_case(uow: UnitOfWork, actor: Actor, *, case_id: int) -> CaseView:
    """The case as the actor may see it."""
    access.require_read(actor, uow.session.get(Case, case_id))
    return case_view(uow, case_id)
