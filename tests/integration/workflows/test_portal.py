"""The applicant portal's use cases: my applications, the status page, and responding
(supplement with PDFs, views within their term, the LBB's questions, withdrawal), each
only for the applicant's own organisation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from models import CaseEvent, Document
from workflows import case_timeline, portal, responses
from workflows.errors import Conflict, InvalidInput, NotAllowed, NotFound
from workflows.uploads import MAX_BYTES, Upload

PDF = b"%PDF-1.4\n% a tiny test file\n%%EOF\n"


def _read(walk, use_case, who="applicant_a", **kw):
    with freeze_time(walk.now), walk.uow() as u:
        return use_case(u, walk.actors[who], **kw)


def _events(walk) -> int:
    with walk.uow() as u:
        return u.session.scalar(select(func.count(CaseEvent.id))) or 0


def _supplement(walk, tmp_path, *uploads, note="Hierbij de jaarrekening."):
    return walk.run(responses.supplement_with_documents, "applicant_a",
                    case_id=walk.case_id, note=note, uploads=list(uploads),
                    directory=tmp_path)


def test_my_applications_puts_what_waits_for_me_first_in_plain_dutch(walk):
    first = walk.submit("ambulant_begeleiding")
    second = walk.submit("ambulant_begeleiding")
    walk.check(complete=False)
    found = _read(walk, portal.my_applications)
    assert [a.case_id for a in found.applications] == [second, first]
    assert found.applications[0].phase == "Wij wachten op uw aanvulling"
    assert found.applications[1].phase == "Wij kijken of uw aanvraag compleet is"
    assert [(a.case_id, a.label) for a in found.actions] == [(second, "Aanvraag aanvullen")]


def test_another_organisation_sees_none_of_my_applications(walk):
    walk.submit("ambulant_begeleiding")
    assert _read(walk, portal.my_applications, "applicant_b").applications == ()


def test_a_guessed_id_does_not_exist_for_another_organisation(walk, tmp_path):
    walk.submit("ambulant_begeleiding")
    walk.check(complete=False)
    before = _events(walk)
    for case_id in (walk.case_id, walk.case_id + 1000):
        with pytest.raises(NotFound):
            _read(walk, portal.application_status, "applicant_b", case_id=case_id)
        with pytest.raises(NotFound):
            walk.run(responses.supplement_with_documents, "applicant_b", case_id=case_id,
                     note="x", uploads=[], directory=tmp_path)
        with pytest.raises(NotFound):
            walk.run(responses.give_views, "applicant_b", case_id=case_id, views="x")
    assert _events(walk) == before
    assert not list(tmp_path.iterdir())


def test_officers_do_not_respond_for_the_applicant(walk):
    walk.submit("ambulant_begeleiding")
    walk.check(complete=False)
    with pytest.raises(NotAllowed):
        walk.run(responses.give_views, "screening_officer", case_id=walk.case_id, views="x")


def test_supplementing_resumes_the_decision_clock_and_moves_the_deadline(walk, tmp_path):
    walk.submit("ambulant_begeleiding")
    walk.check(complete=False)
    walk.later(days=2)
    waiting = _read(walk, portal.application_status, case_id=walk.case_id)
    assert "staat stil" in waiting.decision_note
    assert [a.bpmn_id for a, _term in waiting.actions] == ["supplement_application"]
    _supplement(walk, tmp_path, Upload("jaarrekening.pdf", "application/pdf", PDF))
    after = _read(walk, portal.application_status, case_id=walk.case_id)
    assert after.decision.last_day < waiting.decision.last_day  # answered early
    assert after.actions == ()
    assert after.documents[0][0] == "jaarrekening.pdf"
    with walk.uow() as u:
        digest = u.session.scalars(select(Document.sha256)).one()
    assert (tmp_path / f"{digest}.pdf").read_bytes() == PDF


@pytest.mark.parametrize(("upload", "why"), [
    (Upload("brief.pdf", "application/pdf", b"MZ\x90\x00 not a pdf"), "geen echte PDF"),
    (Upload("brief.exe", "application/pdf", PDF), "alleen PDF"),
    (Upload("brief.pdf", "text/html", PDF), "alleen PDF"),
    (Upload("groot.pdf", "application/pdf", PDF + b"0" * MAX_BYTES), "te groot"),
    (Upload("../../etc/passwd.pdf", "application/pdf", PDF), "mappen"),
])
def test_an_upload_that_is_no_pdf_within_the_limit_stores_nothing(walk, tmp_path, upload, why):
    walk.submit("ambulant_begeleiding")
    walk.check(complete=False)
    before = _events(walk)
    with pytest.raises(InvalidInput) as err:
        _supplement(walk, tmp_path, upload)
    assert why in " ".join(err.value.fields["bestanden"])
    assert _events(walk) == before
    with walk.uow() as u:
        assert u.session.scalar(select(func.count(Document.id))) == 0
    assert not tmp_path.exists() or not list(tmp_path.iterdir())


def _at_views(walk):
    walk.assessed("ambulant_begeleiding", passed=False)
    walk.ask_views()


def test_views_are_taken_within_their_term(walk):
    _at_views(walk)
    page = _read(walk, portal.application_status, case_id=walk.case_id)
    assert [a.bpmn_id for a, _t in page.actions] == ["submit_views"]
    walk.later(days=3)
    walk.run(responses.give_views, "applicant_a", case_id=walk.case_id,
             views="Wij zijn het er niet mee eens.")
    assert _read(walk, portal.application_status, case_id=walk.case_id).actions == ()


def test_views_after_the_last_day_are_refused(walk):
    _at_views(walk)
    page = _read(walk, portal.application_status, case_id=walk.case_id)
    last: date = page.actions[0][1].last_day
    walk.now = walk.now.replace(year=last.year, month=last.month, day=last.day) \
        + timedelta(days=1)
    with pytest.raises(Conflict, match="verstreken"):
        walk.run(responses.give_views, "applicant_a", case_id=walk.case_id, views="Te laat.")


def test_withdrawal_is_offered_only_before_the_decision(walk):
    walk.assessed("ambulant_begeleiding")
    assert _read(walk, portal.application_status, case_id=walk.case_id).may_withdraw
    walk.decide("admitted", "ambulant_begeleiding")
    page = _read(walk, portal.application_status, case_id=walk.case_id)
    assert not page.may_withdraw and page.remedy is not None
    assert any(letter.label == "Besluit op uw aanvraag om toelating" for letter in page.letters)


def test_lbb_answers_are_kept_confidential_and_only_while_the_lbb_is_asked(walk):
    walk.submit("ambulant_begeleiding")
    walk.check()
    with pytest.raises(Conflict):
        walk.run(responses.answer_lbb_questions, "applicant_a", case_id=walk.case_id,
                 answers="Onze financier is de bank.")
    walk.do("integrity_officer", "review_bibob_questionnaire", questionnaire_complete=True,
            red_flags=1)
    walk.do("integrity_officer", "own_investigation", register_hits=0,
            criminal_antecedents=False)
    walk.do("integrity_officer", "decide_lbb_request", request_lbb=True,
            lbb_motivation="Signalen.")
    assert _read(walk, portal.application_status, case_id=walk.case_id).lbb_open
    walk.run(responses.answer_lbb_questions, "applicant_a", case_id=walk.case_id,
             answers="Onze financier is de bank.")
    page = _read(walk, portal.application_status, case_id=walk.case_id)
    shown = " ".join(e.text + e.detail for e in page.timeline)
    assert "financier" not in shown and "LBB" not in shown.replace("Landelijk Bureau", "")
    # The notice to us is ours to download; the advice request to the LBB never is.
    assert [letter.label for letter in page.letters] == [
        "Wij hebben advies gevraagd aan het Landelijk Bureau Bibob"]
    with walk.uow() as u:
        for reader, sees in (("integrity", True), ("officer", False)):
            entries = case_timeline.case_timeline(u, walk.case_id, reader).entries
            assert any("financier" in e.detail for e in entries) is sees


def test_the_timeline_never_shows_internal_notes_or_integrity_steps(walk):
    from workflows import case_actions
    walk.submit("ambulant_begeleiding")
    walk.check()
    walk.run(case_actions.add_internal_note, "screening_officer", case_id=walk.case_id,
             text="Let op: bellen met de accountant.")
    walk.screen()
    page = _read(walk, portal.application_status, case_id=walk.case_id)
    shown = " ".join(e.text + e.detail for e in page.timeline)
    assert "accountant" not in shown and "ntegriteit" not in shown
    assert "Bibob" not in shown


def test_the_remedy_form_names_the_refused_subsegments_and_the_last_day(walk):
    walk.refused_after_views("ambulant_begeleiding")
    found = _read(walk, responses.remedy_form, case_id=walk.case_id)
    assert list(found.choices) == ["ambulant_begeleiding"]
    assert found.word in ("bezwaar", "klacht") and found.last_day is not None
    with pytest.raises(NotFound):
        _read(walk, responses.remedy_form, "applicant_b", case_id=walk.case_id)


def test_before_a_decision_there_is_nothing_to_object_to(walk):
    walk.submit("ambulant_begeleiding")
    assert _read(walk, responses.remedy_form, case_id=walk.case_id).last_day is None


def test_a_lodged_objection_shows_with_its_letters_and_is_not_offered_again(walk):
    from workflows import objections
    admission = walk.refused_after_views("ambulant_begeleiding")
    assert _read(walk, portal.application_status, case_id=admission).remedies == ()
    walk.run(objections.lodge_objection, "applicant_a", case_id=admission,
             subsegments=["ambulant_begeleiding"], grounds="Het tarief klopt niet.")
    page = _read(walk, portal.application_status, case_id=admission)
    assert [(r.lodged_on is not None, r.completed) for r in page.remedies] == [(True, False)]
    assert page.remedy is None  # one at a time: the button returns once it is decided
    receipt = page.letters[-1]
    assert receipt.case_id != admission and receipt.label.startswith("Ontvangstbevestiging")
    with pytest.raises(NotFound):
        _read(walk, portal.application_status, "applicant_b", case_id=admission)
