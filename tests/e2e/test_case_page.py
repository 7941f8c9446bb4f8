"""The case page in a real browser: the diagram drawn by bpmn-js under the CSP with the
current step marked, and each officer action done through its own screen (a wrong input
first: the error inline and what was typed kept), then seen in the timeline. axe-core
on the case page and on every action screen."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import HumanTask, RegistrationWindow, User
from tests.e2e.helpers import SCREENSHOTS, assert_accessible, screenshot, sign_in
from workflows import cases, people, registration, running
from workflows.actors import SYSTEM, Actor
from workflows.database import Database

TODAY = date.today().strftime("%d-%m-%Y")


def _actor(db: Database, email: str) -> Actor:
    with db.uow() as uow:
        user_id = uow.session.scalars(select(User.id).where(User.email == email)).one()
        actor = people.actor_for(uow, SYSTEM, user_id=user_id)
    assert actor is not None
    return actor


def _do(db: Database, email: str, case_id: int, bpmn_id: str, **data: object) -> None:
    with db.uow() as uow:
        task_id = uow.session.scalars(select(HumanTask.task_id).where(
            HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id,
            HumanTask.completed_at.is_(None))).one()
    running.write(db, cases.complete_task, _actor(db, f"{email}@demo.test"), task_id=task_id,
                  data=data)


def new_case(db: Database, phase: str) -> int:
    """A case of our own in a phase ("completeness" or "awaiting_lbb"), so the demo's
    cases stay as the other browser tests expect them."""
    with db.uow() as uow:
        window_id = uow.session.scalars(select(RegistrationWindow.id)).first()
    case_id = running.write(db, registration.submit_application,
                            _actor(db, "applicant@demo.test"), window_id=window_id,
                            subsegment_codes=["ambulant_begeleiding"]).case_id
    if phase == "awaiting_lbb":
        _do(db, "screening_officer", case_id, "check_completeness", complete=True)
        _do(db, "integrity_officer", case_id, "review_bibob_questionnaire",
            questionnaire_complete=True, red_flags=0)
        _do(db, "integrity_officer", case_id, "own_investigation", register_hits=0,
            criminal_antecedents=True)
        _do(db, "integrity_officer", case_id, "decide_lbb_request", request_lbb=True,
            lbb_motivation="Antecedenten gevonden.")
    return case_id


def open_case(page, db: Database, phase: str) -> None:
    page.goto(f"/zaken/{new_case(db, phase)}")
    page.wait_for_load_state()


def test_the_case_page_draws_the_diagram_with_the_current_step_marked(page, live_database):
    sign_in(page, "integrity_officer@demo.test")
    open_case(page, live_database, "awaiting_lbb")
    page.locator("[data-drawn=true]").wait_for()
    assert page.locator(".toelating-diagram svg").count() >= 2  # admission and integrity
    current = page.locator(".toelating-step--current")
    assert current.count() >= 1
    assert page.locator('.toelating-step--current[data-element-id="register_lbb_advice"]'
                        ).count() == 1
    assert page.get_by_role("heading", name="Stappen van deze zaak").is_visible()
    assert page.get_by_role("heading", name="Tijdlijn").is_visible()
    assert_accessible(page)
    screenshot(page, "case_page")
    page.locator(".toelating-diagram").screenshot(path=str(SCREENSHOTS / "case_diagram.png"))
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "case_page_top.png"))


def test_outside_the_integrity_roles_the_diagram_shows_one_integrity_step(page, live_database):
    sign_in(page, "screening_officer@demo.test")
    open_case(page, live_database, "awaiting_lbb")
    page.locator("[data-drawn=true]").wait_for()
    assert page.locator('[data-element-id="register_lbb_advice"]').count() == 0
    assert page.locator('.toelating-step--current[data-element-id="integrity_assessment"]'
                        ).count() == 1
    assert "Vertrouwelijk, alleen zichtbaar voor" in page.content()


def test_a_supplement_request_through_its_screen(page, live_database):
    sign_in(page, "screening_officer@demo.test")
    open_case(page, live_database, "completeness")
    page.get_by_role("link", name="Om aanvulling vragen").click()
    assert_accessible(page)
    page.get_by_label("Interne notitie").fill("Telefonisch besproken")
    page.get_by_role("button", name="Verder").click()
    assert page.get_by_role("alert").first.is_visible()
    assert page.get_by_label("Wat ontbreekt er?").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Interne notitie").input_value() == "Telefonisch besproken"
    assert_accessible(page)
    page.get_by_label("Wat ontbreekt er?").fill("Jaarrekening 2025\nVerklaring Omtrent Gedrag")
    page.get_by_role("button", name="Verder").click()
    assert page.get_by_role("heading", name="Weet u het zeker?").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, ik weet het zeker").click()
    page.wait_for_load_state()
    timeline = page.locator(".toelating-timeline")
    assert "Ontbreekt: Jaarrekening 2025; Verklaring Omtrent Gedrag" in timeline.inner_text()
    assert "Wacht op aanvulling" in page.locator("main").inner_text()


ACTIONS = [
    pytest.param("screening_officer", "completeness", "Ingebrekestelling vastleggen",
                 {"Ontvangen op": "31-02-2026"}, {"Ontvangen op": TODAY}, True,
                 "Ingebrekestelling ontvangen", id="notice_of_default"),
    pytest.param("legal_counsel", "completeness", "Beslistermijn verdagen",
                 {"Verdagen met (weken)": "40", "Reden van de verdaging": "Deskundige nodig"},
                 {"Verdagen met (weken)": "3"}, True, "Beslistermijn verdaagd met 3 weken",
                 id="extension"),
    pytest.param("integrity_officer", "awaiting_lbb", "Vragen van het LBB vastleggen",
                 {"Gesteld op": TODAY}, {"Vragen van het LBB": "Wie financiert de zorg?"},
                 True, "Vragen van het LBB aan de aanvrager vastgelegd", id="lbb_questions"),
    pytest.param("quality_assessor", "completeness", "Interne notitie toevoegen",
                 {"Notitie": ""}, {"Notitie": "Certificaat verloopt in mei."}, False,
                 "Certificaat verloopt in mei.", id="note"),
    pytest.param("screening_officer", "completeness",
                 "Intrekking namens de aanvrager vastleggen",
                 {"Ontvangen op": "31-02-2026", "Wat schreef de aanvrager?": "Per brief"},
                 {"Ontvangen op": TODAY}, True,
                 "Intrekking van de aanvrager vastgelegd", id="withdrawal"),
]


@pytest.mark.parametrize(("role", "status", "action", "wrong", "right", "confirm", "shown"),
                         ACTIONS)
def test_each_officer_action_through_its_screen(page, live_database, role, status, action,
                                                wrong, right, confirm, shown):
    sign_in(page, f"{role}@demo.test")
    open_case(page, live_database, status)
    page.get_by_role("link", name=action).click()
    assert page.get_by_role("heading", level=1).inner_text() == action
    assert_accessible(page)
    for label, value in wrong.items():
        page.get_by_role("textbox", name=label).fill(value)
    page.get_by_role("button", name="Verder" if confirm else "Opslaan").click()
    assert page.get_by_role("alert").first.is_visible()
    for label, value in wrong.items():
        assert page.get_by_role("textbox", name=label).input_value() == value  # kept
    assert_accessible(page)
    screenshot(page, f"action_{role}_with_error")
    for label, value in right.items():
        page.get_by_role("textbox", name=label).fill(value)
    page.get_by_role("button", name="Verder" if confirm else "Opslaan").click()
    if confirm:
        assert page.get_by_role("heading", name="Weet u het zeker?").is_visible()
        assert_accessible(page)
        page.get_by_role("button", name="Ja, ik weet het zeker").click()
    page.wait_for_load_state()
    assert shown in page.locator(".toelating-timeline").inner_text()
    assert_accessible(page)
