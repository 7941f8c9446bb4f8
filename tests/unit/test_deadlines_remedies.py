"""Penalty for a late decision (Awb 4:17) and objection clocks (Awb 6:7-6:9, 7:10)."""

from __future__ import annotations

from datetime import date

import pytest

from workflows.deadlines import (
    Suspension,
    objection_deadline,
    objection_decision_deadline,
    objection_on_time,
    penalty_amount,
    penalty_first_day,
    penalty_for_late_decision,
)

TERM_END = date(2026, 12, 28)
NOTICE = date(2027, 1, 5)  # first penalty day: Wednesday 20 January 2027


@pytest.mark.parametrize(("decided", "euros"), [
    (None, 1442),
    (date(2026, 12, 20), 0),
    (date(2027, 1, 10), 0),
    (date(2027, 1, 19), 0),
    (date(2027, 1, 20), 0),
    (date(2027, 1, 21), 23),
    (date(2027, 2, 3), 14 * 23),
    (date(2027, 2, 4), 14 * 23 + 35),
    (date(2027, 2, 17), 14 * 23 + 14 * 35),
    (date(2027, 2, 18), 14 * 23 + 14 * 35 + 45),
    (date(2027, 3, 3), 1442),
    (date(2027, 3, 4), 1442),
    (date(2027, 12, 31), 1442),
], ids=["undecided-cap", "decided-in-time", "decided-within-two-weeks", "last-waiting-day",
        "decided-on-first-day", "one-day", "14-days", "15-days", "28-days", "29-days",
        "42-days", "43-days-capped", "a-year-capped"])
def test_the_penalty_grows_per_day_in_three_steps_up_to_42_days(decided, euros):
    assert penalty_for_late_decision(TERM_END, NOTICE, decided) == euros


def test_the_acceptance_example_owes_the_maximum():
    assert penalty_for_late_decision(date(2026, 12, 28), date(2027, 1, 5), None) == 1442


@pytest.mark.parametrize("notice", [date(2026, 12, 1), date(2026, 12, 28)], ids=str)
def test_a_notice_received_before_the_term_ended_counts_for_nothing(notice):
    assert penalty_first_day(TERM_END, notice) is None
    assert penalty_for_late_decision(TERM_END, notice, None) == 0


@pytest.mark.parametrize(("term_end", "notice", "kwargs", "first"), [
    (TERM_END, date(2026, 12, 29), {}, date(2027, 1, 13)),
    (TERM_END, NOTICE, {}, date(2027, 1, 20)),
    (TERM_END, NOTICE, {"day_after_two_weeks": False}, date(2027, 1, 19)),
    # Two weeks after Saturday 12 Dec 2026 end on Boxing Day.
    (date(2026, 12, 1), date(2026, 12, 12), {}, date(2026, 12, 27)),
    (date(2026, 12, 1), date(2026, 12, 12), {"atw_on_two_weeks": True}, date(2026, 12, 29)),
    (date(2026, 12, 1), date(2026, 12, 12),
     {"atw_on_two_weeks": True, "day_after_two_weeks": False}, date(2026, 12, 28)),
], ids=["day-after-term", "default-receipt-plus-15", "switch-receipt-plus-14",
        "no-atw-on-two-weeks", "switch-atw-on-two-weeks", "both-switches"])
def test_the_first_penalty_day_follows_two_weeks_after_the_notice(term_end, notice, kwargs,
                                                                  first):
    assert penalty_first_day(term_end, notice, **kwargs) == first


@pytest.mark.parametrize(("kwargs", "euros"), [
    ({}, 23),
    ({"decision_day_counts": True}, 46),
    ({"day_after_two_weeks": False}, 46),
], ids=["default", "decision-day-counts", "receipt-plus-14"])
def test_penalty_switches_change_the_count(kwargs, euros):
    assert penalty_for_late_decision(TERM_END, NOTICE, date(2027, 1, 21), **kwargs) == euros


def test_the_42_days_are_not_moved_by_the_atw():
    # First day Wed 9 Dec 2026: day 42 is Tuesday 19 January 2027; a decision on
    # Wednesday 20 January gives the full amount, not more days over Christmas.
    assert penalty_for_late_decision(date(2026, 11, 20), date(2026, 11, 24),
                                     date(2027, 1, 20)) == 1442
    assert penalty_for_late_decision(date(2026, 11, 20), date(2026, 11, 24),
                                     date(2027, 1, 19)) == 1442 - 45


@pytest.mark.parametrize(("days", "euros"), [
    (-3, 0), (0, 0), (1, 23), (14, 322), (15, 357), (28, 812), (29, 857), (42, 1442), (50, 1442),
])
def test_penalty_amounts(days, euros):
    assert penalty_amount(days) == euros


