"""Task screens in the browser: a wrong form first (errors shown, data kept), then a right
one; an application carried from submission to an award decision through the officer
screens only; deciding a case one assessed; sending a positive assessment back to views;
a deviation confirmed by a second decision maker; the 409 page. axe-core on every kind
of page on the way."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from models import Case, Decision, HumanTask, RegistrationWindow, User
from tests.e2e.helpers import assert_accessible, screenshot, sign_in, sign_out
from workflows import cases, people, registration, running
from workflows.actors import SYSTEM, Actor
from workflows.database import Database

BEG = "ambulant_begeleiding"
OK_QUALITY = {"governance_code": True, "wnt_compliant": True, "certified": True,
              "registrations_valid": True}


def _actor(db: Database, email: str) -> Actor:
    with db.uow() as uow:
        user_id = uow.session.scalars(select(User.id).where(User.email == email)).one()
        actor = people.actor_for(uow, SYSTEM, user_id=user_id)
    assert actor is not None
    return actor


def _submit(db: Database) -> int:
    """A new application of the demo's first provider (the portal is a later issue)."""
    with db.uow() as uow:
        window_id = uow.session.scalars(select(RegistrationWindow.id)).first()
    view = running.write(db, registration.submit_application,
                         _actor(db, "applicant@demo.test"), window_id=window_id,
                         subsegment_codes=[BEG])
    return view.case_id


def _task(db: Database, case_id: int, bpmn_id: str) -> str:
    with db.uow() as uow:
        task_id = uow.session.scalars(select(HumanTask.task_id).where(
            HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id,
            HumanTask.completed_at.is_(None))).first()
    assert task_id is not None, f"{bpmn_id} is not open"
    return task_id


def _do(db: Database, email: str, case_id: int, bpmn_id: str, **data: Any) -> None:
    running.write(db, cases.complete_task, _actor(db, email),
                  task_id=_task(db, case_id, bpmn_id), data=data)


def _assessed(db: Database, *, passed: bool, integrity_by: str = "integrity_officer") -> int:
    case_id = _submit(db)
    _do(db, "screening_officer@demo.test", case_id, "check_completeness", complete=True)
    _do(db, "integrity_officer@demo.test", case_id, "review_bibob_questionnaire",
        questionnaire_complete=True, red_flags=0)
    _do(db, "integrity_officer@demo.test", case_id, "own_investigation", register_hits=0,
        criminal_antecedents=False)
    _do(db, f"{integrity_by}@demo.test", case_id, "conclude_integrity",
        integrity_passed=passed, integrity_motivation="Beoordeeld volgens de Wet Bibob.")
    _do(db, "quality_assessor@demo.test", case_id, "assess_quality_criteria", **OK_QUALITY,
        subsegments_meeting_specific_criteria=[BEG])
    _do(db, "quality_assessor@demo.test", case_id, "conclude_quality",
        quality_motivation="KIT getoetst.")
    return case_id


def _open(page: Any, db: Database, case_id: int, bpmn_id: str) -> None:
    page.goto(f"/taken/{_task(db, case_id, bpmn_id)}")
    assert_accessible(page)


def _choose(page: Any, group: str, option: str) -> None:
    page.get_by_role("radiogroup", name=group).get_by_label(option, exact=True).check()


def _finish(page: Any) -> None:
    page.get_by_role("button", name="Taak afronden").click()
    assert page.get_by_role("status").first.inner_text().startswith("Taak afgerond")


def _confirm(page: Any, shot: str | None = None) -> None:
    page.get_by_role("button", name="Verder naar bevestigen").click()
    assert page.get_by_role("heading", name="Weet u het zeker?").is_visible()
    assert_accessible(page)
    if shot:
        screenshot(page, shot)
    page.get_by_role("button", name="Ja, rond de taak af").click()
    assert page.get_by_role("status").first.inner_text().startswith("Taak afgerond")


def _decision(db: Database, case_id: int) -> str | None:
    with db.uow() as uow:
        return uow.session.scalars(select(Decision.outcome).where(
            Decision.case_id == case_id)).first()


def test_an_application_goes_from_submission_to_award_through_the_screens_only(
        page, live_database):
    award_through_the_screens(page, live_database, _submit(live_database))


def award_through_the_screens(page: Any, db: Database, case_id: int) -> None:
    """Every officer step of a submitted application in the browser, each by another
    person where four-eyes applies, up to the award (the portal's test submits one
    through its wizard and hands it on here)."""
    sign_in(page, "screening_officer@demo.test")
    _open(page, db, case_id, "check_completeness")
    _choose(page, "Is de aanvraag volledig?", "Nee")
    page.locator("#veld-completeness_note").fill("Jaarrekening nagevraagd")
    page.get_by_role("button", name="Verder naar bevestigen").click()
    assert page.get_by_role("alert").first.is_visible()
    assert page.get_by_text("Noem wat er ontbreekt.").first.is_visible()
    assert page.locator("#veld-completeness_note").input_value() == "Jaarrekening nagevraagd"
    assert page.locator("#veld-missing_items").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    screenshot(page, "task_error")
    _choose(page, "Is de aanvraag volledig?", "Ja")
    _confirm(page)
    sign_out(page)

    sign_in(page, "integrity_officer@demo.test")
    _open(page, db, case_id, "review_bibob_questionnaire")
    _choose(page, "Is de Bibob-vragenlijst volledig ingevuld?", "Ja")
    page.get_by_label("Aantal signalen in de vragenlijst").fill("0")
    _finish(page)
    _open(page, db, case_id, "own_investigation")
    page.get_by_label("Aantal treffers in registers").fill("0")
    _choose(page, "Zijn er strafrechtelijke antecedenten?", "Nee")
    _finish(page)
    _open(page, db, case_id, "conclude_integrity")
    _choose(page, "Voldoet de aanvrager aan de integriteitseisen?", "Ja")
    page.locator("#veld-integrity_motivation").fill("Geen signalen.")
    _finish(page)
    sign_out(page)

    sign_in(page, "quality_assessor@demo.test")
    _open(page, db, case_id, "assess_quality_criteria")
    for label in ("Past de Governancecode Zorg 2022 toe", "Voldoet aan de WNT",
                  "Heeft een geldig kwaliteitscertificaat",
                  "Registraties (KvK, AGB) zijn geldig"):
        page.get_by_label(label).check()
    page.locator(f'input[name="subsegments_meeting_specific_criteria"][value="{BEG}"]').check()
    _finish(page)
    _open(page, db, case_id, "conclude_quality")
    page.locator("#veld-quality_motivation").fill("Voldoet aan de KIT-criteria.")
    _finish(page)
    sign_out(page)

    sign_in(page, "decision_maker@demo.test")  # a different person from every assessor
    _open(page, db, case_id, "decide_admission")
    assert page.get_by_role("heading", name="Waar het besluit op rust").is_visible()
    _choose(page, "Besluit", "Toelaten")
    page.locator(f'input[name="admitted_subsegments"][value="{BEG}"]').check()
    page.locator("#veld-motivation").fill("Voldoet aan alle voorwaarden.")
    _confirm(page)
    assert _decision(db, case_id) == "admitted"


