"""Warnings about due dates: a task nearing its due date, and an overdue one.

Each warning is recorded once per task and kind as an event in the case's log and
mailed (through the outbox) to the assignee, or else to every member of the task's
role who wants such mail; applicant tasks become a reminder to the applicant's people.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import select

from engine import clock, store
from engine.store import PendingEvent
from models import Application, Case, HumanTask, Outbox, User, UserRole
from workflows import deadlines
from workflows.access import require_role
from workflows.actors import SYSTEM, Actor
from workflows.uow import UnitOfWork

DEFAULT_WORKING_DAYS = 2


def warn_from(due_at: datetime, working_days: int) -> datetime:
    """The start (Amsterdam) of the day `working_days` working days before the last day."""
    day = deadlines.local_day(due_at - timedelta(microseconds=1))
    counted = 0
    while counted < working_days:
        day -= timedelta(days=1)
        counted += deadlines.is_working_day(day)
    return deadlines.moment_after(day - timedelta(days=1))


def last_day(due_at: datetime) -> date:
    """The last day (Amsterdam) of a term that ends at `due_at`, the start of the next day."""
    return deadlines.local_day(due_at - timedelta(microseconds=1))


def raise_warnings(new_uow: Callable[[], UnitOfWork], actor: Actor,
                   working_days: int = DEFAULT_WORKING_DAYS) -> int:
    """Warn about every open task that is due soon or overdue; returns warnings raised."""
    require_role(actor, "system")
    now = clock.now()
    with new_uow() as uow:
        rows = uow.session.execute(select(HumanTask.id, HumanTask.due_at).where(
            HumanTask.completed_at.is_(None), HumanTask.due_at.is_not(None))).all()
    raised = 0
    for task_row_id, due_at in rows:
        if due_at is None:
            continue
        if due_at <= now:
            raised += _warn(new_uow, task_row_id, "overdue", now)
        elif warn_from(due_at, working_days) <= now:
            raised += _warn(new_uow, task_row_id, "due_soon", now)
    return raised


def _warn(new_uow: Callable[[], UnitOfWork], task_row_id: int, kind: str,
          now: datetime) -> bool:
    with new_uow() as uow:
        task = uow.session.get(HumanTask, task_row_id)
        if task is None or store.lock_case(uow.session, task.case_id) is None:
            return False
        uow.session.refresh(task)
        marker = "warned_overdue_at" if kind == "overdue" else "warned_due_soon_at"
        if task.completed_at is not None or getattr(task, marker) is not None:
            return False
        setattr(task, marker, now)
        recipients = _recipients(uow, task)
        store.append_events(uow.session, task.case_id, SYSTEM.email, now, [PendingEvent(
            "warning", {"kind": kind, "task_id": task.task_id, "task": task.bpmn_id,
                        "due_at": task.due_at.isoformat() if task.due_at else None,
                        "recipients": recipients})])
        for email in recipients:
            _mail(uow, task, kind, email, now)
        uow.commit()
        return True


def _recipients(uow: UnitOfWork, task: HumanTask) -> list[str]:
    if task.assignee:
        stmt = select(User.email).where(User.email == task.assignee)
    elif task.lane == "applicant":
        case = uow.session.get(Case, task.case_id)
        stmt = select(User.email).where(User.provider_id == (case.provider_id if case else -1))
    else:
        stmt = select(User.email).join(UserRole, UserRole.user_id == User.id).where(
            UserRole.role == task.lane)
    return sorted(uow.session.scalars(stmt.where(User.warning_mail.is_(True))).all())


def _mail(uow: UnitOfWork, task: HumanTask, kind: str, email: str, now: datetime) -> None:
    reference = uow.session.scalars(select(Application.reference).where(
        Application.case_id == task.case_id)).first()
    mail_kind = "response_reminder" if task.lane == "applicant" else f"task_{kind}"
    payload = {"kind": mail_kind, "to": email, "case_id": task.case_id, "task": task.name,
               "due_at": task.due_at.isoformat() if task.due_at else None,
               "last_day": last_day(task.due_at).isoformat() if task.due_at else None,
               "reference": reference}
    uow.session.add(Outbox(case_id=task.case_id, kind="mail",
                           idempotency_key=f"warning/{task.task_id}/{kind}/"
                                           f"{payload['due_at']}/{email}",
                           payload=json.dumps(payload, sort_keys=True), created_at=now,
                           next_attempt_at=now))
