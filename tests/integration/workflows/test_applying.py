"""The application wizard's use cases: drafts of one's own organisation, the overlap
refusal, the window closing, and the questionnaire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from models import Application, Case, RegistrationWindow
from tests.integration.workflows.walk import BEG, BEH, T0
from workflows import applying, registration
from workflows.errors import Conflict, InvalidInput, NotFound

INTEGRITY = {"ownership": "Stichting, geen aandeelhouders.", "directors": "J. Jansen\n",
             "financing": "Eigen vermogen.", "antecedents": "nee"}


def run(uow, actor, use_case, at=T0, **kw):
    with freeze_time(at), uow() as u:
        result = use_case(u, actor, **kw)
        u.commit()
    return result


def make_draft(uow, actor, window_id, *codes, at=T0):
    draft_id = run(uow, actor, applying.start_draft, at=at, window_id=window_id)
    run(uow, actor, applying.choose_care, at=at, application_id=draft_id,
        subsegment_codes=list(codes or [BEG]), municipalities=["Enschede"])
    return draft_id


def choose(uow, actor, draft_id, *codes, at=T0):
    return run(uow, actor, applying.choose_care, at=at, application_id=draft_id,
               subsegment_codes=list(codes), municipalities=["Enschede"])


def test_applying_again_for_an_open_subsegment_is_refused_with_the_reason(walk, uow, actors,
                                                                        window_id):
    walk.submit(BEG)
    draft_id = run(uow, actors["applicant_a"], applying.start_draft, window_id=window_id)
    with pytest.raises(Conflict, match="Begeleiding: u hebt hiervoor al een aanvraag in "
                                       "behandeling"):
        choose(uow, actors["applicant_a"], draft_id, BEG, BEH)
    with uow() as u:
        assert u.session.scalar(select(func.count(Case.id))) == 1


def test_applying_again_for_an_admitted_subsegment_is_refused(walk, uow, actors, window_id):
    walk.submit(BEG)
    walk.check()
    walk.integrity()
    walk.quality(BEG)
    walk.decide("admitted", BEG)
    walk.later(days=1)
    draft_id = run(uow, actors["applicant_a"], applying.start_draft, at=walk.now,
                   window_id=window_id)
    with pytest.raises(Conflict, match="al toegelaten"):
        choose(uow, actors["applicant_a"], draft_id, BEG, at=walk.now)


def test_applying_for_other_care_or_as_another_organisation_is_allowed(walk, uow, actors,
                                                                       window_id):
    walk.submit(BEG)
    mine = run(uow, actors["applicant_a"], applying.start_draft, window_id=window_id)
    assert choose(uow, actors["applicant_a"], mine, BEH).subsegments == (BEH,)
    theirs = make_draft(uow, actors["applicant_b"], window_id, BEG)
    view = run(uow, actors["applicant_b"], registration.submit_draft, application_id=theirs,
               declaration=True)
    assert view.case_id


def test_a_draft_is_submitted_with_the_declaration_and_starts_the_case(uow, actors,
                                                                       window_id):
    draft_id = make_draft(uow, actors["applicant_a"], window_id)
    run(uow, actors["applicant_a"], applying.answer_integrity, application_id=draft_id,
        answers=INTEGRITY)
    with pytest.raises(InvalidInput, match="naar waarheid"):
        run(uow, actors["applicant_a"], registration.submit_draft, application_id=draft_id,
            declaration=False)
    view = run(uow, actors["applicant_a"], registration.submit_draft,
               application_id=draft_id, declaration=True)
    with uow() as u:
        app = u.session.get(Application, draft_id)
        assert app.case_id == view.case_id and app.reference.startswith("TW-")
        assert app.submitted_at is not None
        assert "Stichting" in app.answers


def test_a_draft_cannot_be_submitted_once_its_window_closes_at_the_second(uow, actors,
                                                                          window_id):
    closes = T0 + timedelta(days=10)
    with uow() as u:
        u.session.get(RegistrationWindow, window_id).closes_at = closes
        u.commit()
    draft_id = make_draft(uow, actors["applicant_a"], window_id)
    with pytest.raises(Conflict, match="inschrijving is gesloten"):
        run(uow, actors["applicant_a"], registration.submit_draft, at=closes,
            application_id=draft_id, declaration=True)
    view = run(uow, actors["applicant_a"], registration.submit_draft,
               at=closes - timedelta(seconds=1), application_id=draft_id, declaration=True)
    assert view.case_id


def test_drafts_are_visible_only_to_the_own_organisation(uow, actors, window_id):
    draft_id = make_draft(uow, actors["applicant_a"], window_id)
    for use_case, kw in ((applying.draft, {}),
                         (registration.submit_draft, {"declaration": True}),
                         (applying.answer_integrity, {"answers": INTEGRITY})):
        with pytest.raises(NotFound):
            run(uow, actors["applicant_b"], use_case, application_id=draft_id, **kw)
    with pytest.raises(NotFound):
        run(uow, actors["applicant_a"], applying.draft, application_id=draft_id + 999)
    assert [d.application_id for d in run(uow, actors["applicant_b"], applying.my_drafts)] == []
    assert [d.application_id for d in run(uow, actors["applicant_a"],
                                          applying.my_drafts)] == [draft_id]


def test_a_draft_with_an_open_subsegment_elsewhere_is_refused_on_submit(walk, uow, actors,
                                                                       window_id):
    draft_id = make_draft(uow, actors["applicant_a"], window_id)
    walk.submit(BEG)
    with pytest.raises(Conflict, match="al een aanvraag in behandeling"):
        run(uow, actors["applicant_a"], registration.submit_draft, application_id=draft_id,
            declaration=True)


def test_the_questionnaire_asks_an_explanation_for_antecedents(uow, actors, window_id):
    draft_id = make_draft(uow, actors["applicant_a"], window_id)
    with pytest.raises(InvalidInput) as err:
        run(uow, actors["applicant_a"], applying.answer_integrity, application_id=draft_id,
            answers={**INTEGRITY, "antecedents": "ja"})
    assert "antecedents_explanation" in err.value.fields
    with pytest.raises(InvalidInput) as err:
        run(uow, actors["applicant_a"], applying.answer_quality, application_id=draft_id,
            answers={})
    assert f"criteria_{BEG}" in err.value.fields


def test_open_windows_show_closed_municipalities_and_tendered_care(uow, actors, window_id):
    from models import WindowSubsegment
    with uow() as u:
        row = u.session.scalars(select(WindowSubsegment).where(
            WindowSubsegment.window_id == window_id)).first()
        row.closed_for, row.closed_reason = "enschede", "Er zijn genoeg aanbieders."
        u.commit()
    [window] = run(uow, actors["applicant_a"], applying.open_windows)
    closed = [s for s in window.subsegments if s.closed]
    assert closed[0].closed == ("Enschede",) and "Enschede" not in closed[0].municipalities
    assert closed[0].closed_reason == "Er zijn genoeg aanbieders."
    assert window.tendered
    assert run(uow, actors["applicant_a"], applying.open_windows,
               at=datetime(2041, 1, 1, tzinfo=UTC)) == []
