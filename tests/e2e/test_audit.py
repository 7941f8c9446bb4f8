"""The auditor's side in a browser: find a case, step through its history to the award
and see the diagram change, jump to a date; every auditor page passes axe-core; the
admin sees the reading in the access log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.helpers import assert_accessible, screenshot, sign_in, sign_out
from workflows.dossier import check

AUDITOR = "auditor@demo.test"


def _marked(page: Any) -> tuple[int, int]:
    page.locator("[data-drawn=true]").wait_for()
    return (page.locator(".toelating-step--done").count(),
            page.locator(".toelating-step--current").count())


def test_an_auditor_finds_a_case_and_steps_through_its_history_to_the_award(page):
    sign_in(page, AUDITOR)
    page.get_by_role("link", name="Audit", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Aanbieder of KvK-nummer").fill("Jeugdzorg Twente")
    page.get_by_label("Fase").select_option(label="Toegelaten")
    page.get_by_role("button", name="Zoeken").click()
    results = page.get_by_role("table", name="Zaken die aan de zoekvragen voldoen")
    assert results.get_by_role("row").count() >= 2  # a header and at least one case
    screenshot(page, "audit_zoeken")
    results.get_by_role("link").first.click()
    assert page.get_by_role("heading", name="Geschiedenis van").is_visible()

    page.get_by_role("link", name="Eerste stap").click()
    assert page.get_by_text("Stap 1 van").is_visible()
    early = _marked(page)
    assert_accessible(page)
    screenshot(page, "audit_stap_1")
    for _ in range(60):  # one event at a time, up to the award
        heading = page.get_by_role("heading", name="Stap ", exact=False).first.inner_text()
        if "Besluiten over toelating" in heading:  # the decision maker's award
            break
        page.get_by_role("link", name="Volgende stap").click()
    else:
        raise AssertionError("no award step in the history")
    changed = page.get_by_role("table", name="Gegevens die deze stap veranderde")
    assert changed.get_by_role("rowheader", name="Besluit", exact=True).is_visible()
    assert changed.get_by_role("rowheader", name="Fase").is_visible()
    late = _marked(page)
    assert late[0] > early[0], "the diagram marks more steps done at the award"
    assert page.get_by_text("In de rol van").is_visible()
    assert_accessible(page)
    screenshot(page, "audit_stap_besluit")

    with page.expect_download() as download:
        page.get_by_role("link", name="Dossier downloaden (zip)").click()
    assert download.value.suggested_filename.startswith("dossier-TW-")
    checked = check.check_dossier(Path(download.value.path()))  # proves itself, no database
    assert checked.events >= 10

    page.get_by_label("Naar de stand aan het eind van de dag").fill("nooit")
    page.get_by_role("button", name="Naar deze datum").click()
    assert page.get_by_text("Schrijf de datum als dd-mm-jjjj").first.is_visible()
    assert_accessible(page)


def test_the_admin_sees_who_read_which_case(page):
    sign_in(page, AUDITOR)
    page.goto("/audit/zaken/1")
    sign_out(page)
    sign_in(page, "admin@demo.test")
    page.get_by_role("link", name="Inzage-log").click()
    log = page.get_by_role("table", name="Inzage door auditors")
    assert log.get_by_role("row", name="Geopend").first.is_visible()
    assert_accessible(page)
    screenshot(page, "audit_inzage")
