"""The demo's team: a coordinator of the screening officers, and open tasks spread over
people, so every tab of the inbox has something to show."""

from __future__ import annotations

from sqlalchemy import select

from models import HumanTask
from workflows import assignment, people
from workflows.actors import SYSTEM
from workflows.demo.steps import Demo
from workflows.uow import UnitOfWork

COORDINATOR = "coordinator@demo.test"


def add_coordinator(uow: UnitOfWork, demo: Demo, password: str) -> tuple[str, str]:
    """A screening officer who leads the team (distributes and returns its tasks)."""
    lead = people.create_user(uow, SYSTEM, email=COORDINATOR, name="Coördinator screening",
                              password=password, roles=["screening_officer"])
    if lead.user_id is None:
        raise RuntimeError("demo: de coördinator heeft geen id")
    assignment.appoint_coordinator(uow, SYSTEM, user_id=lead.user_id,
                                   role="screening_officer")
    demo.staff["coordinator"] = lead
    return COORDINATOR, "screening_officer (coördinator)"


def spread_tasks(d: Demo) -> None:
    """Open: taken verdeeld over het team"""
    d.submit(1, 0, ["ambulant_behandeling"])
    newest = d.submit(0.5, 1, ["wonen_gezinshuis"])
    screening = _open(d, "screening_officer")
    d.run(0.4, assignment.claim_task, d.staff["coordinator"],
          task_id=next(t for t, case in screening if case != newest and case != screening[0][1]))
    d.run(0.3, assignment.claim_task, d.staff["screening_officer"], task_id=screening[0][0])
    d.run(0.3, assignment.claim_task, d.staff["integrity_officer"],
          task_id=_open(d, "integrity_officer")[0][0])


def _open(d: Demo, lane: str) -> list[tuple[str, int]]:
    """Open tasks of a lane: (task id, case), oldest case first."""
    with d.db.uow() as uow:
        rows = uow.session.execute(select(HumanTask.task_id, HumanTask.case_id).where(
            HumanTask.lane == lane, HumanTask.completed_at.is_(None))
            .order_by(HumanTask.case_id, HumanTask.id)).all()
    return [(task_id, case_id) for task_id, case_id in rows]
