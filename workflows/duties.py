"""Separation of duties: who assessed a case does not decide it, and a deviating decision
is confirmed by a second decision maker, not by who took it (vier-ogen).

The rule lives here; `cases.complete_task` enforces it and the task screen explains it
(`why_not`), so the screen can say why before anyone presses a button.
"""

from __future__ import annotations

from sqlalchemy import select

from models import HumanTask
from workflows.actors import Actor
from workflows.errors import NotAllowed
from workflows.tasks import ASSESSMENT_TASKS, REGISTRY
from workflows.uow import UnitOfWork


def why_not(uow: UnitOfWork, actor: Actor, row: HumanTask) -> str | None:
    """The Dutch reason why `actor` may not complete this task by separation of duties,
    or None when the rule allows it (role and organisation are checked in access)."""
    spec = REGISTRY.get(row.bpmn_id)
    if spec is None or actor.has("system"):
        return None
    if spec.decides:
        assessed = uow.session.scalars(select(HumanTask.bpmn_id).where(
            HumanTask.case_id == row.case_id, HumanTask.completed_by == actor.email,
            HumanTask.bpmn_id.in_(ASSESSMENT_TASKS)).order_by(HumanTask.id)).first()
        if assessed is not None:
            return ("U heeft deze aanvraag zelf beoordeeld (u deed de taak "
                    f"'{REGISTRY[assessed].label}'). Een ander neemt het besluit: zo kijken "
                    "er altijd twee mensen naar een aanvraag (vier-ogen).")
    if spec.second_of is not None and _last_completer(uow, row, spec.second_of) == actor.email:
        return (f"U deed zelf de taak '{REGISTRY[spec.second_of].label}'. Een tweede "
                "besluitnemer bevestigt dit besluit, niet u (vier-ogen).")
    return None


def require_allowed(uow: UnitOfWork, actor: Actor, row: HumanTask) -> None:
    """Refuse (NotAllowed) when separation of duties forbids the actor this task."""
    reason = why_not(uow, actor, row)
    if reason is not None:
        raise NotAllowed(reason)


def _last_completer(uow: UnitOfWork, row: HumanTask, bpmn_id: str) -> str | None:
    return uow.session.scalars(select(HumanTask.completed_by).where(
        HumanTask.case_id == row.case_id, HumanTask.bpmn_id == bpmn_id,
        HumanTask.completed_at.is_not(None)).order_by(HumanTask.id.desc())).first()
