"""Decisions with guard rails: a deviation from the assessments needs a reason and a second
decision maker, a positive assessment can go back to the views step, the remedy follows
the legal model, separation of duties is explained, drafts stay with their author, and a
task completed twice says who was first."""

from __future__ import annotations

import pytest
from freezegun import freeze_time
from sqlalchemy import select, update

from models import CaseEvent, Decision, HumanTask, Region
from tests.integration.workflows.steps import open_task, open_tasks
from tests.integration.workflows.walk import BEG, Walk
from tests.raw_codes import raw_codes_in
from workflows import (
    case_deadlines,
    case_reads,
    cases,
    drafts,
    duties,
    task_completion,
    task_screen,
)
from workflows.actors import SYSTEM
from workflows.errors import InvalidInput, NotAllowed, TaskAlreadyDone


def _views_weighed(w: Walk, *, passed: bool = False) -> None:
    w.assessed(BEG, passed=passed)
    w.ask_views()
    w.give_views()
    w.assess_views()


def _decisions(uow) -> list[str]:
    with uow() as u:
        return list(u.session.scalars(select(Decision.outcome)))


def test_admitting_after_a_failed_integrity_assessment_without_a_reason_is_refused(walk, uow):
    _views_weighed(walk)
    with pytest.raises(InvalidInput) as caught:
        Walk.do(walk, "decision_maker", "decide_admission", outcome="admitted",
                admitted_subsegments=[BEG], motivation="Toch toelaten.")
    assert "deviation_reason" in caught.value.fields
    assert "motiveer" in caught.value.message.lower()
    assert open_tasks(uow, walk.case_id) == [("decide_admission", "decision_maker")]


def test_a_reasoned_deviation_waits_for_a_second_decision_maker_before_it_is_decided(
        walk, uow, actors):
    _views_weighed(walk)
    walk.deviate(BEG)
    assert open_tasks(uow, walk.case_id) == [("confirm_deviation", "decision_maker")]
    assert _decisions(uow) == []
    with pytest.raises(NotAllowed) as caught:
        Walk.do(walk, "decision_maker", "confirm_deviation", deviation_confirmed=True,
                deviation_review="Zelf bevestigd.")
    assert "tweede besluitnemer" in caught.value.message
    assert raw_codes_in(caught.value.message) == set()
    walk.confirm_deviation()
    assert _decisions(uow) == ["admitted"]


def test_the_deviation_and_its_confirmation_are_in_the_case_history(walk, uow, actors):
    _views_weighed(walk)
    walk.deviate(BEG, reason="Het LBB zag geen ernstig gevaar.")
    walk.confirm_deviation()
    with uow() as u:
        logged = [e.payload for e in u.session.scalars(select(CaseEvent).where(
            CaseEvent.case_id == walk.case_id, CaseEvent.kind == "task_completed"))]
        page = case_reads.show_case(u, actors["decision_maker"], case_id=walk.case_id)
    assert any("Het LBB zag geen ernstig gevaar." in p for p in logged)
    assert any("confirm_deviation" in p for p in logged)
    shown = {item.label: item.text for item in page.data}
    assert shown["Motivering van de afwijking"] == "Het LBB zag geen ernstig gevaar."
    assert shown["Afwijking beoordeeld door"] == actors["decision_maker_2"].email


def test_an_unconfirmed_deviation_goes_back_to_the_decision(walk, uow):
    _views_weighed(walk)
    walk.deviate(BEG)
    walk.confirm_deviation(confirmed=False)
    assert open_tasks(uow, walk.case_id) == [("decide_admission", "decision_maker")]
    assert _decisions(uow) == []


def test_a_decision_following_the_assessments_needs_no_confirmation(walk, uow):
    walk.assessed(BEG)
    walk.decide("admitted", BEG)
    assert _decisions(uow) == ["admitted"]


def test_refusing_after_a_positive_assessment_asks_to_send_the_case_back_first(walk):
    walk.assessed(BEG)
    with pytest.raises(InvalidInput) as caught:
        walk.decide("refused")
    assert "Terugsturen" in caught.value.message
    assert "Awb" not in caught.value.message  # the civil model cites no Awb article


def test_under_the_awb_the_views_are_asked_under_article_4_7(walk, uow):
    with uow() as u:
        u.session.execute(update(Region).values(legal_model="awb"))
        u.commit()
    walk.assessed(BEG)
    with pytest.raises(InvalidInput) as caught:
        walk.decide("refused")
    assert "Awb 4:7" in caught.value.message and "4:8" not in caught.value.message


