"""Mail over a real SMTP server on localhost: who gets what, the Dutch deadline in the
body, the letter attached as the very PDF that was stored (same sha256)."""

from __future__ import annotations

import email
import email.policy
import hashlib
from datetime import date, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from engine.commands import current_data
from handlers.letters import RECIPIENT_LBB
from models import Case, Letter
from tests.integration.support.smtp import smtp_server
from tests.integration.workflows.steps import open_task
from tests.integration.workflows.test_warnings import due_of
from workflows import audit, cases
from workflows.actors import SYSTEM
from workflows.jobs import outbox
from workflows.jobs.due_warnings import raise_warnings, warn_from

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
BEG = "ambulant_begeleiding"


def dutch(iso: str) -> str:
    d = date.fromisoformat(iso[:10])
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@pytest.fixture
def smtp():
    with smtp_server() as server:
        yield server


def delivered(uow, smtp, at):
    inbox, transport = smtp
    with freeze_time(at):
        assert outbox.deliver_due(uow, SYSTEM, transport)[1] == 0
    return [(m.rcpt_tos, email.message_from_bytes(m.content, policy=email.policy.default))
            for m in inbox.messages]


def to(mails, address, subject):
    found = [m for rcpt, m in mails if address in rcpt and subject in m["Subject"]]
    assert len(found) == 1, [(r, m["Subject"]) for r, m in mails]
    return found[0]


def body(message) -> str:
    return " ".join(message.get_body(("plain",)).get_content().split())


def pdfs(message) -> list[bytes]:
    return [part.get_content() for part in message.iter_attachments()
            if part.get_content_type() == "application/pdf"]


def data_of(uow, case_id):
    with uow() as u:
        return current_data(u.session, u.session.get(Case, case_id))


def stored(uow, case_id, kind):
    with uow() as u:
        return u.session.scalars(select(Letter.sha256).where(
            Letter.case_id == case_id, Letter.kind == kind)).one()


def test_the_organisation_gets_a_receipt_with_the_decision_date_in_dutch(uow, walk, smtp):
    case_id = walk.submit(BEG)
    mails = delivered(uow, smtp, walk.now)
    receipt = to(mails, "aanbieder-a@test.example", "Wij hebben uw aanvraag ontvangen")
    data = data_of(uow, case_id)
    assert data["reference"] in receipt["Subject"]
    assert "Wij beslissen uiterlijk" in body(receipt)
    assert dutch(data["decision_last_day"]) in body(receipt)


def test_a_supplement_request_carries_its_last_day_and_the_stored_pdf(uow, walk, smtp):
    case_id = walk.submit(BEG)
    walk.check(complete=False)
    mails = delivered(uow, smtp, walk.now)
    mail = to(mails, "aanbieder-a@test.example", "Verzoek om aanvulling")
    assert f"uiterlijk maandag {dutch(data_of(uow, case_id)['supplement_last_day'])}" \
        in body(mail)
    assert "16 maart 2026" in body(mail)  # two weeks from Monday 2 March 2026
    [pdf] = pdfs(mail)
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == stored(uow, case_id, "supplement_request")


def test_the_lbb_gets_the_advice_request_and_the_applicant_the_notice(uow, walk, smtp):
    case_id = walk.submit(BEG)
    walk.check()
    walk.screen(red_flags=1)
    walk.do("integrity_officer", "decide_lbb_request", request_lbb=True,
            lbb_motivation="Signalen in de vragenlijst.")
    mails = delivered(uow, smtp, walk.now)
    request = to(mails, RECIPIENT_LBB, "Verzoek om advies")
    notice = to(mails, "aanbieder-a@test.example", "Landelijk Bureau Bibob")
    last_day = dutch(data_of(uow, case_id)["lbb_last_day"])
    assert last_day in body(request) and last_day in body(notice)
    assert "log in" not in body(request).lower() and "vertrouwelijk" in body(request)
    assert hashlib.sha256(pdfs(request)[0]).hexdigest() == stored(uow, case_id, "lbb_request")
    assert hashlib.sha256(pdfs(notice)[0]).hexdigest() == stored(uow, case_id, "lbb_notice")


