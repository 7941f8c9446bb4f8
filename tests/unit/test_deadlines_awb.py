"""Awb and Bibob clocks: decision term, suspensions, extension (table-driven, with dates)."""

from __future__ import annotations

from datetime import date

import pytest

from workflows.deadlines import (
    TERMS,
    Suspension,
    decision_deadline,
    lbb_advice_deadline,
    lbb_suspension,
    not_considered_deadline,
    supplement_deadline,
    suspended_days,
    views_deadline,
)

RECEIVED = date(2026, 9, 1)  # a Tuesday; 8 weeks later is Tuesday 27 October 2026
SUPPLIED = Suspension(date(2026, 9, 10), date(2026, 9, 24), date(2026, 9, 17))
SUPPLIED_ON_LAST_DAY = Suspension(date(2026, 9, 10), date(2026, 9, 24), date(2026, 9, 24))
SUPPLIED_LATE = Suspension(date(2026, 9, 10), date(2026, 9, 24), date(2026, 9, 30))
UNUSED = Suspension(date(2026, 9, 10), date(2026, 9, 24), None)
NO_TERM = Suspension(date(2026, 9, 10), None, date(2026, 9, 17))
NO_TERM_NO_ANSWER = Suspension(date(2026, 9, 10), None, None)
SAME_DAY = Suspension(date(2026, 9, 10), date(2026, 9, 24), date(2026, 9, 10))
SECOND = Suspension(date(2026, 10, 1), date(2026, 10, 15), date(2026, 10, 8))
LBB = lbb_suspension(date(2026, 9, 10), extended=False, advice_received=date(2026, 10, 1))
LBB_12 = lbb_suspension(date(2026, 9, 10), extended=True, advice_received=date(2026, 11, 20))
LBB_UNTIL = lbb_suspension(date(2026, 9, 10), extended=False,
                           advice_received=date(2026, 10, 1), until_advice=True)
LBB_12_UNTIL = lbb_suspension(date(2026, 9, 10), extended=True,
                              advice_received=date(2026, 11, 20), until_advice=True)
LBB_LATE = lbb_suspension(date(2026, 9, 10), extended=False,
                          advice_received=date(2026, 12, 1), until_advice=True)
LBB_WAITING = lbb_suspension(date(2026, 9, 10), extended=False, advice_received=None,
                             until_advice=True)
LBB_FROM_20 = lbb_suspension(date(2026, 9, 20), extended=False, advice_received=None)
QUESTION = Suspension(date(2026, 9, 20), None, date(2026, 9, 24), kind="lbb_question")
OPEN_QUESTION = Suspension(date(2026, 9, 20), None, None, kind="lbb_question")


@pytest.mark.parametrize(("suspensions", "kwargs", "expected"), [
    ((), {}, date(2026, 10, 27)),
    ((SUPPLIED,), {}, date(2026, 11, 3)),
    ((SUPPLIED,), {"supplement_day_suspended": False}, date(2026, 11, 2)),
    ((SUPPLIED_ON_LAST_DAY,), {}, date(2026, 11, 10)),
    ((SUPPLIED_ON_LAST_DAY,), {"supplement_day_suspended": False}, date(2026, 11, 9)),
    ((SUPPLIED_LATE,), {}, date(2026, 11, 10)),
    ((UNUSED,), {}, date(2026, 11, 10)),
    ((UNUSED,), {"supplement_day_suspended": False}, date(2026, 11, 10)),
    ((NO_TERM,), {}, date(2026, 10, 27)),
    ((NO_TERM_NO_ANSWER,), {}, date(2026, 10, 27)),
    ((SAME_DAY,), {}, date(2026, 10, 27)),
    ((SUPPLIED, SECOND), {}, date(2026, 11, 10)),
    ((SECOND, SUPPLIED), {}, date(2026, 11, 10)),
    ((), {"extension_weeks": 4}, date(2026, 11, 24)),
    ((SUPPLIED,), {"extension_weeks": 4}, date(2026, 12, 1)),
    ((LBB,), {}, date(2026, 12, 22)),
    ((LBB_12,), {}, date(2027, 1, 19)),
    ((LBB_UNTIL,), {}, date(2026, 11, 18)),
    ((LBB_12_UNTIL,), {}, date(2027, 1, 7)),
    ((LBB_LATE,), {}, date(2026, 12, 22)),
    ((LBB_WAITING,), {}, date(2026, 12, 22)),
    ((UNUSED, LBB_FROM_20), {}, date(2026, 12, 31)),
], ids=["no-suspension", "supplied-day-counts", "supplied-day-not-counted",
        "supplied-on-last-day", "supplied-on-last-day-not-counted", "supplied-too-late",
        "term-passed-unused", "unused-switch-irrelevant", "request-without-term",
        "request-without-term-unanswered", "supplied-on-request-day", "two-suspensions",
        "order-does-not-matter", "extension-4-14", "suspension-and-extension",
        "lbb-fixed-8-weeks", "lbb-fixed-12-weeks", "lbb-until-advice",
        "lbb-until-advice-extended", "lbb-until-advice-capped", "lbb-advice-awaited",
        "overlap-counts-once"])
