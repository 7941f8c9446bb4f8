"""Dutch by default, English on request (kept in a cookie), dates written out."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.integration.web.conftest import login
from web.i18n import datum, datum_kort, datumtijd

FRIDAY = date(2026, 12, 11)
MORNING = datetime(2026, 12, 11, 8, 0, tzinfo=UTC)  # 09:00 in Amsterdam (winter time)
SUMMER = datetime(2026, 7, 3, 7, 30, tzinfo=UTC)  # 09:30 in Amsterdam (summer time)


def test_pages_are_dutch_by_default_with_a_link_to_english(client):
    page = client.get("/inloggen").get_data(as_text=True)
    assert '<html lang="nl"' in page and "Inloggen" in page
    assert 'href="/inloggen?taal=en" lang="en" hreflang="en">English</a>' in page


def test_taal_en_switches_to_english_and_the_cookie_keeps_it(client):
    page = client.get("/inloggen?taal=en").get_data(as_text=True)
    assert '<html lang="en"' in page and "Sign in" in page and "Email address" in page
    assert client.get_cookie("taal").value == "en"
    assert "Sign in" in client.get("/").get_data(as_text=True)  # no parameter, still English
    back = client.get("/?taal=nl").get_data(as_text=True)
    assert '<html lang="nl"' in back and client.get_cookie("taal").value == "nl"


def test_an_unknown_language_is_ignored(client):
    page = client.get("/?taal=xx").get_data(as_text=True)
    assert '<html lang="nl"' in page and client.get_cookie("taal") is None


def test_the_language_link_keeps_the_rest_of_the_query(client):
    login(client, "auditor@test.example")
    page = client.get("/zaken/?status=admitted&pagina=1").get_data(as_text=True)
    assert 'href="/zaken/?status=admitted&amp;pagina=1&amp;taal=en"' in page


def test_error_pages_and_form_errors_follow_the_language(client):
    assert "This page does not exist." in client.get("/nergens?taal=en").get_data(as_text=True)
    failed = login(client, "geen-adres", path="/inloggen?taal=en").get_data(as_text=True)
    assert "Enter a valid email address." in failed and "There is a problem" in failed


def test_signed_in_pages_in_english(client):
    login(client, "screening_officer@test.example")
    page = client.get("/zaken/?taal=en").get_data(as_text=True)
    assert "Sign out" in page and "Signed in as" in page and ">Cases<" in page


def test_dutch_dates(app):
    with app.test_request_context("/"):
        assert datum(FRIDAY) == "vrijdag 11 december 2026"
        assert datum_kort(FRIDAY) == "11-12-2026"
        assert datumtijd(MORNING) == "vrijdag 11 december 2026 om 09:00"
        assert datumtijd(SUMMER) == "vrijdag 3 juli 2026 om 09:30"
        assert datum(datetime(2026, 12, 10, 23, 30, tzinfo=UTC)) == "vrijdag 11 december 2026"
        assert datum(None) == datumtijd(None) == datum_kort(None) == ""


def test_english_dates_follow_the_english_conventions(app):
    with app.test_request_context("/?taal=en"):
        assert datum(FRIDAY) == "Friday, December 11, 2026"
        assert datum_kort(FRIDAY) == "12/11/26"
        assert datumtijd(MORNING) == "Friday, December 11, 2026 at 9:00\u202fAM"


def test_the_date_filters_are_there_for_templates(app):
    with app.test_request_context("/"):
        template = "{{ d | datum }} / {{ m | datumtijd }} / {{ d | datum_kort }}"
        rendered = app.jinja_env.from_string(template).render(d=FRIDAY, m=MORNING)
    assert rendered == "vrijdag 11 december 2026 / vrijdag 11 december 2026 om 09:00 / 11-12-2026"
