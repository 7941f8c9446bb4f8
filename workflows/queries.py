"""Read side: flat queries over the projection tables; a list never loads a workflow."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from models import Application, Case, HumanTask, Provider
from workflows.access import can_read_case
from workflows.actors import Actor
from workflows.uow import UnitOfWork


@dataclass(frozen=True)
class CaseRow:
    case_id: int
    process_id: str
    reference: str
    provider: str
    status: str
    open_tasks: tuple[str, ...]


def list_cases(uow: UnitOfWork, actor: Actor, *, status: str | None = None,
               process_id: str | None = None) -> list[CaseRow]:
    """Every case the actor may see, newest first, with its open tasks."""
    stmt = (select(Case, Provider.name, Application.reference)
            .outerjoin(Provider, Provider.id == Case.provider_id)
            .outerjoin(Application, Application.case_id == Case.id)
            .order_by(Case.id.desc()))
    if status:
        stmt = stmt.where(Case.status == status)
    if process_id:
        stmt = stmt.where(Case.process_id == process_id)
    if not (actor.is_officer or actor.has("auditor") or actor.has("admin")
            or actor.has("system")):
        stmt = stmt.where(Case.provider_id == actor.provider_id)
    rows = [(c, p, r) for c, p, r in uow.session.execute(stmt).all() if can_read_case(actor, c)]
    tasks = _open_tasks(uow, [c.id for c, _, _ in rows])
    return [CaseRow(c.id, c.process_id, ref or "", p or "", c.status, tasks.get(c.id, ()))
            for c, p, ref in rows]


def _open_tasks(uow: UnitOfWork, case_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not case_ids:
        return {}
    found: dict[int, list[str]] = {}
    stmt = (select(HumanTask.case_id, HumanTask.bpmn_id)
            .where(HumanTask.case_id.in_(case_ids), HumanTask.completed_at.is_(None))
            .order_by(HumanTask.id))
    for case_id, bpmn_id in uow.session.execute(stmt).all():
        found.setdefault(case_id, []).append(bpmn_id)
    return {k: tuple(v) for k, v in found.items()}
