"""The term to decide on an objection (Awb 7:10) or a complaint (the region's setting),
table-driven: from the objection term's last day, or from the day the complaint came in."""

from __future__ import annotations

import pytest

from workflows.deadlines import case_terms

AWB = {"legal_model": "awb", "objection_last_day": "2026-04-13", "lodged_on": "2026-03-09"}
CIVIL = {**AWB, "legal_model": "civil"}


@pytest.mark.parametrize(("data", "committee", "weeks", "last_day"), [
    (AWB, False, 0, "2026-05-26"),  # 25 May is Whit Monday: the Atw moves it
    (AWB, True, 0, "2026-07-06"),  # twelve weeks with an advisory committee (7:10 lid 1)
    (AWB, False, 6, "2026-07-06"),  # extended by six weeks (lid 3)
    (AWB, True, 6, "2026-08-17"),
    (CIVIL, False, 0, "2026-04-20"),  # the region's six weeks after receipt, no Atw
    (CIVIL, True, 6, "2026-04-20"),  # neither a committee nor an extension moves it
], ids=["awb", "awb-committee", "awb-extended", "awb-both", "civil", "civil-ignores"])
def test_the_remedy_decision_term_follows_the_legal_model(data, committee, weeks, last_day):
    moments = case_terms.remedy_decision_moments(data, committee=committee,
                                                 extension_weeks=weeks)
    assert moments["remedy_decision_last_day"] == last_day


def test_an_objection_cannot_be_extended_beyond_six_weeks():
    with pytest.raises(ValueError, match="zes weken"):
        case_terms.remedy_decision_term(AWB, extension_weeks=7)


def test_the_civil_term_is_contractual_and_the_awb_term_statutory():
    assert case_terms.remedy_decision_term(CIVIL).regime == "contract"
    assert case_terms.remedy_decision_term(AWB).regime == "statute"
