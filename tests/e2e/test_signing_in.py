"""Each demo person signs in, lands on their home page (a reviewer's inbox, the others'
case list), opens a case, switches language and signs out: through the screens only."""

from __future__ import annotations

import re

import pytest

from tests.e2e.helpers import screenshot, sign_in, sign_out

REVIEWERS = ["screening_officer", "integrity_officer", "quality_assessor", "legal_counsel",
             "decision_maker", "contract_manager"]


@pytest.mark.parametrize("role", REVIEWERS + ["auditor", "admin"])
def test_a_reviewer_signs_in_sees_the_cases_opens_one_and_signs_out(page, role):
    sign_in(page, f"{role}@demo.test")
    assert page.get_by_role("status").first.inner_text().startswith("Welkom")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    if role in REVIEWERS:  # a reviewer's home page is the inbox
        assert page.url.endswith("/taken")
        menu.get_by_role("link", name="Zaken").click()
    assert page.url.endswith("/zaken/")
    assert menu.get_by_role("link", name="Zaken").get_attribute("aria-current") == "page"
    assert page.get_by_role("heading", level=1).inner_text() == "Zaken"
    table = page.get_by_role("table", name="Alle zaken die u mag zien, nieuwste eerst")
    application = table.get_by_role("row").filter(has_text="Aanvraag om toelating").first
    application.get_by_role("link", name=re.compile(r"^TW-")).click()
    assert re.search(r"/zaken/\d+$", page.url)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Aanvraag om toelating")
    assert page.get_by_role("heading", name="Open taken").is_visible()
    sign_out(page)
    assert page.get_by_role("status").inner_text() == "U bent uitgelogd."
    assert page.get_by_role("button", name="Uitloggen").count() == 0


def test_the_applicant_sees_only_its_own_applications(page):
    sign_in(page, "applicant@demo.test")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert [link.inner_text() for link in menu.get_by_role("link").all()] == [
        "Mijn aanvragen", "Toelating aanvragen"]
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn aanvragen"
    assert page.url.endswith("/portaal/")  # the portal lists the own organisation's only
    links = page.get_by_role("link", name=re.compile(r"^TW-"))
    for href in {links.nth(i).get_attribute("href") for i in range(links.count())}:
        page.goto(href)
        assert page.get_by_text("Stichting Jeugdzorg Twente").first.is_visible()
    sign_out(page)


def test_the_language_switch_in_the_footer_changes_the_whole_page(page):
    sign_in(page, "screening_officer@demo.test")
    page.get_by_role("contentinfo").get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Tasks"
    assert page.get_by_role("link", name=re.compile(r"^My tasks \(\d+\)$")).is_visible()
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Cases").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Cases"
    assert page.get_by_role("button", name="Sign out").is_visible()
    page.get_by_role("link", name=re.compile(r"^TW-")).first.click()  # the cookie keeps it
    assert page.get_by_role("heading", name="Open tasks").is_visible()
    page.get_by_role("contentinfo").get_by_role("link", name="Nederlands").click()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", name="Open taken").is_visible()


def test_screenshots_of_the_main_pages(page):
    page.goto("/inloggen")
    screenshot(page, "login")
    page.get_by_role("button", name="Inloggen").click()
    screenshot(page, "login-fouten")
    sign_in(page, "decision_maker@demo.test")
    page.goto("/zaken/")
    screenshot(page, "zaken")
    page.get_by_role("link", name="TW-2026-00012").click()
    screenshot(page, "zaak")
    page.goto("/wachtwoord")
    screenshot(page, "wachtwoord")
