"""The page every screen stands on: landmarks, skip link, menu by role, alerts."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from tests.integration.web.conftest import login
from web import nav
from web.nav import NavItem


def menu(page: str) -> list[str]:
    found = re.search(r'<nav class="utrecht-nav-bar" aria-label="Hoofdmenu">(.*?)</nav>', page,
                      flags=re.S)
    return re.findall(r">([^<>]+)</a>", found.group(1)) if found else []


def test_a_page_has_its_landmarks_and_the_skip_link_comes_first(client):
    page = client.get("/inloggen").get_data(as_text=True)
    body = page[page.index("<body"):]
    assert re.search(r"<body[^>]*>\s*<a [^>]*href=\"#inhoud\"", body)
    assert all(tag in page for tag in ("<header", '<main class="utrecht-page-body__content" '
                                       'id="inhoud"', "<footer"))
    assert page.count("<h1") == 1


def test_nobody_signed_in_has_no_menu(client):
    assert menu(client.get("/inloggen").get_data(as_text=True)) == []


def test_the_menu_follows_the_roles(client):
    login(client, "screening_officer@test.example")
    page = client.get("/zaken/").get_data(as_text=True)
    assert menu(page) == ["Taken", "Zaken"] and 'aria-current="page"' in page
    assert "Ingelogd als" in page and ">Uitloggen</button>" in page


def test_an_applicant_gets_its_own_applications_in_the_menu(client):
    login(client, "applicant-a@test.example")
    assert menu(client.get("/portaal/").get_data(as_text=True)) == ["Mijn aanvragen",
                                                                    "Toelating aanvragen"]


def test_a_link_to_a_page_that_does_not_exist_yet_is_not_shown(app, client):
    nav.register(app, NavItem(_l("Rapporten"), "reports.nothing_here", frozenset({"auditor"})),
                 NavItem(_l("Rapporten"), "cases.index", frozenset({"auditor"})))
    login(client, "auditor@test.example")
    assert menu(client.get("/zaken/").get_data(as_text=True)) == ["Zaken", "Audit"]


def test_a_flashed_message_is_an_alert_with_role_status(client):
    response = login(client, "auditor@test.example")
    page = client.get(response.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert re.search(r'<div class="utrecht-alert utrecht-alert--ok" role="status">\s*<div '
                     r'class="utrecht-alert__content"><div class="utrecht-alert__message"><p '
                     r'class="utrecht-paragraph">Welkom, Auditor.</p>', page)