@pytest.mark.parametrize(("sent", "last_day"), [
    (date(2026, 3, 24), date(2026, 5, 6)),
    (date(2026, 3, 26), date(2026, 5, 7)),
    (date(2026, 11, 13), date(2026, 12, 28)),
    (date(2026, 6, 1), date(2026, 7, 13)),
], ids=["over-5-mei", "plain", "over-christmas", "ends-on-monday"])
def test_the_objection_term_is_six_weeks_from_the_day_after_sending(sent, last_day):
    deadline = objection_deadline(sent)
    assert deadline.date == last_day
    assert "Awb 6:7, 6:8" in deadline.explanation[0]


def test_an_objection_term_ending_in_2029_warns_about_the_decree():
    deadline = objection_deadline(date(2028, 11, 20))
    assert deadline.date == date(2029, 1, 2)
    assert deadline.warnings == ("Voor 2029 is nog geen Koninklijk Besluit over extra "
                                 "feestdagen bekend; controleer deze termijn.",)


SENT = date(2026, 3, 24)  # last day to object: Wednesday 6 May 2026


@pytest.mark.parametrize(("received", "posted", "on_time"), [
    (date(2026, 3, 20), None, True),
    (date(2026, 4, 1), None, True),
    (date(2026, 5, 5), None, True),
    (date(2026, 5, 6), None, True),
    (date(2026, 5, 7), None, False),
    (date(2026, 5, 13), date(2026, 5, 6), True),
    (date(2026, 5, 8), date(2026, 5, 4), True),
    (date(2026, 5, 14), date(2026, 5, 6), False),
    (date(2026, 5, 8), date(2026, 5, 7), False),
], ids=["before-sending", "in-term", "on-holiday-in-term", "on-last-day", "day-late",
        "posted-in-term-received-within-week", "posted-early-arrives-late",
        "posted-in-term-received-after-week", "posted-too-late"])
def test_an_objection_is_on_time_when_received_or_posted_in_the_term(received, posted,
                                                                     on_time):
    assert objection_on_time(SENT, received, posted) is on_time


@pytest.mark.parametrize(("kwargs", "on_time"), [
    ({}, False),
    ({"atw_on_post_week": True}, True),
], ids=["default-no-atw-on-the-week", "switch-atw-on-the-week"])
def test_the_post_week_ending_on_ascension_is_a_switch(kwargs, on_time):
    # Last day Thu 7 May 2026; a week later is Ascension, then a decree Friday and a weekend.
    sent, posted, received = date(2026, 3, 26), date(2026, 5, 7), date(2026, 5, 18)
    assert objection_on_time(sent, received, posted, **kwargs) is on_time


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"committee": False}, date(2026, 6, 17)),
    ({"committee": True}, date(2026, 7, 29)),
    ({"committee": False, "extension_weeks": 6}, date(2026, 7, 29)),
    ({"committee": True, "extension_weeks": 6}, date(2026, 9, 9)),
    ({"committee": True, "extension_weeks": 6, "consented_weeks": 2}, date(2026, 9, 23)),
    ({"committee": False, "suspensions": [
        Suspension(date(2026, 5, 20), date(2026, 6, 3), date(2026, 5, 27))]},
     date(2026, 6, 24)),
    ({"committee": False, "suspensions": [
        Suspension(date(2026, 5, 20), date(2026, 6, 3), date(2026, 5, 27))],
      "supplement_day_suspended": False}, date(2026, 6, 23)),
], ids=["6-weeks", "12-weeks-committee", "extended", "committee-extended",
        "further-with-consent", "defect-repaired", "defect-repaired-day-not-counted"])
def test_the_objection_decision_runs_from_the_day_after_the_objection_term(kwargs, expected):
    assert objection_decision_deadline(date(2026, 5, 6), **kwargs).date == expected


def test_the_objection_decision_gets_the_atw_at_its_end():
    deadline = objection_decision_deadline(date(2026, 11, 13), committee=False)
    assert deadline.date == date(2026, 12, 28)
    assert deadline.regime == "statute"


def test_the_objection_chain_from_sending_to_decision():
    last_day = objection_deadline(date(2026, 3, 24)).date
    deadline = objection_decision_deadline(last_day, committee=True)
    assert deadline.date == date(2026, 7, 29)
    assert deadline.explanation[0].startswith(
        "Laatste dag van de bezwaartermijn woensdag 6 mei 2026; beslissen op het bezwaar "
        "(Awb 7:10 lid 1), met adviescommissie (Awb 7:13)")


def test_the_objection_decision_explains_extension_and_repair():
    deadline = objection_decision_deadline(
        date(2026, 5, 6), committee=False, extension_weeks=6, consented_weeks=1,
        suspensions=[Suspension(date(2026, 5, 20), date(2026, 6, 3), None)])
    lines = deadline.explanation
    assert "(Awb 7:10 lid 2)" in lines[1]
    assert lines[3].startswith("Verdaagd (Awb 7:10 lid 3) met 6 weken")
    assert lines[4].startswith("Verder uitgesteld met instemming (Awb 7:10 lid 4) met 1 week")


def test_extending_an_objection_decision_beyond_six_weeks_needs_consent():
    with pytest.raises(ValueError, match="7:10 lid 3"):
        objection_decision_deadline(date(2026, 5, 6), committee=False, extension_weeks=7)
