"""The applicant portal in a browser, as a new applicant would use it: my applications
with what waits for me first, the status page of a decided application (its letters and
contract), answering a supplement request with a PDF and seeing the decision deadline
move, giving views after an officer asked for them, and withdrawing (asked first).
axe-core on every portal page type; screenshots under tests/e2e/screenshots/."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from models import Case
from tests.e2e.helpers import assert_accessible, screenshot, sign_in
from tests.e2e.test_task_screens import _assessed, _do, _submit

APPLICANT = "applicant@demo.test"
DECISION_LETTER = "Besluit op uw aanvraag om toelating (PDF)"
HEAR = {"objection": "hear_objector", "complaint": "hear_complainant"}
ADVISE = {"objection": "advise_on_objection", "complaint": "advise_on_complaint"}
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _deadline(page: Any) -> str:
    item = page.locator(".utrecht-data-list__item", has_text="Wij beslissen uiterlijk op")
    return str(item.locator("dd").inner_text())


def test_my_applications_then_a_decided_application_with_its_letters(page):
    sign_in(page, APPLICANT)
    assert page.url.endswith("/portaal/")
    assert page.get_by_role("heading", name="Wat u nu moet doen").is_visible()
    assert page.get_by_role("link", name="Aanvraag aanvullen").first.is_visible()
    assert page.get_by_text("Wij wachten op uw aanvulling").first.is_visible()
    action = page.get_by_role("row", name="Aanvraag aanvullen").first.inner_text()
    page.get_by_role("link", name="TW-").first.click()
    assert page.get_by_text(action.split("\t")[-1].strip()).first.is_visible()  # one date
    page.go_back()
    assert_accessible(page)
    screenshot(page, "portal_home")
    page.get_by_role("row", name="U bent toegelaten").get_by_role("link").first.click()
    assert page.get_by_role("heading", name="Brieven").is_visible()
    assert page.get_by_role("rowheader", name=DECISION_LETTER).is_visible()
    assert page.get_by_role("heading", name="Overeenkomsten").is_visible()
    assert "Interne notitie" not in page.content()
    assert_accessible(page)
    screenshot(page, "portal_status_decided")


def test_answering_a_supplement_request_moves_the_decision_deadline(page):
    sign_in(page, APPLICANT)
    page.get_by_role("row", name="Wij wachten op uw aanvulling").get_by_role(
        "link").first.click()
    assert page.get_by_text("staat stil zolang wij op uw aanvulling wachten").is_visible()
    before = _deadline(page)
    assert_accessible(page)
    screenshot(page, "portal_status_waiting")
    page.get_by_role("link", name="Aanvraag aanvullen").click()
    asked = page.get_by_role("heading", name="Wat wij van u nodig hebben")
    assert asked.is_visible() and page.get_by_text("Jaarrekening 2025").is_visible()
    page.get_by_role("button", name="Aanvulling versturen").click()  # nothing filled in
    assert page.get_by_role("alert").first.is_visible()
    assert_accessible(page)
    page.get_by_label("Toelichting op de aanvulling").fill("Hierbij de jaarrekening 2025.")
    page.get_by_label("Documenten (PDF)").set_input_files(
        files=[{"name": "jaarrekening-2025.pdf", "mimeType": "application/pdf",
                "buffer": PDF}])
    screenshot(page, "portal_supplement")
    page.get_by_role("button", name="Aanvulling versturen").click()
    assert "de beslistermijn loopt weer" in page.get_by_role("status").first.inner_text()
    assert _deadline(page) != before
    assert page.get_by_role("rowheader", name="jaarrekening-2025.pdf").is_visible()
    assert page.get_by_text("Op dit moment hoeft u niets te doen.").is_visible()
    screenshot(page, "portal_status_supplemented")


def test_views_on_an_intended_refusal_are_asked_to_confirm_then_given(page, live_database):
    db = live_database
    case_id = _assessed(db, passed=False)
    _do(db, "legal_counsel@demo.test", case_id, "prepare_views_request",
        intended_reasons="De integriteitstoets is negatief.")
    sign_in(page, APPLICANT)
    page.goto(f"/portaal/aanvragen/{case_id}")
    page.get_by_role("link", name="Zienswijze geven").click()
    assert_accessible(page)
    page.get_by_role("textbox", name="Uw zienswijze").fill("Wij zijn het er niet mee eens.")
    page.get_by_role("button", name="Verder").click()
    assert page.get_by_role("heading", name="Weet u het zeker?").is_visible()
    assert_accessible(page)
    screenshot(page, "portal_views_confirm")
    page.get_by_role("button", name="Ja, ik weet het zeker").click()
    assert "zienswijze ontvangen" in page.get_by_role("status").first.inner_text()
    assert page.get_by_text("Op dit moment hoeft u niets te doen.").is_visible()
    _do(db, "legal_counsel@demo.test", case_id, "assess_views",
        views_assessment="De zienswijze leidt niet tot een ander besluit.")
    _do(db, "decision_maker@demo.test", case_id, "decide_admission", outcome="refused",
        admitted_subsegments=[], motivation="Niet integer genoeg.")
    _object_to_the_decision(page, case_id)


def _object_to_the_decision(page: Any, case_id: int) -> None:
    """The decision and its letter are on the status page; the remedy screen asks first,
    then the objection or complaint is lodged as a case of its own."""
    page.goto(f"/portaal/aanvragen/{case_id}")
    assert page.get_by_role("rowheader", name=DECISION_LETTER).is_visible()
    screenshot(page, "portal_status_refused")
    page.get_by_role("link", name=re.compile("^(Bezwaar maken|Klacht indienen)$")).click()
    assert_accessible(page)
    page.get_by_role("button", name="Verder").click()  # nothing filled in: not asked yet
    assert page.get_by_role("heading", name="Weet u het zeker?").count() == 0
    focused = page.evaluate("document.activeElement.className")
    assert "toelating-error-summary" in focused  # keyboard users start at the errors
    page.get_by_label("Begeleiding").check()
    page.get_by_role("textbox", name="Waarom bent u het niet eens").fill(
        "De VOG's van onze bestuurders zijn in orde.")
    page.get_by_role("radiogroup", name="Wilt u in een gesprek uitleggen").get_by_label(
        "Ja", exact=True).check()
    page.get_by_role("button", name="Verder").click()
    assert page.get_by_role("heading", name="Weet u het zeker?").is_visible()
    assert "ambulant_begeleiding" not in page.inner_text("main")  # names, never codes
    assert_accessible(page)
    screenshot(page, "portal_remedy_confirm")
    page.get_by_role("button", name="Ja, ik weet het zeker").click()
    assert "ontvangen" in page.get_by_role("status").first.inner_text()


def _download_letter(page: Any, label: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=label).first.click()
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(path, "rb") as handle:
        return handle.read()


def _remedy_case(db: Any, case_id: int) -> int:
    with db.uow() as uow:
        found = uow.session.scalars(select(Case.id).where(
            Case.parent_case_id == case_id,
            Case.process_id.in_(("objection", "complaint")))).first()
    assert found is not None, "the objection or complaint did not become a case"
    return int(found)


def test_the_decision_letter_downloads_and_the_objection_is_handled(page, live_database):
    """After the objection is lodged, legal counsel hears, advises and decides; the
    applicant downloads the decision letter and then the decision on the objection."""
    db = live_database
    case_id = _assessed(db, passed=False)
    _do(db, "legal_counsel@demo.test", case_id, "prepare_views_request",
        intended_reasons="De integriteitstoets is negatief.")
    _do(db, "applicant@demo.test", case_id, "submit_views", views="Niet mee eens.")
    _do(db, "legal_counsel@demo.test", case_id, "assess_views",
        views_assessment="De zienswijze leidt niet tot een ander besluit.")
    _do(db, "decision_maker@demo.test", case_id, "decide_admission", outcome="refused",
        admitted_subsegments=[], motivation="Niet integer genoeg.")
    sign_in(page, APPLICANT)
    page.goto(f"/portaal/aanvragen/{case_id}")
    assert _download_letter(page, "Besluit op uw aanvraag").startswith(b"%PDF-")
    _object_to_the_decision(page, case_id)
    remedy = _remedy_case(db, case_id)
    process = _process(db, remedy)
    _do(db, "legal_counsel@demo.test", remedy, HEAR[process], hearing_held_on="2026-01-05",
        hearing_report="De indiener lichtte de VOG's toe.")
    advice = {"advised_by": "legal_counsel", "advice": "Het bezwaar slaagt niet.",
              "advised_outcome": "dismissed"}
    _do(db, "legal_counsel@demo.test", remedy, ADVISE[process],
        **advice, **({"extension_weeks": 0} if process == "objection" else {}))
    _do(db, "legal_counsel@demo.test", remedy, f"decide_{process}", remedy_outcome="dismissed",
        upheld_subsegments=[], remedy_reasons="De VOG's nemen het Bibob-risico niet weg.")
    page.goto(f"/portaal/aanvragen/{case_id}")
    assert page.get_by_role("row", name="Klacht").get_by_text("U krijgt geen gelijk").is_visible()
    assert page.get_by_role("link", name="Klacht indienen").count() == 1  # civil model
    assert page.get_by_role("rowheader", name="Ontvangstbevestiging van uw klacht").is_visible()
    handled = _download_letter(page, "Beslissing op uw klacht")
    assert handled.startswith(b"%PDF-")
    assert_accessible(page)
    screenshot(page, "portal_status_objection_decided")


def _process(db: Any, case_id: int) -> str:
    with db.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        return str(case.process_id)


def test_withdrawing_asks_first_and_then_the_application_is_withdrawn(page, live_database):
    case_id = _submit(live_database)
    sign_in(page, APPLICANT)
    page.goto(f"/portaal/aanvragen/{case_id}")
    page.get_by_role("link", name="Aanvraag intrekken").click()
    assert_accessible(page)
    page.get_by_label("Waarom trekt u uw aanvraag in?").fill("Wij stoppen met deze zorg.")
    page.get_by_role("button", name="Verder").click()
    assert page.get_by_text("Dit kunt u niet ongedaan maken").is_visible()
    page.get_by_role("button", name="Ja, ik weet het zeker").click()
    assert "ingetrokken" in page.get_by_role("status").first.inner_text()
    assert page.get_by_text("U heeft uw aanvraag ingetrokken").first.is_visible()
    assert page.get_by_role("link", name="Aanvraag intrekken").count() == 0


def test_another_organisations_application_is_not_found(page, live_database):
    case_id = _submit(live_database)  # the demo applicant's
    sign_in(page, "applicant2@demo.test")
    response = page.goto(f"/portaal/aanvragen/{case_id}")
    assert response is not None and response.status == 404
    assert_accessible(page)
