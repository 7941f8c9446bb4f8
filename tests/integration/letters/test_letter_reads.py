"""A case's letters for the portal and the case page: per case, per reader, unaltered."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select, update

from models import CaseEvent, Letter
from workflows import audit, letters
from workflows.actors import SYSTEM
from workflows.errors import NotFound

BEG = "ambulant_begeleiding"


@pytest.fixture
def lbb_case(walk):
    """A case with a supplement request, the LBB's advice request and the notice."""
    case_id = walk.submit(BEG)
    walk.check(complete=False)
    walk.supplement()
    walk.check()
    walk.screen(red_flags=1)
    walk.do("integrity_officer", "decide_lbb_request", request_lbb=True,
            lbb_motivation="Signalen in de vragenlijst.")
    return case_id


def kinds(uow, actor, case_id):
    with uow() as u:
        return [v.kind for v in letters.list_letters(u, actor, case_id=case_id)]


def test_the_applicant_lists_its_letters_but_never_the_lbb_request(uow, actors, lbb_case):
    assert kinds(uow, actors["applicant_a"], lbb_case) == ["supplement_request", "lbb_notice"]
    assert kinds(uow, actors["screening_officer"], lbb_case) == [
        "supplement_request", "lbb_notice"]
    assert kinds(uow, actors["integrity_officer"], lbb_case) == [
        "supplement_request", "lbb_request", "lbb_notice"]


def test_another_organisation_finds_no_letters_of_the_case(uow, actors, lbb_case):
    with pytest.raises(NotFound), uow() as u:
        letters.list_letters(u, actors["applicant_b"], case_id=lbb_case)


def test_the_pdf_is_the_stored_letter_with_its_sha256(uow, actors, lbb_case):
    with uow() as u:
        [first, *_] = letters.list_letters(u, actors["applicant_a"], case_id=lbb_case)
        pdf = letters.letter_pdf(u, actors["applicant_a"], case_id=lbb_case,
                                 letter_id=first.letter_id)
    assert pdf.content_type == "application/pdf" and pdf.filename.endswith(".pdf")
    assert hashlib.sha256(pdf.content).hexdigest() == pdf.sha256 == first.sha256


@pytest.mark.parametrize("who", ["applicant_a", "screening_officer"])
def test_the_lbb_request_cannot_be_fetched_outside_the_integrity_roles(uow, actors, lbb_case,
                                                                      who):
    with uow() as u:
        lbb = u.session.scalars(select(Letter.id).where(Letter.kind == "lbb_request")).one()
    with pytest.raises(NotFound), uow() as u:
        letters.letter_pdf(u, actors[who], case_id=lbb_case, letter_id=lbb)
    with uow() as u:
        assert letters.letter_pdf(u, actors["integrity_officer"], case_id=lbb_case,
                                  letter_id=lbb).content.startswith(b"%PDF")


def test_a_letter_is_not_found_through_another_case_or_by_another_organisation(
        uow, actors, walk, lbb_case):
    other = walk.submit(BEG)
    with uow() as u:
        letter_id = u.session.scalars(select(Letter.id).where(
            Letter.case_id == lbb_case)).first()
    for actor, case_id in ((actors["applicant_a"], other), (actors["applicant_b"], lbb_case),
                           (actors["applicant_a"], 10**9)):
        with pytest.raises(NotFound), uow() as u:
            letters.letter_pdf(u, actor, case_id=case_id, letter_id=letter_id)


def test_an_altered_letter_is_found_at_the_event_that_sent_it(uow, lbb_case):
    with uow() as u:
        assert audit.verify_chains(u, SYSTEM) is None
        letter_id = u.session.scalars(select(Letter.id).where(
            Letter.kind == "supplement_request")).one()
        u.session.execute(update(Letter).where(Letter.id == letter_id)
                          .values(content=b"%PDF-1.7 vervalst"))
        broken = audit.verify_chains(u, SYSTEM)
        sent_at = [e.seq for e in u.session.scalars(select(CaseEvent).where(
            CaseEvent.case_id == lbb_case, CaseEvent.kind == "service_called"))
            if "supplement_request" in e.payload]
    assert broken == audit.BrokenChain(lbb_case, sent_at[0])
