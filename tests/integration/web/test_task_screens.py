"""Task screens at /taken/<task_id>: one per user task of every diagram, inline Dutch
errors with the typed data kept, drafts, the confirmation step, 409 and four-eyes."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from models import Decision
from tests.integration.web.conftest import csrf_token, login
from tests.integration.workflows import test_paths_bridging, test_paths_contract
from tests.integration.workflows.steps import open_task
from tests.integration.workflows.test_paths_integrity import ask_lbb
from tests.integration.workflows.walk import BEG, OK_QUALITY, Walk
from workflows.tasks import REGISTRY


def _views_asked(w: Walk) -> None:
    w.assessed(BEG, passed=False)
    w.ask_views()


def _lbb_asked(w: Walk) -> None:
    w.submit(BEG)
    w.check()
    w.screen(red_flags=1)
    ask_lbb(w, True)


def _lbb_expired(w: Walk) -> None:
    _lbb_asked(w)
    w.expire()


def _deviated(w: Walk) -> None:
    _views_asked(w)
    w.give_views()
    w.assess_views()
    w.deviate(BEG)


# How a case reaches each task (the walk ends with that task open).
REACH: dict[str, Callable[[Walk], object]] = {
    "check_completeness": lambda w: w.submit(BEG),
    "supplement_application": lambda w: (w.submit(BEG), w.check(complete=False)),
    "review_bibob_questionnaire": lambda w: (w.submit(BEG), w.check()),
    "assess_quality_criteria": lambda w: (w.submit(BEG), w.check()),
    "own_investigation": lambda w: (w.submit(BEG), w.check(), w.do(
        "integrity_officer", "review_bibob_questionnaire", questionnaire_complete=True,
        red_flags=0)),
    "decide_lbb_request": lambda w: (w.submit(BEG), w.check(), w.screen(red_flags=1)),
    "register_lbb_advice": _lbb_asked,
    "register_lbb_extension": _lbb_expired,
    "conclude_integrity": lambda w: (w.submit(BEG), w.check(), w.screen()),
    "conclude_quality": lambda w: (w.submit(BEG), w.check(), w.do(
        "quality_assessor", "assess_quality_criteria", **OK_QUALITY,
        subsegments_meeting_specific_criteria=[BEG])),
    "prepare_views_request": lambda w: w.assessed(BEG, passed=False),
    "submit_views": _views_asked,
    "assess_views": lambda w: (_views_asked(w), w.give_views()),
    "decide_admission": lambda w: w.assessed(BEG),
    "confirm_deviation": _deviated,
    "decide_extension": lambda w: (test_paths_contract.contract_case(w), w.expire()),
    "register_client_transfer": test_paths_bridging.bridging_case,
}
# The applicant's own tasks get their screens in the portal; officers see them read-only.
WHO = {"applicant": "screening_officer@test.example"}
SECOND = {"confirm_deviation": "decision_maker_2@test.example"}  # not who decided


def _email(bpmn_id: str) -> str:
    role = REGISTRY[bpmn_id].role
    return SECOND.get(bpmn_id) or WHO.get(role, f"{role}@test.example")


@pytest.fixture
def walk(uow, actors, window_id) -> Walk:
    return Walk(uow, actors, window_id)


def _open(walk: Walk, bpmn_id: str) -> str:
    with freeze_time(walk.now):
        REACH[bpmn_id](walk)
    return open_task(walk.uow, walk.case_id, bpmn_id)


def test_every_task_of_the_registry_has_a_way_to_its_screen():
    assert set(REACH) == set(REGISTRY)


@pytest.mark.parametrize("bpmn_id", sorted(REGISTRY))
def test_every_task_screen_renders_its_form_with_dutch_labels_beside_the_application(
        client, walk, bpmn_id):
    task_id = _open(walk, bpmn_id)
    spec = REGISTRY[bpmn_id]
    login(client, _email(bpmn_id))
    page = client.get(f"/taken/{task_id}").get_data(as_text=True)
    assert f">{spec.label}</h1>" in page
    if spec.role != "applicant":
        for field in spec.fields().values():
            assert str(field.metadata["label"]) in page
    assert "De aanvraag" in page and "Aanbieder A" in page
    if spec.role == "applicant":
        assert "U kunt deze taak niet afronden" in page and "Alleen de aanvrager" in page
        return
    assert "Concept opslaan" in page
    if spec.irreversible:
        assert "Verder naar bevestigen" in page


def test_a_wrong_form_shows_dutch_errors_beside_the_field_and_keeps_what_was_typed(
        client, walk):
    task_id = _open(walk, "check_completeness")
    login(client, "screening_officer@test.example")
    token = csrf_token(client, f"/taken/{task_id}")
    answer = client.post(f"/taken/{task_id}", data={
        "csrf_token": token, "complete": "nee", "completeness_note": "Bijna compleet",
        "actie": "afronden"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert 'id="veld-missing_items-fout"' in page and "Noem wat er ontbreekt." in page
    assert "Bijna compleet" in page
    assert re.search(r'value="nee"[^>]*checked', page)


def test_a_draft_is_resumed_by_its_author_only(client, app, walk):
    task_id = _open(walk, "decide_admission")
    login(client, "decision_maker@test.example")
    token = csrf_token(client, f"/taken/{task_id}")
    saved = client.post(f"/taken/{task_id}", data={
        "csrf_token": token, "motivation": "Halverwege mijn motivering", "actie": "concept"})
    assert saved.status_code == 302
    page = client.get(f"/taken/{task_id}").get_data(as_text=True)
    assert "Halverwege mijn motivering" in page and "Concept opgeslagen" in page
    other = app.test_client()
    login(other, "decision_maker_2@test.example")
    assert "Halverwege" not in other.get(f"/taken/{task_id}").get_data(as_text=True)


def test_a_decision_asks_for_confirmation_first_and_only_then_decides(client, walk, uow):
    task_id = _open(walk, "decide_admission")
    login(client, "decision_maker@test.example")
    form = {"csrf_token": csrf_token(client, f"/taken/{task_id}"), "outcome": "admitted",
            "admitted_subsegments": BEG, "motivation": "Voldoet.", "actie": "afronden"}
    step = client.post(f"/taken/{task_id}", data=form)
    page = step.get_data(as_text=True)
    assert step.status_code == 200 and "Weet u het zeker?" in page
    assert "U neemt het besluit &#39;Toelaten&#39;" in page
    assert "klacht" in page  # the civil model: no bezwaar
    with uow() as u:
        assert u.session.scalars(select(Decision)).first() is None
    back = client.post(f"/taken/{task_id}", data={**form, "terug": "ja"})
    assert "Voldoet." in back.get_data(as_text=True)
    done = client.post(f"/taken/{task_id}", data={**form, "bevestigd": "ja"})
    assert done.status_code == 302
    with uow() as u:
        assert u.session.scalars(select(Decision.outcome)).one() == "admitted"


def test_completing_a_task_someone_completed_gives_409_with_who_and_when_and_the_typed_text(
        client, walk):
    task_id = _open(walk, "check_completeness")
    login(client, "screening_officer@test.example")
    token = csrf_token(client, f"/taken/{task_id}")
    walk.check()  # someone else, first
    answer = client.post(f"/taken/{task_id}", data={
        "csrf_token": token, "complete": "ja", "completeness_note": "Mijn eigen notitie",
        "actie": "afronden"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert "al afgerond door Screening officer op" in page
    assert "Mijn eigen notitie" in page


def test_who_assessed_the_case_sees_why_they_cannot_decide_and_no_submit_button(
        client, walk):
    with freeze_time(walk.now):
        walk.submit(BEG)
        walk.check()
        walk.screen()
        walk.do("decision_maker_2", "conclude_integrity", integrity_passed=True,
                integrity_motivation="Beoordeeld.")
        walk.quality(BEG)
    task_id = open_task(walk.uow, walk.case_id, "decide_admission")
    login(client, "decision_maker_2@test.example")
    page = client.get(f"/taken/{task_id}").get_data(as_text=True)
    assert "U kunt deze taak niet afronden" in page
    assert "zelf beoordeeld" in page and "Integriteitstoets afronden" in page
    assert "Verder naar bevestigen" not in page and "Concept opslaan" not in page


def test_admitting_against_a_failed_assessment_without_a_reason_is_refused_at_the_field(
        client, walk):
    with freeze_time(walk.now):
        _views_asked(walk)
        walk.give_views()
        walk.assess_views()
    task_id = open_task(walk.uow, walk.case_id, "decide_admission")
    login(client, "decision_maker@test.example")
    page = client.get(f"/taken/{task_id}").get_data(as_text=True)
    assert "Waar het besluit op rust" in page and "Motivering integriteitstoets" in page
    answer = client.post(f"/taken/{task_id}", data={
        "csrf_token": csrf_token(client, f"/taken/{task_id}"), "outcome": "admitted",
        "admitted_subsegments": BEG, "motivation": "Toch toelaten.", "actie": "afronden"})
    assert answer.status_code == 422
    assert 'id="veld-deviation_reason-fout"' in answer.get_data(as_text=True)


def test_the_confidential_integrity_facts_stay_hidden_from_other_officers(client, walk):
    task_id = _open(walk, "prepare_views_request")
    login(client, "legal_counsel@test.example")
    page = client.get(f"/taken/{task_id}").get_data(as_text=True)
    assert "Beoordeeld volgens de Wet Bibob." not in page  # integrity_motivation
    login(client, "quality_assessor@test.example")
    assert client.get(f"/taken/{open_task(walk.uow, walk.case_id, 'prepare_views_request')}"
                      ).status_code == 200


def test_an_applicant_is_refused_every_task_screen_even_of_its_own_task(client, walk):
    task_id = _open(walk, "submit_views")
    login(client, "applicant-a@test.example")
    assert client.get(f"/taken/{task_id}").status_code == 403
    token = csrf_token(client, "/wachtwoord")
    assert client.post(f"/taken/{task_id}", data={"csrf_token": token, "views": "x"}
                       ).status_code == 403


def test_the_confirmation_step_says_what_completing_the_task_sets_in_motion(client, walk):
    task_id = _open(walk, "check_completeness")
    login(client, "screening_officer@test.example")
    page = client.post(f"/taken/{task_id}", data={
        "csrf_token": csrf_token(client, f"/taken/{task_id}"), "complete": "nee",
        "missing_items": "Jaarrekening 2025", "actie": "afronden"}).get_data(as_text=True)
    assert "Weet u het zeker?" in page
    assert "verzoek om aanvulling" in page and "Jaarrekening 2025" in page
    assert 'name="bevestigd" value="ja"' in page
