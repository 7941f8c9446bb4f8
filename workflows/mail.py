"""Mail without a letter, queued in the command's transaction and sent after commit: the
receipt of an application and, to the officers, that an applicant responded.

Letters (with their PDF) are queued by the `send_letter` service task; reminders before a
response term ends by workflows.jobs.due_warnings.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import or_, select

from engine import clock
from models import Application, Case, HumanTask, Outbox, User
from workflows import deadlines
from workflows.uow import UnitOfWork

# Applicant tasks whose completion is a response the officers wait for.
RESPONSES = {"supplement_application": "Aanvulling op de aanvraag",
             "submit_views": "Zienswijze op het voorgenomen besluit"}


def queue(uow: UnitOfWork, *, case_id: int, kind: str, to: str, key: str,
          **facts: Any) -> None:
    """One mail in the outbox; its text is written when it is sent (letters.mail_text)."""
    now = clock.now()
    payload = {"kind": kind, "to": to, "case_id": case_id, **facts}
    uow.session.add(Outbox(case_id=case_id, kind="mail", idempotency_key=key,
                           payload=json.dumps(payload, sort_keys=True), created_at=now,
                           next_attempt_at=now))


def application_received(uow: UnitOfWork, *, case_id: int, to: str, reference: str,
                         received_on: date, decision_last_day: str) -> None:
    """The organisation's receipt, with the last day of the decision term (Awb 4:13)."""
    queue(uow, case_id=case_id, kind="submission_received", to=to,
          key=f"case/{case_id}/received", reference=reference,
          received_on=received_on.isoformat(), last_day=decision_last_day)


def response_received(uow: UnitOfWork, *, case: Case, task: HumanTask) -> None:
    """Tell the officers who work (or worked) on the case that the applicant responded,
    each unless they switched such mail off."""
    if task.bpmn_id not in RESPONSES:
        return
    staff = select(HumanTask.case_id).where(
        HumanTask.case_id == case.id, HumanTask.lane != "applicant",
        or_(HumanTask.completed_by == User.email, HumanTask.assignee == User.email))
    emails = uow.session.scalars(select(User.email).where(
        User.response_mail.is_(True), User.provider_id.is_(None), staff.exists())
        .order_by(User.email)).all()
    today = deadlines.local_day(clock.now())
    reference = uow.session.scalars(select(Application.reference).where(
        Application.case_id == case.id)).first() or f"zaak {case.id}"
    for email in emails:
        queue(uow, case_id=case.id, kind="response_received", to=email,
              key=f"response/{task.task_id}/{email}", reference=reference,
              task=RESPONSES[task.bpmn_id], received_on=today.isoformat())
