"""A new organisation signs up, confirms its e-mail address with the mailed link, starts
an application, saves a draft, comes back, answers the questions, uploads a PDF, reviews
and submits, and sees it listed; the officers then carry it to its award: through the
screens only, each page checked by axe."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import select

from models import Application, Outbox
from tests.e2e.helpers import assert_accessible, screenshot, sign_out, tab_through
from tests.e2e.test_task_screens import award_through_the_screens

PASSWORD = "een lang wachtwoord"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _confirmation_link(database, email: str) -> str:
    with database.uow() as u:
        payloads = [json.loads(p) for p in u.session.scalars(
            select(Outbox.payload).where(Outbox.kind == "mail").order_by(Outbox.id.desc()))]
    return next(p["link"] for p in payloads if p.get("to") == email)


def _check(page, name: str) -> None:
    assert_accessible(page)
    screenshot(page, name)


def test_windows_are_shown_to_anyone_with_closed_and_tendered_care(page):
    page.goto("/portaal/vensters")
    assert page.get_by_role("heading", level=1).inner_text() == "Open inschrijvingen"
    assert page.get_by_text("aanbesteding").count() >= 1
    _check(page, "portaal-vensters")


def test_a_new_organisation_signs_up_and_submits_an_application(page, live_database,
                                                                tmp_path: Path):
    page.goto("/portaal/aanmelden")
    _check(page, "portaal-aanmelden")
    page.get_by_label("Naam van uw organisatie").fill("Jeugdzorg De Brug")
    page.get_by_label("KvK-nummer").fill("1234")
    page.get_by_label("AGB-code").fill("87654321")
    page.get_by_label("Adres", exact=True).fill("Markt 1, 7511 AA Enschede")
    page.get_by_label("Uw naam", exact=True).fill("Anna de Vries")
    page.get_by_label("Uw e-mailadres").fill("anna@debrug.test")
    page.get_by_label("Kies een wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    assert page.get_by_text("Een KvK-nummer bestaat uit 8 cijfers.").first.is_visible()
    assert page.get_by_label("Naam van uw organisatie").input_value() == "Jeugdzorg De Brug"
    _check(page, "portaal-aanmelden-fout")
    page.get_by_label("KvK-nummer").fill("12345670")
    page.get_by_label("Kies een wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bevestig uw e-mailadres"
    _check(page, "portaal-aanmelden-verstuurd")

    link = _confirmation_link(live_database, "anna@debrug.test")
    page.goto(link)
    _check(page, "portaal-bevestigen")
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_label("E-mailadres").fill("anna@debrug.test")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    assert page.url.endswith("/portaal/aanvragen/nieuw")
    _check(page, "portaal-aanvragen-nieuw")

    page.get_by_role("button", name="Aanvraag beginnen").first.click()
    assert page.get_by_text("Stap 1 van 5").is_visible()
    page.get_by_role("button", name="Opslaan en verder").click()  # nothing chosen
    assert page.get_by_role("alert").first.is_visible()
    _check(page, "portaal-stap-zorg-fout")
    page.get_by_label("Begeleiding", exact=True).check()
    page.get_by_label("Enschede", exact=True).check()
    page.get_by_role("button", name="Opslaan en later verder").click()
    assert page.get_by_text("opgeslagen als concept").is_visible()
    table = page.get_by_role("table", name="Uw concepten")
    table.get_by_role("link").first.click()  # come back to the draft
    assert page.get_by_label("Enschede", exact=True).is_checked()
    page.get_by_role("button", name="Opslaan en verder").click()

    page.get_by_label("Wie is eigenaar van uw organisatie?").fill("Stichting, geen aandelen.")
    page.get_by_label("Hoe wordt uw organisatie gefinancierd?").fill("Eigen vermogen.")
    page.get_by_role("radiogroup", name=re.compile("veroordeeld of beboet")).get_by_label(
        "Nee").check()
    _check(page, "portaal-stap-integriteit")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Wij passen de Governancecode Zorg 2022 toe").check()
    page.get_by_label(re.compile("Hoe voldoet u aan de eisen voor")).fill("Wij begeleiden thuis.")
    _check(page, "portaal-stap-kwaliteit")
    page.get_by_role("button", name="Opslaan en verder").click()

    fake = tmp_path / "foto.pdf"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    page.get_by_label("Bestand (PDF)").set_input_files(str(fake))
    page.get_by_role("button", name="Document toevoegen").click()
    assert page.get_by_text("Dit bestand is geen echte PDF").first.is_visible()
    _check(page, "portaal-stap-documenten-fout")
    real = tmp_path / "vog.pdf"
    real.write_bytes(PDF)
    page.get_by_label("Wat voor document is het?").select_option("vog")
    page.get_by_label("Bestand (PDF)").set_input_files(str(real))
    page.get_by_role("button", name="Document toevoegen").click()
    assert page.get_by_role("table", name="Toegevoegde documenten").get_by_text(
        "vog.pdf").is_visible()
    _check(page, "portaal-stap-documenten")
    page.get_by_role("link", name="Verder naar controleren").click()

    assert page.get_by_text("Stichting, geen aandelen.").is_visible()
    page.get_by_role("button", name="Aanvraag indienen").click()
    assert page.get_by_text("naar waarheid").first.is_visible()
    _check(page, "portaal-stap-controle-fout")
    page.get_by_label("Ik verklaar dat ik alles naar waarheid heb ingevuld").check()
    stops = tab_through(page)
    assert any(s["tag"] == "button" for s in stops)
    page.get_by_role("button", name="Aanvraag indienen").click()
    assert page.get_by_text("Uw aanvraag is ingediend onder kenmerk TW-").is_visible()
    assert page.get_by_role("heading", name=re.compile(r"^Aanvraag TW-")).is_visible()
    assert page.get_by_text("Wij beslissen uiterlijk op").is_visible()
    _check(page, "portaal-ingediend")

    # The officers take it from here, through their screens only, up to the award.
    sign_out(page)
    with live_database.uow() as u:
        case_id = u.session.scalars(select(Application.case_id).where(
            Application.case_id.is_not(None)).order_by(Application.id.desc())).first()
    award_through_the_screens(page, live_database, case_id)
