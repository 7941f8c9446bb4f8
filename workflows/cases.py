"""Generic case use cases: complete a task, tick a case, deliver a message, look."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engine import clock
from engine.commands import Command, Outcome
from engine.errors import TaskNotReady
from models import Case, HumanTask, User
from workflows import access, assignment, case_reads, decision_term, duties, mail
from workflows.actors import Actor
from workflows.commands import run_command
from workflows.errors import Conflict, NotAllowed, NotFound, TaskAlreadyDone
from workflows.tasks import load_form, task_spec
from workflows.uow import UnitOfWork
from workflows.views import CaseView


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
        raise already_done(uow, row)
    assignment.require_assignee(uow, actor, row)
    spec = task_spec(row.bpmn_id)
    duties.require_allowed(uow, actor, row)
    form = load_form(spec, data)
    now = clock.now()
    weeks = decision_term.extension_weeks(uow, actor, case_id=case.id)  # once per command

    def prepare(current: dict[str, Any]) -> dict[str, Any]:
        if spec.derive is None:
            return {}
        return spec.derive(form, {**current, "decision_extension_weeks": weeks}, actor, now)

    command = Command("task_completed", {"task_id": task_id, "task": row.bpmn_id, "data": form})
    with clock.pinned(now):
        try:
            outcome = run_command(uow, case.id, actor, command, prepare, weeks)
        except Conflict as err:  # completed while we waited for the case's lock?
            if not isinstance(err.__cause__, TaskNotReady):
                raise  # busy, or a stale version: the transaction may be spent
            uow.session.refresh(row)
            if row.completed_at is not None:
                raise already_done(uow, row) from None
            raise
        decision_term.refresh_decision_dues(uow, actor, case_id=case.id, weeks=weeks,
                                            data=outcome.data)
        mail.response_received(uow, case=case, task=row)
    return case_reads.case_summary(uow, actor, case_id=case.id)


def already_done(uow: UnitOfWork, row: HumanTask) -> TaskAlreadyDone:
    """The conflict of completing a task someone else completed: who, and when."""
    name = uow.session.scalars(select(User.name).where(
        User.email == row.completed_by)).first() if row.completed_by else None
    return TaskAlreadyDone(row.completed_by, name, row.completed_at)


def tick_case(uow: UnitOfWork, actor: Actor, case_id: int) -> Outcome:
    """Fire the case's due timers (clock: now) and run what follows."""
    access.require_role(actor, "system", "admin")
    access.require_read(actor, uow.session.get(Case, case_id))
    weeks = decision_term.extension_weeks(uow, actor, case_id=case_id)
    outcome = run_command(uow, case_id, actor, Command("tick"), extension_weeks=weeks)
    decision_term.refresh_decision_dues(uow, actor, case_id=case_id, weeks=weeks,
                                        data=outcome.data)
    return outcome


# Who may send which message into a case: the applicant's own organisation withdraws.
MESSAGE_SENDERS = {"withdrawal_requested": "applicant"}


def send_message(uow: UnitOfWork, actor: Actor, case_id: int, name: str,
                 data: dict[str, Any]) -> Outcome:
    """Deliver a message to the case, from whom the message table allows."""
    case = access.require_read(actor, uow.session.get(Case, case_id))
    sender = MESSAGE_SENDERS.get(name)
    own = actor.has("applicant") and case.provider_id == actor.provider_id
    if not (actor.has("system") or (sender == "applicant" and own)
            or (sender is not None and sender != "applicant" and actor.has(sender))):
        raise NotAllowed("U kunt dit bericht niet in deze zaak sturen.")
    return run_command(uow, case_id, actor, Command("message", {"name": name, "data": data}))