def test_decision_deadline_adds_suspensions_and_extension(suspensions, kwargs, expected):
    assert decision_deadline(RECEIVED, weeks=8, suspensions=suspensions, **kwargs).date == expected


@pytest.mark.parametrize(("suspensions", "inclusive", "days"), [
    ((), True, 0),
    ((SUPPLIED,), True, 7),
    ((SUPPLIED,), False, 6),
    ((LBB,), True, 56),
    ((LBB_12,), True, 84),
    ((LBB_UNTIL,), True, 22),
    ((LBB, QUESTION), True, 61),
    ((LBB, QUESTION), False, 60),
    ((LBB_UNTIL, QUESTION), True, 22),
    ((LBB_LATE, QUESTION), True, 61),
    ((LBB, OPEN_QUESTION), True, 56),
], ids=["none", "supplement", "supplement-exclusive", "lbb", "lbb-extended",
        "lbb-until-advice", "question-lengthens-fixed-lbb", "question-exclusive",
        "question-inside-until-advice", "question-raises-the-cap", "open-question"])
def test_suspended_days_are_counted_per_rule(suspensions, inclusive, days):
    assert suspended_days(suspensions, supplement_day_suspended=inclusive)[0] == days


def test_a_question_lengthens_the_lbb_request_it_follows():
    first = lbb_suspension(date(2026, 9, 10), extended=False, advice_received=None)
    second = lbb_suspension(date(2026, 12, 1), extended=False, advice_received=None)
    question = Suspension(date(2026, 12, 5), None, date(2026, 12, 6), kind="lbb_question")
    assert suspended_days([first, second, question])[0] == 56 + 58


@pytest.mark.parametrize("suspensions", [
    [QUESTION],
    [QUESTION, lbb_suspension(date(2026, 9, 21), extended=False, advice_received=None)],
], ids=["no-lbb-request", "question-before-request"])
def test_a_question_of_the_lbb_needs_an_earlier_advice_request(suspensions):
    with pytest.raises(ValueError, match="adviesaanvraag"):
        suspended_days(suspensions)


def test_an_open_question_makes_the_deadline_provisional():
    deadline = decision_deadline(RECEIVED, weeks=8, suspensions=[LBB, OPEN_QUESTION])
    assert deadline.warnings == (
        "De vraag van het LBB van zondag 20 september 2026 is nog niet beantwoord; "
        "de opschorting loopt door en deze datum is voorlopig.",)


def test_a_supplement_suspension_is_explained_with_its_days():
    deadline = decision_deadline(RECEIVED, weeks=8, suspensions=[SUPPLIED])
    assert deadline.explanation == (
        "Aanvraag ontvangen op dinsdag 1 september 2026: de termijn van 8 weken begint de "
        "volgende dag; zonder opschorting is de laatste dag dinsdag 27 oktober 2026.",
        "Verzoek om aanvulling van donderdag 10 september 2026 (Awb 4:15 lid 1 onder a), "
        "aangevuld op donderdag 17 september 2026 (die dag telt mee): opgeschort van "
        "vrijdag 11 september 2026 tot en met donderdag 17 september 2026, 7 dagen.",
        "Met 7 dagen opschorting is de laatste dag dinsdag 3 november 2026.",
        "Laatste dag: dinsdag 3 november 2026.",
    )


