"""Every letter kind, made by the demo's real cases under both legal models, carries its
mandatory parts (read back from the PDF text)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from handlers.letters import RECIPIENT_LBB
from workflows.demo.twente import MUNICIPALITIES

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
KINDS = ("supplement_request", "lbb_notice", "lbb_request", "views_request", "decision",
         "objection_receipt", "objection_decision", "withdrawal_confirmation",
         "bridging_start", "bridging_reminder")
ISO_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def dutch(iso: str) -> str:
    d = date.fromisoformat(iso[:10])
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def says(text: str, before: str, iso: str) -> bool:
    """`before` then the Dutch date, with or without its weekday."""
    return re.search(rf"{before} (\w+dag )?{dutch(iso)}", text) is not None


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_a_stored_pdf_with_its_sha256(letters_of, kind):
    for sent in letters_of(kind):
        assert sent.intact


@pytest.mark.parametrize("kind", KINDS)
def test_every_letter_names_region_reference_date_and_addressee(letters_of, kind):
    for sent in letters_of(kind):
        assert "Regio Twente" in sent.text
        assert sent.data["reference"] in sent.text
        assert re.search(r"Datum \d{1,2} (" + "|".join(MONTHS) + r") 20\d\d", sent.text)
        assert sent.addressee in sent.text
        assert not ISO_DATE.search(sent.text), "a date written as ISO, not in Dutch"


def test_letters_go_to_the_organisation_and_the_lbb_request_to_the_lbb(letters_of):
    assert {s.recipient for s in letters_of("lbb_request")} == {RECIPIENT_LBB}
    assert all(s.confidential for s in letters_of("lbb_request"))
    for kind in set(KINDS) - {"lbb_request"}:
        assert all(s.recipient.endswith("@aanbieder.demo.test") and not s.confidential
                   for s in letters_of(kind))


def test_supplement_request_names_what_is_missing(letters_of):
    for sent in letters_of("supplement_request"):
        assert all(item in sent.text for item in sent.data["missing_items"])


def test_supplement_request_gives_the_term_and_its_last_day(letters_of):
    for sent in letters_of("supplement_request"):
        assert says(sent.text, "uiterlijk", sent.data["supplement_last_day"])
        assert "twee weken" in sent.text


def test_supplement_request_says_the_decision_term_is_suspended(letters_of):
    for sent in letters_of("supplement_request"):
        assert "is opgeschort" in sent.text


def test_supplement_request_cites_awb_4_5_only_under_the_awb(letters_of, model):
    for sent in letters_of("supplement_request"):
        if model == "awb":
            assert "artikel 4:5" in sent.text and "artikel 4:15" in sent.text
        else:
            assert "Awb" not in sent.text and "procedureregeling" in sent.text


def test_lbb_notice_says_advice_was_asked_and_when(letters_of):
    for sent in letters_of("lbb_notice"):
        assert "Landelijk Bureau Bibob" in sent.text
        assert f"op {dutch(sent.data['lbb_requested_on'])} advies gevraagd" in sent.text
        assert dutch(sent.data["lbb_last_day"]) in sent.text


def test_lbb_notice_explains_the_suspension_under_the_bibob_rules(letters_of):
    for sent in letters_of("lbb_notice"):
        assert "opgeschort" in sent.text and "artikel 31 Wet Bibob" in sent.text
        assert "ten hoogste acht weken" in sent.text and "vier weken" in sent.text


def test_lbb_request_is_the_advice_request_itself_not_a_sign_in(letters_of):
    for sent in letters_of("lbb_request"):
        assert "artikel 9 van de Wet Bibob" in sent.text
        assert "log in" not in sent.text.lower() and "inloggen" not in sent.text.lower()


def test_lbb_request_identifies_the_applicant_and_the_term(letters_of):
    for sent in letters_of("lbb_request"):
        assert "KvK-nummer" in sent.text and "AGB-code" in sent.text
        assert dutch(sent.data["lbb_last_day"]) in sent.text
        assert "VERTROUWELIJK" in sent.text


def test_views_request_gives_the_intended_decision_and_its_reasons(letters_of):
    for sent in letters_of("views_request"):
        assert "voorgenomen besluit" in sent.text.lower()
        assert "Wij zijn van plan" in sent.text and "Voornemen" in sent.text
        assert sent.data["intended_reasons"] in sent.text


def test_views_request_gives_the_response_date(letters_of):
    for sent in letters_of("views_request"):
        assert says(sent.text, "tot en met", sent.data["views_last_day"])


def test_views_request_cites_awb_4_7_only_under_the_awb(letters_of, model):
    for sent in letters_of("views_request"):
        assert "4:8" not in sent.text
        if model == "awb":
            assert "artikel 4:7" in sent.text
        else:
            assert "Awb" not in sent.text


def test_decision_gives_the_outcome_per_subsegment_and_municipality(letters_of):
    names = [name for _code, name in MUNICIPALITIES]
    words = {"admitted": "u toe te laten voor alles",
             "partly_admitted": "u toe te laten voor een deel",
             "refused": "uw aanvraag af te wijzen",
             "not_considered": "uw aanvraag niet te behandelen"}
    for sent in letters_of("decision"):
        assert "Subsegment Gemeenten Besluit" in sent.text
        assert sum(name in sent.text for name in names) >= 2
        assert f"Wij hebben besloten {words[sent.data['outcome']]}" in sent.text
        rows = len(sent.data["subsegments"])
        assert sum(sent.text.count(w) for w in ("toegelaten", "afgewezen",
                                                "buiten behandeling gelaten")) >= rows


def test_decision_gives_its_reasons_and_date(letters_of):
    for sent in letters_of("decision"):
        assert sent.data["motivation"] in sent.text
        assert f"Op {dutch(sent.data['decided_on'])} hebben wij besloten" in sent.text


def decisions(demo_letters, model):
    found = [s for s in demo_letters[model] if s.kind == "decision"]
    assert found
    return found


def test_decision_remedy_is_bezwaar_within_six_weeks_under_the_awb(demo_letters):
    for sent in decisions(demo_letters, "awb"):
        assert "bezwaar maken binnen zes weken" in sent.text
        assert "artikel 6:7 en 6:8 Awb" in sent.text
        assert dutch(sent.data["objection_last_day"]) in sent.text


def test_decision_remedy_is_complaint_and_civil_court_under_the_civil_model(demo_letters):
    for sent in decisions(demo_letters, "civil"):
        assert "klacht" in sent.text and "civiele rechter" in sent.text
        assert "bezwaar" not in sent.text.lower() and "Awb" not in sent.text
        assert dutch(sent.data["objection_last_day"]) in sent.text


def test_an_admitting_decision_names_its_contract_terms(letters_of):
    admitting = [s for s in letters_of("decision")
                 if s.data["outcome"] in ("admitted", "partly_admitted")]
    assert admitting
    for sent in admitting:
        assert "overeenkomst van twee jaar" in sent.text


def test_objection_decision_says_upheld_or_not_with_reasons(letters_of, model):
    word = "bezwaar" if model == "awb" else "klacht"
    texts = [s.text for s in letters_of("objection_decision")]
    assert any(f"uw {word} gegrond" in t for t in texts)
    assert any(f"uw {word} ongegrond" in t for t in texts)
    assert all("Waarom" in t for t in texts)


def test_objection_decision_remedy_follows_the_legal_model(letters_of, model):
    for sent in letters_of("objection_decision"):
        if model == "awb":
            assert "beroep" in sent.text and "artikel 7:11 Awb" in sent.text
        else:
            assert "civiele rechter" in sent.text and "bezwaar" not in sent.text.lower()


def test_objection_receipt_gives_the_decision_date(letters_of):
    for sent in letters_of("objection_receipt"):  # the demo's own, and the fixture's
        day = sent.data.get("remedy_decision_last_day")
        assert (dutch(day) if day else "26 april 2027") in sent.text


def test_bridging_terms_give_start_end_and_what_it_means_for_clients(letters_of):
    for sent in letters_of("bridging_start"):
        assert dutch(sent.data["bridging_start"]) in sent.text
        assert dutch(sent.data["bridging_last_day"]) in sent.text
        assert "geen nieuwe cliënten" in sent.text and "cliënten" in sent.text


def test_bridging_reminder_gives_the_end_date(letters_of):
    for sent in letters_of("bridging_reminder"):
        assert dutch(sent.data["bridging_last_day"]) in sent.text


def test_withdrawal_confirmation_gives_the_reason(letters_of):
    for sent in letters_of("withdrawal_confirmation"):
        assert sent.data["withdrawal"]["reason"] in sent.text
