"""The letters package alone: Dutch dates, strict templates, subjects and mail texts."""

from __future__ import annotations

from datetime import date

import pytest
from jinja2 import UndefinedError

import letters

COMMON = {"reference": "TW-2027-00001", "date": "2027-03-03", "legal_model": "awb",
          "region": {"name": "Regio Twente", "municipalities": ["Almelo", "Borne"]},
          "addressee": {"name": "Kindhuis", "email": "k@example.org", "kvk": "60000001",
                        "agb": "98000001"},
          "subsegments": [{"code": "beg", "name": "Begeleiding", "outcome": "",
                           "municipalities": ["Almelo"]}]}


@pytest.mark.parametrize(("value", "text"), [
    (date(2027, 3, 3), "3 maart 2027"), ("2026-12-31", "31 december 2026"),
    ("2027-01-01T00:00:00+01:00", "1 januari 2027"),
])
def test_dates_are_written_out_in_dutch(value, text):
    assert letters.dutch_date(value) == text


def test_a_long_date_starts_with_the_weekday():
    assert letters.dutch_long_date("2027-03-03") == "woensdag 3 maart 2027"


def test_a_missing_mandatory_part_fails_the_letter_instead_of_leaving_a_gap():
    with pytest.raises(UndefinedError):
        letters.render_html("supplement_request", {**COMMON, "received_on": "2027-03-01"})


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="onbekende brief"):
        letters.render_html("love_letter", COMMON)


def test_text_from_the_case_is_escaped():
    html = letters.render_html("views_request", {
        **COMMON, "intended_outcome": "refused", "views_last_day": "2027-03-17",
        "intended_reasons": "<script>alert(1)</script>"})
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(("model", "subject"), [
    ("awb", "Beslissing op uw bezwaar"), ("civil", "Beslissing op uw klacht")])
def test_the_objection_decision_is_named_by_the_legal_model(model, subject):
    assert letters.subject("objection_decision", {**COMMON, "legal_model": model}) == subject


def test_a_reminder_mail_gives_the_last_day_in_dutch():
    text = letters.mail_text("response_reminder", {"reference": "TW-1", "task": "Aanvullen",
                                                    "last_day": "2027-03-17"})
    assert "tot en met woensdag 17 maart 2027" in text.body
    assert text.subject == "Herinnering: uw reactie wordt binnenkort verwacht (TW-1)"