@pytest.mark.parametrize(("suspension", "inclusive", "fragment"), [
    (SUPPLIED, False, "(die dag telt niet mee): opgeschort van vrijdag 11 september 2026 "
                      "tot en met woensdag 16 september 2026, 6 dagen."),
    (UNUSED, True, "niet aangevuld binnen de termijn tot en met donderdag 24 september 2026: "
                   "opgeschort van vrijdag 11 september 2026"),
    (SUPPLIED_LATE, True, "tot en met donderdag 24 september 2026; aangevuld na afloop op "
                          "woensdag 30 september 2026: opgeschort"),
    (NO_TERM, True, "Verzoek om aanvulling van donderdag 10 september 2026 "
                    "(Awb 4:15 lid 1 onder a) zonder termijn: geen opschorting."),
    (SAME_DAY, True, "(die dag telt mee): geen dagen opgeschort."),
    (LBB, True, "Bibob-advies gevraagd op donderdag 10 september 2026 (Wet Bibob art. 31), "
                "voor de volle maximumtermijn van 56 dagen: opgeschort van donderdag "
                "10 september 2026 tot en met woensdag 4 november 2026, 56 dagen."),
    (LBB_UNTIL, True, "tot en met ontvangst van het advies op donderdag 1 oktober 2026, "
                      "ten hoogste 56 dagen: opgeschort"),
], ids=["exclusive", "unused", "late", "no-term", "same-day", "lbb-fixed", "lbb-until"])
def test_each_suspension_sentence_names_its_reason(suspension, inclusive, fragment):
    lines = decision_deadline(RECEIVED, weeks=8, suspensions=[suspension],
                              supplement_day_suspended=inclusive).explanation
    assert fragment in lines[1]


def test_questions_and_overlaps_are_explained():
    lines = suspended_days([UNUSED, LBB_FROM_20, QUESTION])[1]
    assert lines[0] == ("Vraag van het LBB van zondag 20 september 2026, beantwoord op "
                        "donderdag 24 september 2026: de adviestermijn loopt 5 dagen langer "
                        "(Wet Bibob art. 15 lid 2).")
    assert "waarvan 5 dagen voor vragen van het LBB" in lines[2]
    assert lines[2].endswith("61 dagen. Daarvan waren 5 dagen al opgeschort.")


def test_the_extension_is_explained():
    lines = decision_deadline(RECEIVED, weeks=8, extension_weeks=4).explanation
    assert lines[1] == "Verdaagd (Awb 4:14) met 4 weken: dinsdag 24 november 2026."


@pytest.mark.parametrize(("kwargs", "expected", "not_expected"), [
    ({"extension_weeks": 2}, date(2027, 1, 8), date(2027, 1, 11)),
    ({"suspensions": [Suspension(date(2026, 11, 2), date(2026, 11, 16), date(2026, 11, 15))]},
     date(2027, 1, 7), date(2027, 1, 11)),
], ids=["extension", "suspension"])
def test_the_atw_applies_to_the_final_end_only(kwargs, expected, not_expected):
    # 8 weeks after 30 Oct 2026 is Christmas; moving that first would give a later end.
    deadline = decision_deadline(date(2026, 10, 30), weeks=8, **kwargs)
    assert deadline.date == expected != not_expected


@pytest.mark.parametrize(("received", "weeks", "regime", "expected"), [
    (date(2026, 10, 30), 8, "statute", date(2026, 12, 28)),
    (date(2026, 10, 30), 8, "organ", date(2026, 12, 25)),
    (date(2026, 10, 30), 8, TERMS["civil"].regime("decision"), date(2026, 12, 25)),
    (date(2026, 10, 30), 8, "excluded", date(2026, 12, 25)),
    (date(2026, 9, 25), 13, "statute", date(2026, 12, 25)),
    (date(2026, 10, 2), 12, "statute", date(2026, 12, 28)),
], ids=["statute", "organ", "civil-model", "excluded", "13-weeks-no-atw", "12-weeks-atw"])
def test_the_regime_decides_whether_the_atw_applies(received, weeks, regime, expected):
    assert decision_deadline(received, weeks=weeks, regime=regime).date == expected


