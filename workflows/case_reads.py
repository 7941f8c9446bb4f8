"""Reading one case: its summary (phase, open tasks) and its page (with the case data the
reader's audience may see). Lists are in workflows.queries and never load a workflow."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import or_, select

from engine.commands import current_data
from models import Application, Case, HumanTask, Provider, Subsegment
from workflows import access, decision_term, disclosure, labels
from workflows.actors import Actor
from workflows.case_data import present
from workflows.deadlines import case_terms
from workflows.uow import UnitOfWork
from workflows.views import CaseView, TaskView


def case_summary(uow: UnitOfWork, actor: Actor, *, case_id: int) -> CaseView:
    """The case's phase and open tasks as the actor may see them (no case data)."""
    case = access.require_read(actor, uow.session.get(Case, case_id))
    return _summary(uow, actor, case)


def show_case(uow: UnitOfWork, actor: Actor, *, case_id: int) -> CaseView:
    """The case page: the summary plus the case data the actor's audience may read."""
    case = access.require_read(actor, uow.session.get(Case, case_id))
    names = {code: name for code, name in uow.session.execute(
        select(Subsegment.code, Subsegment.name)).all()}
    data = _current_decision_day(uow, actor, case, current_data(uow.session, case))
    items = present(data, disclosure.audience(actor), names)
    return replace(_summary(uow, actor, case), data=items)


def _current_decision_day(uow: UnitOfWork, actor: Actor, case: Case,
                          data: dict[str, object]) -> dict[str, object]:
    """The last day of the decision term as it stands now. The stored day is the one the
    last step computed; an extension by notice lives in the log and a suspension may have
    begun since, so the page would otherwise show another day than its deadlines panel."""
    if case.completed or "decided_on" in data or "decision_last_day" not in data:
        return data
    weeks = decision_term.extension_weeks(uow, actor, case_id=case.id)
    term = case_terms.decision_term({**data, "decision_extension_weeks": weeks})
    return {**data, "decision_last_day": term.date.isoformat()}


def _summary(uow: UnitOfWork, actor: Actor, case: Case) -> CaseView:
    rows = uow.session.scalars(select(HumanTask).where(
        HumanTask.case_id == case.id, HumanTask.completed_at.is_(None))
        .order_by(HumanTask.id)).all()
    reader = disclosure.audience(actor)
    tasks = []
    for r in rows:
        shown = disclosure.open_task(reader, r.bpmn_id, r.lane)
        if shown is not None:
            step, label, role_label = shown
            tasks.append(TaskView(r.task_id, step, label, r.lane, r.due_at, label, role_label))
    reference, provider = _reference(uow, case)
    return CaseView(case.id, case.process_id, case.status, case.completed, case.provider_id,
                    tuple(tasks), reference, provider,
                    labels.status(case.status, applicant=reader == "applicant"),
                    labels.process(case.process_id))


def _reference(uow: UnitOfWork, case: Case) -> tuple[str, str]:
    """The application's reference (a contract or bridging case has its parent's)."""
    found = uow.session.execute(
        select(Application.reference, Provider.name)
        .join(Provider, Provider.id == Application.provider_id)
        .where(or_(Application.case_id == case.id,
                   Application.case_id == case.parent_case_id))
        .order_by(Application.case_id != case.id)).first()
    if found is None:
        return f"Zaak {case.id}", ""
    reference, provider = found
    return (reference if case.process_id == "admission"
            else f"{reference} ({labels.process(case.process_id).lower()})"), provider
