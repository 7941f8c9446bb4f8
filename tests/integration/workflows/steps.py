"""Small helpers for walking a case through its tasks in tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from models import HumanTask
from workflows import case_reads, cases
from workflows.actors import SYSTEM, Actor
from workflows.uow import UnitOfWork
from workflows.views import CaseView

UowFactory = Callable[[], UnitOfWork]


def open_task(uow: UowFactory, case_id: int, bpmn_id: str) -> str:
    with uow() as u:
        task_id = u.session.scalars(select(HumanTask.task_id).where(
            HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id,
            HumanTask.completed_at.is_(None))).first()
    assert task_id is not None, f"task {bpmn_id} is not open"
    return task_id


def do(uow: UowFactory, actor: Actor, case_id: int, bpmn_id: str, **data: Any) -> CaseView:
    task_id = open_task(uow, case_id, bpmn_id)
    with uow() as u:
        view = cases.complete_task(u, actor, task_id=task_id, data=data)
        u.commit()
    return view


def tick(uow: UowFactory, actor: Actor, case_id: int) -> None:
    with uow() as u:
        cases.tick_case(u, actor, case_id)
        u.commit()


def open_tasks(uow: UowFactory, case_id: int) -> list[tuple[str, str | None]]:
    with uow() as u:
        view = case_reads.case_summary(u, SYSTEM, case_id=case_id)
    return sorted((t.bpmn_id, t.lane) for t in view.open_tasks)