def test_a_decision_deadline_in_2029_warns_about_the_missing_decree():
    deadline = decision_deadline(date(2028, 11, 10), weeks=8)
    assert deadline.date == date(2029, 1, 5)
    assert deadline.warnings == ("Voor 2029 is nog geen Koninklijk Besluit over extra "
                                 "feestdagen bekend; controleer deze termijn.",)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="termijnregime"):
        decision_deadline(RECEIVED, weeks=8, regime="awb")
    with pytest.raises(ValueError, match="negatief"):
        decision_deadline(RECEIVED, weeks=8, extension_weeks=-1)


@pytest.mark.parametrize(("args", "message"), [
    ((date(2026, 9, 10), None, None, "bibob"), "onbekende opschorting"),
    ((date(2026, 9, 10), None, None, "lbb"), "adviesdatum"),
    ((date(2026, 9, 10), date(2026, 9, 24), date(2026, 9, 9)), "voor het verzoek"),
    ((date(2026, 9, 10), date(2026, 9, 9), None), "voor het verzoek"),
])
def test_impossible_suspensions_are_refused(args, message):
    with pytest.raises(ValueError, match=message):
        Suspension(*args)


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"extended": False, "advice_received": date(2026, 10, 1)},
     Suspension(date(2026, 9, 10), date(2026, 11, 5), None, "lbb")),
    ({"extended": True, "advice_received": date(2026, 10, 1)},
     Suspension(date(2026, 9, 10), date(2026, 12, 3), None, "lbb")),
    ({"extended": False, "advice_received": date(2026, 10, 1), "until_advice": True},
     Suspension(date(2026, 9, 10), date(2026, 11, 5), date(2026, 10, 1), "lbb")),
], ids=["fixed", "fixed-extended", "until-advice"])
def test_lbb_suspension_records_the_maximum_and_the_switch(kwargs, expected):
    assert lbb_suspension(date(2026, 9, 10), **kwargs) == expected


@pytest.mark.parametrize(("requested", "extended", "expected"), [
    (date(2026, 9, 10), False, date(2026, 11, 5)),
    (date(2026, 9, 10), True, date(2026, 12, 3)),
    (date(2026, 10, 30), False, date(2026, 12, 28)),
    (date(2026, 10, 2), True, date(2026, 12, 28)),
], ids=["8-weeks", "12-weeks", "8-weeks-christmas", "12-weeks-still-atw"])
def test_the_lbb_advises_within_8_weeks_once_extended_by_4(requested, extended, expected):
    assert lbb_advice_deadline(requested, extended=extended).date == expected


@pytest.mark.parametrize(("term_passed", "expected"), [
    (date(2026, 11, 24), date(2026, 12, 22)),
    (date(2026, 11, 27), date(2026, 12, 28)),
])
def test_not_considering_is_announced_within_4_weeks(term_passed, expected):
    deadline = not_considered_deadline(term_passed)
    assert deadline.date == expected
    assert "Awb 4:5 lid 4" in deadline.explanation[0]


@pytest.mark.parametrize(("rule", "regime", "expected"), [
    (supplement_deadline, "organ", date(2026, 12, 25)),
    (supplement_deadline, "statute", date(2026, 12, 28)),
    (views_deadline, "organ", date(2026, 12, 25)),
    (views_deadline, TERMS["awb"].with_atw("views").regime("views"), date(2026, 12, 28)),
    (views_deadline, TERMS["civil"].regime("views"), date(2026, 12, 25)),
], ids=["supplement-organ", "supplement-opt-in", "views-organ", "views-opt-in", "views-civil"])
def test_organ_terms_get_the_atw_only_when_the_procedure_opts_in(rule, regime, expected):
    assert rule(date(2026, 12, 11), weeks=2, regime=regime).date == expected


def test_organ_terms_default_to_no_atw():
    assert supplement_deadline(date(2026, 12, 11), weeks=2).regime == "organ"
    assert views_deadline(date(2026, 12, 11), weeks=2).date == date(2026, 12, 25)
