"""Due-date warnings and applicant reminders: recorded once, mailed once."""

from __future__ import annotations

from datetime import timedelta

from freezegun import freeze_time
from sqlalchemy import select

from models import CaseEvent, HumanTask
from tests.integration.support.smtp import smtp_server
from tests.integration.workflows.steps import do
from workflows import registration
from workflows.actors import SYSTEM
from workflows.jobs import outbox
from workflows.jobs.due_warnings import raise_warnings, warn_from


def submit(uow, actors, window_id):
    with uow() as u:
        view = registration.submit_application(u, actors["applicant_a"], window_id=window_id,
                                               subsegment_codes=["ambulant_begeleiding"])
        u.commit()
    outbox.deliver_due(uow, SYSTEM, lambda _key, _payload: None)  # the receipt, out of the way
    return view.case_id


def due_of(uow, case_id, bpmn_id):
    with uow() as u:
        return u.session.scalars(select(HumanTask.due_at).where(
            HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id)).one()


def warnings_of(uow, case_id):
    with uow() as u:
        return u.session.scalars(select(CaseEvent.payload).where(
            CaseEvent.case_id == case_id, CaseEvent.kind == "warning")
            .order_by(CaseEvent.seq)).all()


def worker_round(uow, transport):
    raised = raise_warnings(uow, SYSTEM)
    return raised, outbox.deliver_due(uow, SYSTEM, transport)


def test_warn_from_counts_working_days_back_over_a_weekend():
    from datetime import UTC, datetime

    # Last day Monday 7 December: two working days before are Friday 4 and Thursday 3.
    due_after_monday = datetime(2026, 12, 7, 23, 0, tzinfo=UTC)
    assert warn_from(due_after_monday, 2) == datetime(2026, 12, 2, 23, 0, tzinfo=UTC)


def test_an_officer_is_warned_once_before_and_once_after_the_due_date(uow, actors, window_id):
    case_id = submit(uow, actors, window_id)
    due = due_of(uow, case_id, "check_completeness")
    with smtp_server() as (inbox, transport):
        with freeze_time(warn_from(due, 2) - timedelta(seconds=1)):
            assert worker_round(uow, transport) == (0, (0, 0))
        with freeze_time(warn_from(due, 2) + timedelta(seconds=1)):
            assert worker_round(uow, transport) == (1, (1, 0))
            assert worker_round(uow, transport) == (0, (0, 0))
        with freeze_time(due + timedelta(seconds=1)):
            assert worker_round(uow, transport) == (1, (1, 0))
            assert worker_round(uow, transport) == (0, (0, 0))
    officer = inbox.to("screening_officer@test.example")
    assert len(officer) == 2 and len(inbox.messages) == 2
    assert b"nadert de uiterste datum" in officer[0].content
    assert b"over de uiterste datum" in officer[1].content
    assert len(warnings_of(uow, case_id)) == 2


def test_the_applicant_gets_one_reminder_before_its_supplement_term_ends(uow, actors,
                                                                         window_id):
    case_id = submit(uow, actors, window_id)
    do(uow, actors["screening_officer"], case_id, "check_completeness", complete=False,
       missing_items=["VOG"])
    due = due_of(uow, case_id, "supplement_application")
    with smtp_server() as (inbox, transport):
        outbox.deliver_due(uow, SYSTEM, transport)  # the request to supplement itself
        inbox.messages.clear()
        with freeze_time(warn_from(due, 2) + timedelta(seconds=1)):
            worker_round(uow, transport)
            worker_round(uow, transport)
    reminders = inbox.to("applicant-a@test.example")
    assert len(reminders) == 1
    assert b"Herinnering: uw reactie" in reminders[0].content


def test_a_user_who_opted_out_gets_no_warning_mail(uow, actors, window_id):
    from models import User

    case_id = submit(uow, actors, window_id)
    with uow() as u:
        u.session.scalars(select(User).where(
            User.email == "screening_officer@test.example")).one().warning_mail = False
        u.commit()
    due = due_of(uow, case_id, "check_completeness")
    with smtp_server() as (inbox, transport), freeze_time(due + timedelta(seconds=1)):
        assert worker_round(uow, transport) == (1, (0, 0))
    assert inbox.messages == []
    assert len(warnings_of(uow, case_id)) == 1
