"""WCAG 2.1 AA as far as a machine can tell (axe-core finds nothing), and the keyboard:
the skip link comes first and every stop shows where the focus is."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import assert_accessible, sign_in, tab_through


@pytest.mark.parametrize("path", ["/", "/inloggen", "/inloggen?taal=en", "/bestaat-niet"])
def test_public_pages_have_no_axe_violations(page, path):
    page.goto(path)
    assert_accessible(page)


def test_the_login_form_with_errors_has_no_axe_violations(page):
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_role("alert").first.is_visible()
    assert page.get_by_label("E-mailadres").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("E-mailadres").input_value() == "geen-adres"  # kept
    assert_accessible(page)


@pytest.mark.parametrize("email", ["screening_officer@demo.test", "applicant@demo.test"])
def test_signed_in_pages_have_no_axe_violations(page, email):
    sign_in(page, email)
    assert_accessible(page)  # the case list, with the welcome message
    page.get_by_role("table").get_by_role("link").first.click()
    assert_accessible(page)  # a case page
    page.goto("/wachtwoord")
    assert_accessible(page)
    page.get_by_role("button", name="Wachtwoord wijzigen").click()  # empty: errors
    assert_accessible(page)
    page.goto("/zaken/999999")
    assert page.get_by_role("heading", level=1).inner_text() == "Niet gevonden"
    assert_accessible(page)


def test_the_skip_link_is_the_first_tab_stop_and_leads_to_the_content(page):
    page.goto("/inloggen")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0  # on screen once focused (hidden above before)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "veld-email"


@pytest.mark.parametrize("path", ["/inloggen", "/zaken/", "/wachtwoord"])
def test_every_tab_stop_shows_a_focus_style(page, path):
    if path != "/inloggen":
        sign_in(page, "screening_officer@demo.test")
    page.goto(path)
    stops = tab_through(page)
    controls = page.evaluate("document.querySelectorAll('a[href], button, input:not([type=hidden]),"
                             " select, textarea').length")
    assert len(stops) == controls, "some control cannot be reached with Tab"
    invisible = [s for s in stops if not (s["outline"] or s["shadow"])]
    assert not invisible, f"no visible focus on {path}: {invisible}"


def test_the_tab_order_follows_the_page(page):
    sign_in(page, "screening_officer@demo.test")
    page.goto("/wachtwoord")
    order = [s["text"] or s["name"] for s in tab_through(page)]
    assert order[:6] == ["Naar de inhoud", "Toelating jeugdhulp", "Wachtwoord wijzigen",
                         "Uitloggen", "Taken", "Zaken"]
    assert order[6:9] == ["old_password", "new_password", "Wachtwoord wijzigen"]
    assert order[-1] == "English"