def test_the_views_request_carries_the_response_date(uow, walk, smtp):
    case_id = walk.assessed(BEG, passed=False)
    walk.ask_views()
    mails = delivered(uow, smtp, walk.now)
    mail = to(mails, "aanbieder-a@test.example", "zienswijze")
    assert "tot en met" in body(mail)
    assert dutch(data_of(uow, case_id)["views_last_day"]) in body(mail)
    assert len(pdfs(mail)) == 1


def test_the_decision_is_mailed_with_the_pdf_and_the_remedy_date(uow, walk, smtp):
    case_id = walk.assessed(BEG)
    walk.decide("admitted", BEG)
    mails = delivered(uow, smtp, walk.now)
    mail = to(mails, "aanbieder-a@test.example", "Besluit op uw aanvraag")
    assert "Een klacht kunt u indienen tot en met" in body(mail)  # the civil default
    assert dutch(data_of(uow, case_id)["objection_last_day"]) in body(mail)
    assert hashlib.sha256(pdfs(mail)[0]).hexdigest() == stored(uow, case_id, "decision")


def test_the_officer_is_mailed_when_the_applicant_supplements(uow, walk, smtp):
    walk.submit(BEG)
    walk.check(complete=False)
    walk.later(days=3)
    walk.supplement()
    mails = delivered(uow, smtp, walk.now)
    mail = to(mails, "screening_officer@test.example", "Reactie van de aanvrager")
    assert "Aanvulling op de aanvraag" in body(mail) and "5 maart 2026" in body(mail)
    assert not [m for rcpt, m in mails if "applicant-a@test.example" in rcpt]


def test_the_legal_counsel_is_mailed_when_views_arrive(uow, walk, smtp):
    walk.assessed(BEG, passed=False)
    walk.ask_views()
    walk.give_views()
    mails = delivered(uow, smtp, walk.now)
    mail = to(mails, "legal_counsel@test.example", "Reactie van de aanvrager")
    assert "Zienswijze op het voorgenomen besluit" in body(mail)


def test_the_applicant_is_reminded_before_the_supplement_term_ends(uow, walk, smtp):
    case_id = walk.submit(BEG)
    walk.check(complete=False)
    delivered(uow, smtp, walk.now)  # the request itself
    due = due_of(uow, case_id, "supplement_application")
    moment = warn_from(due, 2) + timedelta(seconds=1)
    with freeze_time(moment):
        assert raise_warnings(uow, SYSTEM) == 1
    mails = delivered(uow, smtp, moment)
    mail = to(mails, "applicant-a@test.example", "Herinnering: uw reactie")
    assert f"tot en met {dutch(data_of(uow, case_id)['supplement_last_day'])}" \
        not in body(mail)  # the weekday comes first
    assert f"tot en met maandag {dutch(data_of(uow, case_id)['supplement_last_day'])}" \
        in body(mail)


def test_a_rolled_back_command_stores_and_sends_nothing(uow, walk, smtp):
    case_id = walk.submit(BEG)
    delivered(uow, smtp, walk.now)  # the receipt
    task_id = open_task(uow, case_id, "check_completeness")
    with freeze_time(walk.now), uow() as u:
        cases.complete_task(u, walk.actors["screening_officer"], task_id=task_id,
                            data={"complete": False, "missing_items": ["VOG"]})
        assert u.session.scalar(select(func.count(Letter.id))) == 1
        # no commit: the unit of work rolls back, and the letter and its mail with it
    assert len(delivered(uow, smtp, walk.now)) == 1
    with uow() as u:
        assert u.session.scalar(select(func.count(Letter.id))) == 0


def test_a_replay_neither_renders_nor_sends_again(uow, walk, smtp):
    case_id = walk.submit(BEG)
    walk.check(complete=False)
    assert len(delivered(uow, smtp, walk.now)) == 2
    with uow() as u:
        assert audit.replay_case(u, SYSTEM, case_id=case_id).matches
        assert u.session.scalar(select(func.count(Letter.id))) == 1
        u.commit()
    assert len(delivered(uow, smtp, walk.now)) == 2