def test_a_positive_assessment_sent_back_goes_to_the_views_step_once(walk, uow):
    walk.assessed(BEG)
    walk.send_back()
    assert open_tasks(uow, walk.case_id) == [("prepare_views_request", "legal_counsel")]
    walk.ask_views()
    walk.give_views()
    walk.assess_views()
    with pytest.raises(InvalidInput) as caught:
        walk.send_back()
    assert "nog geen zienswijze" in caught.value.message
    walk.decide("refused")
    assert _decisions(uow) == ["refused"]


@pytest.mark.parametrize(("model", "says", "never"), [
    ("civil", ["klacht", "civiele rechter"], ["bezwaar maken (Awb", "Bezwaartermijn"]),
    ("awb", ["bezwaar maken (Awb 6:4, 6:7)", "Bezwaartermijn"], ["klacht indienen"]),
])
def test_the_remedy_after_a_decision_follows_the_legal_model(walk, uow, actors, model, says,
                                                            never):
    with uow() as u:
        u.session.execute(update(Region).values(legal_model=model))
        u.commit()
    walk.assessed(BEG)
    walk.decide("admitted", BEG)
    with freeze_time(walk.now), uow() as u:
        page = case_reads.show_case(u, actors["decision_maker"], case_id=walk.case_id)
        terms = case_deadlines.open_deadlines(u, SYSTEM, case_id=walk.case_id)
    text = " ".join(f"{i.label} {i.text}" for i in page.data) + " " + " ".join(
        d.name for d in terms.deadlines)
    for words in says:
        assert words in text
    for words in never:
        assert words not in text


def test_a_contractual_decision_term_cites_no_awb_article(walk, uow):
    walk.submit(BEG)
    walk.check(complete=False)
    walk.later(days=3)
    walk.supplement()
    with freeze_time(walk.now), uow() as u:
        terms = case_deadlines.open_deadlines(u, SYSTEM, case_id=walk.case_id)
    decision = next(d for d in terms.deadlines if d.name == "Beslistermijn")
    assert decision.regime == "contract"
    assert not any("Awb" in line for line in decision.explanation), decision.explanation


def test_who_assessed_the_case_is_told_why_they_cannot_decide(walk, uow, actors):
    walk.submit(BEG)
    walk.check()
    walk.screen()
    walk.do("decision_maker_2", "conclude_integrity", integrity_passed=True,
            integrity_motivation="Beoordeeld.")
    walk.quality(BEG)
    task_id = open_task(uow, walk.case_id, "decide_admission")
    with uow() as u:
        row = u.session.scalars(select(HumanTask).where(HumanTask.task_id == task_id)).one()
        assert duties.why_not(u, actors["decision_maker"], row) is None
        reason = duties.why_not(u, actors["decision_maker_2"], row)
        screen = task_screen.show_task(u, actors["decision_maker_2"], task_id=task_id)
    assert reason is not None and "Integriteitstoets afronden" in reason
    assert screen.refusal == reason


def test_a_draft_is_seen_by_its_author_only_and_forgotten_on_completion(walk, uow, actors):
    walk.submit(BEG)
    task_id = open_task(uow, walk.case_id, "check_completeness")
    officer = actors["screening_officer"]
    with freeze_time(walk.now), uow() as u:
        drafts.save_draft(u, officer, task_id=task_id,
                          form={"completeness_note": ["Half af"], "csrf_token": ["x"]})
        u.commit()
    with uow() as u:
        mine = drafts.own_draft(u, officer, task_id)
        theirs = drafts.own_draft(u, actors["decision_maker"], task_id)
    assert mine is not None and mine.values == {"completeness_note": ("Half af",)}
    assert theirs is None
    with freeze_time(walk.now), uow() as u:
        task_completion.complete_from_screen(u, officer, task_id=task_id,
                                             data={"complete": True})
        u.commit()
    with uow() as u:
        assert drafts.own_draft(u, officer, task_id) is None


def test_a_draft_of_someone_without_the_role_is_refused(walk, uow, actors):
    walk.submit(BEG)
    task_id = open_task(uow, walk.case_id, "check_completeness")
    with uow() as u, pytest.raises(NotAllowed):
        drafts.save_draft(u, actors["legal_counsel"], task_id=task_id, form={})


def test_completing_a_completed_task_says_who_completed_it_and_when(walk, uow, actors):
    walk.submit(BEG)
    task_id = open_task(uow, walk.case_id, "check_completeness")
    walk.check()
    with uow() as u, pytest.raises(TaskAlreadyDone) as caught:
        cases.complete_task(u, actors["screening_officer"], task_id=task_id,
                            data={"complete": True})
    err = caught.value
    assert err.code == "task_already_done" and err.status == 409
    assert err.completed_by == actors["screening_officer"].email
    assert err.completed_at is not None
    assert "al afgerond door Screening officer op maandag 2 maart 2026 om 10:00" in err.message
