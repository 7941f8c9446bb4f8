"""Letters leave through the outbox after commit, once, over a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from engine import clock
from models import Outbox
from tests.integration.support.smtp import smtp_server
from tests.integration.workflows.steps import do
from workflows import registration
from workflows.actors import SYSTEM
from workflows.jobs import outbox


@pytest.fixture
def smtp():
    with smtp_server() as server:
        yield server


@pytest.fixture
def supplement_letter(uow, actors, window_id):
    with uow() as u:
        view = registration.submit_application(u, actors["applicant_a"], window_id=window_id,
                                               subsegment_codes=["ambulant_begeleiding"])
        u.commit()
    outbox.deliver_due(uow, SYSTEM, lambda _key, _payload: None)  # the receipt, out of the way
    do(uow, actors["screening_officer"], view.case_id, "check_completeness", complete=False,
       missing_items=["VOG"])
    return view.case_id


def test_a_letter_is_mailed_once_and_not_again(uow, smtp, supplement_letter):
    inbox, transport = smtp
    assert outbox.deliver_due(uow, SYSTEM, transport) == (1, 0)
    assert outbox.deliver_due(uow, SYSTEM, transport) == (0, 0)
    assert len(inbox.messages) == 1
    assert inbox.messages[0].rcpt_tos == ["aanbieder-a@test.example"]
    assert b"Verzoek om aanvulling" in inbox.messages[0].content


def test_a_failed_delivery_is_retried_after_the_backoff(uow, smtp, supplement_letter):
    inbox, transport = smtp
    calls = []

    def broken(key, payload):
        calls.append(key)
        raise ConnectionRefusedError("mailserver weg")

    now = clock.now()
    with freeze_time(now):
        assert outbox.deliver_due(uow, SYSTEM, broken) == (0, 1)
    with uow() as u:
        row = u.session.scalars(select(Outbox).where(Outbox.sent_at.is_(None))).one()
        assert (row.attempts, row.sent_at) == (1, None)
        assert "mailserver weg" in row.last_error
    with freeze_time(now + timedelta(seconds=59)):
        assert outbox.deliver_due(uow, SYSTEM, transport) == (0, 0)
    with freeze_time(now + timedelta(minutes=1, seconds=1)):
        assert outbox.deliver_due(uow, SYSTEM, transport) == (1, 0)
    assert len(calls) == 1 and len(inbox.messages) == 1


def test_a_rolled_back_command_leaves_nothing_to_send(uow, actors, window_id):
    from tests.integration.workflows.steps import open_task
    from workflows import cases

    with uow() as u:
        view = registration.submit_application(u, actors["applicant_a"], window_id=window_id,
                                               subsegment_codes=["ambulant_begeleiding"])
        u.commit()
    task_id = open_task(uow, view.case_id, "check_completeness")
    with uow() as u:
        cases.complete_task(u, actors["screening_officer"], task_id=task_id,
                            data={"complete": False, "missing_items": ["VOG"]})
        assert len(u.session.scalars(select(Outbox).where(Outbox.kind == "letter")).all()) == 1
        # no commit: the unit of work rolls back, and the letter with it
    with uow() as u:
        assert u.session.scalars(select(Outbox).where(Outbox.kind == "letter")).all() == []
