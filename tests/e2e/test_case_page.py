"""The case page in a real browser: the diagram drawn by bpmn-js under the CSP with the
current step marked, and each officer action done through its own screen (a wrong input
first: the error inline and what was typed kept), then seen in the timeline. axe-core
on the case page and on every action screen."""

from __future__ import annotations

from datetime import date

import pytest

from tests.e2e.helpers import SCREENSHOTS, assert_accessible, screenshot, sign_in

TODAY = date.today().strftime("%d-%m-%Y")


def open_case(page, status: str) -> None:
    """The first case in a phase, from the case list filtered on it."""
    page.goto(f"/zaken/?status={status}")
    page.get_by_role("table").get_by_role("link").first.click()
    page.wait_for_load_state()


def test_the_case_page_draws_the_diagram_with_the_current_step_marked(page):
    sign_in(page, "integrity_officer@demo.test")
    open_case(page, "awaiting_lbb")
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


def test_outside_the_integrity_roles_the_diagram_shows_one_integrity_step(page):
    sign_in(page, "screening_officer@demo.test")
    open_case(page, "awaiting_lbb")
    page.locator("[data-drawn=true]").wait_for()
    assert page.locator('[data-element-id="register_lbb_advice"]').count() == 0
    assert page.locator('.toelating-step--current[data-element-id="integrity_assessment"]'
                        ).count() == 1
    assert "Vertrouwelijk, alleen zichtbaar voor" in page.content()


def test_a_supplement_request_through_its_screen(page):
    sign_in(page, "screening_officer@demo.test")
    open_case(page, "completeness")
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
    pytest.param("screening_officer", "assessment", "Ingebrekestelling vastleggen",
                 {"Ontvangen op": "31-02-2026"}, {"Ontvangen op": TODAY}, True,
                 "Ingebrekestelling ontvangen", id="notice_of_default"),
    pytest.param("legal_counsel", "assessment", "Beslistermijn verdagen",
                 {"Verdagen met (weken)": "40", "Reden van de verdaging": "Deskundige nodig"},
                 {"Verdagen met (weken)": "3"}, True, "Beslistermijn verdaagd met 3 weken",
                 id="extension"),
    pytest.param("integrity_officer", "awaiting_lbb", "Vragen van het LBB vastleggen",
                 {"Gesteld op": TODAY}, {"Vragen van het LBB": "Wie financiert de zorg?"},
                 True, "Vragen van het LBB aan de aanvrager vastgelegd", id="lbb_questions"),
    pytest.param("quality_assessor", "assessment", "Interne notitie toevoegen",
                 {"Notitie": ""}, {"Notitie": "Certificaat verloopt in mei."}, False,
                 "Certificaat verloopt in mei.", id="note"),
]


@pytest.mark.parametrize(("role", "status", "action", "wrong", "right", "confirm", "shown"),
                         ACTIONS)
def test_each_officer_action_through_its_screen(page, role, status, action, wrong, right,
                                                confirm, shown):
    sign_in(page, f"{role}@demo.test")
    open_case(page, status)
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