def test_who_assessed_a_case_sees_why_they_cannot_decide_it(page, live_database):
    case_id = _assessed(live_database, passed=True, integrity_by="decision_maker2")
    sign_in(page, "decision_maker2@demo.test")
    _open(page, live_database, case_id, "decide_admission")
    assert page.get_by_role("heading", name="U kunt deze taak niet afronden").is_visible()
    assert page.get_by_text("zelf beoordeeld").is_visible()
    assert page.get_by_role("button", name="Verder naar bevestigen").count() == 0
    screenshot(page, "task_separation_of_duties")


def test_a_positive_assessment_is_sent_back_to_the_views_step(page, live_database):
    db = live_database
    case_id = _assessed(db, passed=True)
    sign_in(page, "decision_maker@demo.test")
    _open(page, db, case_id, "decide_admission")
    _choose(page, "Besluit", "Terugsturen: eerst een zienswijze vragen")
    page.locator("#veld-motivation").fill("Ik overweeg af te wijzen.")
    _confirm(page)
    assert _task(db, case_id, "prepare_views_request")
    assert _decision(db, case_id) is None


def test_a_deviating_admission_is_confirmed_by_a_second_decision_maker(page, live_database):
    db = live_database
    case_id = _assessed(db, passed=False)
    _do(db, "legal_counsel@demo.test", case_id, "prepare_views_request",
        intended_reasons="Integriteitstoets negatief.")
    _do(db, "applicant@demo.test", case_id, "submit_views", views="Wij zijn het oneens.")
    _do(db, "legal_counsel@demo.test", case_id, "assess_views",
        views_assessment="De zienswijze is gewogen.")
    sign_in(page, "decision_maker@demo.test")
    _open(page, db, case_id, "decide_admission")
    _choose(page, "Besluit", "Toelaten")
    page.locator(f'input[name="admitted_subsegments"][value="{BEG}"]').check()
    page.locator("#veld-motivation").fill("Toch toelaten.")
    page.locator("#veld-deviation_reason").fill("Het signaal is weerlegd in de zienswijze.")
    _confirm(page, "task_confirm_deviation")
    assert _decision(db, case_id) is None  # not before the second decision maker
    page.goto(f"/taken/{_task(db, case_id, 'confirm_deviation')}")
    assert page.get_by_text("tweede besluitnemer bevestigt dit besluit").is_visible()
    sign_out(page)
    sign_in(page, "decision_maker2@demo.test")
    _open(page, db, case_id, "confirm_deviation")
    _choose(page, "Bevestigt u het afwijkende besluit?", "Ja")
    page.locator("#veld-deviation_review").fill("Afwijking is goed gemotiveerd.")
    _confirm(page)
    assert _decision(db, case_id) == "admitted"


def test_completing_a_task_someone_else_completed_shows_409_and_keeps_the_input(
        page, live_database):
    db = live_database
    case_id = _submit(db)
    sign_in(page, "screening_officer@demo.test")
    _open(page, db, case_id, "check_completeness")
    _choose(page, "Is de aanvraag volledig?", "Ja")
    page.locator("#veld-completeness_note").fill("Mijn notitie")
    _do(db, "screening_officer@demo.test", case_id, "check_completeness", complete=True)
    page.get_by_role("button", name="Verder naar bevestigen").click()
    assert page.get_by_role("heading", name="Deze taak is al afgerond").is_visible()
    assert page.get_by_text("Mijn notitie").is_visible()
    assert_accessible(page)
    screenshot(page, "task_conflict")


def test_every_open_officer_task_screen_of_the_demo_has_no_axe_violations(
        page, live_database):
    with live_database.uow() as uow:
        rows = uow.session.execute(select(HumanTask.bpmn_id, HumanTask.task_id, HumanTask.lane)
                                   .join(Case, Case.id == HumanTask.case_id)
                                   .where(HumanTask.completed_at.is_(None),
                                          HumanTask.lane != "applicant")).all()
    first = {bpmn_id: (task_id, lane) for bpmn_id, task_id, lane in reversed(rows)}
    for bpmn_id, (task_id, lane) in sorted(first.items()):
        sign_in(page, f"{lane}@demo.test")
        page.goto(f"/taken/{task_id}")
        assert page.get_by_role("heading", level=1).is_visible(), bpmn_id
        assert_accessible(page)
        sign_out(page)
