"""Calendar and counting rules, table-driven (Algemene termijnenwet, contracts, clocks)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from workflows.deadlines import (
    DECREE_YEARS_ON_FILE,
    DEFAULT_MODEL,
    ROYAL_DECREES,
    TERM_NAMES,
    TERMS,
    atw_holidays,
    atw_shift,
    contract_end,
    decree_on_file,
    easter_sunday,
    end_of_term,
    extension_notice_date,
    is_working_day,
    local_day,
    moment_after,
    raw_end,
    term_deadline,
    window_moment,
)
from workflows.deadlines.atw import describe

NO_DECREE_2029 = ("Voor 2029 is nog geen Koninklijk Besluit over extra feestdagen bekend; "
                  "controleer deze termijn.")


@pytest.mark.parametrize(("start", "kwargs", "expected"), [
    (date(2026, 10, 30), {"weeks": 8}, date(2026, 12, 28)),
    (date(2026, 3, 24), {"weeks": 6}, date(2026, 5, 6)),
    (date(2026, 12, 11), {"weeks": 2, "regime": "organ"}, date(2026, 12, 25)),
    (date(2026, 12, 11), {"weeks": 2}, date(2026, 12, 28)),
    (date(2026, 12, 11), {"weeks": 2, "regime": "contract"}, date(2026, 12, 25)),
    (date(2026, 12, 11), {"weeks": 2, "regime": "excluded"}, date(2026, 12, 25)),
    (date(2026, 1, 31), {"months": 1, "regime": "contract"}, date(2026, 2, 28)),
    (date(2028, 1, 31), {"months": 1, "regime": "contract"}, date(2028, 2, 29)),
    (date(2026, 3, 31), {"months": 1}, date(2026, 4, 30)),
    (date(2026, 10, 31), {"months": 2}, date(2026, 12, 31)),
    (date(2026, 11, 30), {"months": 3}, date(2027, 3, 1)),
    (date(2026, 12, 22), {"days": 3}, date(2026, 12, 28)),
    (date(2026, 6, 30), {"days": 10}, date(2026, 7, 10)),
], ids=["8-weeks-over-christmas", "6-weeks-over-5-mei", "organ-term-no-atw", "statute-xmas",
        "contract-term-no-atw", "excluded-term-no-atw", "month-end-short", "month-end-leap",
        "month-end-30", "month-end-31", "three-months-ends-on-sunday",
        "three-days-over-christmas", "days"])
def test_end_of_term_counts_like_the_law(start, kwargs, expected):
    assert end_of_term(start, **kwargs) == expected


def test_an_unknown_regime_is_refused():
    with pytest.raises(ValueError, match="termijnregime"):
        end_of_term(date(2026, 1, 1), days=1, regime="custom")


@pytest.mark.parametrize(("start", "kwargs", "raw", "expected"), [
    (date(2026, 10, 2), {"weeks": 12}, date(2026, 12, 25), date(2026, 12, 28)),
    (date(2026, 9, 25), {"weeks": 13}, date(2026, 12, 25), date(2026, 12, 25)),
    (date(2026, 9, 26), {"days": 90}, date(2026, 12, 25), date(2026, 12, 28)),
    (date(2026, 9, 25), {"days": 91}, date(2026, 12, 25), date(2026, 12, 25)),
    (date(2026, 9, 25), {"months": 3}, date(2026, 12, 25), date(2026, 12, 28)),
    (date(2026, 8, 25), {"months": 4}, date(2026, 12, 25), date(2026, 12, 25)),
], ids=["12-weeks-atw", "13-weeks-no-atw", "90-days-atw", "91-days-no-atw",
        "3-months-atw", "4-months-no-atw"])
def test_the_atw_does_not_apply_to_long_terms(start, kwargs, raw, expected):
    # Atw art. 4 onder a: more than 90 days, 12 weeks or 3 months.
    assert raw_end(start, **kwargs) == raw
    assert end_of_term(start, **kwargs) == expected


def test_a_long_term_says_why_the_atw_was_left_out():
    deadline = term_deadline(date(2026, 9, 25), weeks=13)
    assert "Atw art. 4 onder a" in deadline.explanation[1]


@pytest.mark.parametrize(("start", "days", "expected"), [
    (date(2026, 1, 9), 3, date(2026, 1, 13)),    # Sat, Sun, Mon: one working day, so Tue
    (date(2026, 12, 24), 3, date(2026, 12, 29)),  # Christmas, Christmas, Sunday: Mon + Tue
    (date(2026, 1, 9), 2, date(2026, 1, 12)),    # under 3 days: art. 1 only, so Mon
    (date(2026, 1, 7), 3, date(2026, 1, 12)),    # Thu, Fri, Sat: two working days, art. 1
    (date(2026, 1, 6), 3, date(2026, 1, 9)),     # Wed, Thu, Fri: nothing to do
], ids=["art-2-weekend", "art-2-christmas", "short-term-art-1-only", "art-1-suffices",
        "no-shift"])
def test_atw_art_2_needs_two_working_days_in_the_term(start, days, expected):
    assert end_of_term(start, days=days) == expected
    assert atw_shift(start, raw_end(start, days=days)) == expected


def test_atw_art_2_is_explained():
    deadline = term_deadline(date(2026, 1, 9), days=3)
    assert deadline.explanation == (
        "De termijn van 3 dagen na vrijdag 9 januari 2026 begint de volgende dag; zonder "
        "verlenging is de laatste dag maandag 12 januari 2026.",
        "De termijn tot en met maandag 12 januari 2026 bevat minder dan twee werkdagen; "
        "hij loopt door tot en met dinsdag 13 januari 2026 (Atw art. 2).",
        "Laatste dag: dinsdag 13 januari 2026.",
    )


def test_each_atw_shift_names_the_holiday_or_weekend_day():
    deadline = term_deadline(date(2026, 10, 30), weeks=8, label="De beslistermijn")
    assert deadline.explanation == (
        "De beslistermijn van 8 weken na vrijdag 30 oktober 2026 begint de volgende dag; "
        "zonder verlenging is de laatste dag vrijdag 25 december 2026.",
        "25 december 2026 valt op Eerste Kerstdag (Atw art. 1); "
        "de termijn loopt door tot de volgende dag.",
        "26 december 2026 valt op Tweede Kerstdag (Atw art. 1); "
        "de termijn loopt door tot de volgende dag.",
        "27 december 2026 valt op zondag (Atw art. 1); de termijn loopt door tot de volgende dag.",
        "Laatste dag: maandag 28 december 2026.",
    )
    assert deadline.regime == "statute"
    assert deadline.warnings == ()


def test_a_saturday_is_named_as_such():
    deadline = term_deadline(date(2026, 1, 3), weeks=1)
    assert deadline.explanation[1].startswith("10 januari 2026 valt op zaterdag (Atw art. 1)")
    assert deadline.date == date(2026, 1, 12)


@pytest.mark.parametrize(("regime", "sentence"), [
    ("organ", "Termijn gesteld door de gemeente zelf: de Atw is niet van toepassing."),
    ("contract", "Termijn uit de procedure of de overeenkomst: de Atw is niet van toepassing."),
    ("excluded", "De Atw is bij wet uitgesloten voor deze termijn."),
])
def test_terms_without_atw_say_so(regime, sentence):
    deadline = term_deadline(date(2026, 12, 11), weeks=2, regime=regime)
    assert deadline.date == date(2026, 12, 25)
    assert deadline.explanation[1:] == (sentence, "Laatste dag: vrijdag 25 december 2026.")
    assert deadline.regime == regime


@pytest.mark.parametrize(("year", "good_friday", "easter_monday", "ascension", "whit_monday"), [
    (2026, date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)),
    (2027, date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)),
    (2028, date(2028, 4, 14), date(2028, 4, 17), date(2028, 5, 25), date(2028, 6, 5)),
    (2029, date(2029, 3, 30), date(2029, 4, 2), date(2029, 5, 10), date(2029, 5, 21)),
    (2030, date(2030, 4, 19), date(2030, 4, 22), date(2030, 5, 30), date(2030, 6, 10)),
], ids=lambda v: str(v))
def test_easter_based_holidays_move_with_easter(year, good_friday, easter_monday, ascension,
                                               whit_monday):
    holidays = atw_holidays(year)
    assert holidays[good_friday] == "Goede Vrijdag"
    assert holidays[easter_monday] == "Tweede Paasdag"
    assert holidays[ascension] == "Hemelvaartsdag"
    assert holidays[whit_monday] == "Tweede Pinksterdag"


@pytest.mark.parametrize(("year", "easter"), [
    (2008, date(2008, 3, 23)), (2011, date(2011, 4, 24)), (2024, date(2024, 3, 31)),
    (2025, date(2025, 4, 20)), (2038, date(2038, 4, 25)), (2285, date(2285, 3, 22)),
], ids=lambda v: str(v))
def test_easter_sunday_is_computed_for_early_and_late_years(year, easter):
    assert easter_sunday(year) == easter


@pytest.mark.parametrize(("day", "name"), [
    (date(2026, 1, 1), "Nieuwjaarsdag"),
    (date(2026, 4, 27), "Koningsdag"),
    (date(2025, 4, 26), "Koningsdag"),
    (date(2031, 4, 26), "Koningsdag"),
    (date(2026, 12, 25), "Eerste Kerstdag"),
    (date(2026, 12, 26), "Tweede Kerstdag"),
    (date(2026, 1, 2), "Vrijdag na Nieuwjaarsdag (KB)"),
    (date(2026, 5, 15), "Vrijdag na Hemelvaartsdag (KB)"),
    (date(2027, 5, 7), "Vrijdag na Hemelvaartsdag (KB)"),
    (date(2028, 4, 28), "Vrijdag na Koningsdag (KB)"),
    (date(2028, 5, 26), "Vrijdag na Hemelvaartsdag (KB)"),
], ids=lambda v: str(v))
def test_atw_holidays_include_royal_decree_days(day, name):
    assert atw_holidays(day.year)[day] == name
    assert not is_working_day(day)


@pytest.mark.parametrize("year", [2025, 2031])
def test_kings_day_on_a_sunday_moves_to_saturday_the_26th(year):
    assert date(year, 4, 27).weekday() == 6
    assert date(year, 4, 27) not in atw_holidays(year)
    assert atw_holidays(year)[date(year, 4, 26)] == "Koningsdag"


def test_kings_day_on_a_monday_moves_a_term_to_tuesday():
    assert end_of_term(date(2026, 4, 20), weeks=1) == date(2026, 4, 28)


@pytest.mark.parametrize("year", range(2026, 2036))
def test_liberation_day_is_a_holiday_every_year(year):
    assert atw_holidays(year)[date(year, 5, 5)] == "Bevrijdingsdag (5 mei)"


def test_5_mei_hemelvaart_and_decree_day_chain_into_one_long_shift():
    # 5 May 2027 (Wed), Ascension (Thu), decree Friday, weekend: the term ends Monday 10 May.
    deadline = term_deadline(date(2027, 3, 24), weeks=6)
    assert deadline.date == date(2027, 5, 10)
    assert [line.split(" (")[0] for line in deadline.explanation[1:6]] == [
        "5 mei 2027 valt op Bevrijdingsdag", "6 mei 2027 valt op Hemelvaartsdag",
        "7 mei 2027 valt op Vrijdag na Hemelvaartsdag", "8 mei 2027 valt op zaterdag",
        "9 mei 2027 valt op zondag"]


def test_decree_days_only_count_in_their_own_year():
    assert date(2027, 1, 2) not in atw_holidays(2027)
    assert is_working_day(date(2029, 5, 11))  # Friday after Ascension 2029: no decree yet


def test_decree_days_fall_in_the_years_their_decree_covers():
    for decree in ROYAL_DECREES:
        assert {day.year for day in decree.days} <= decree.years
    assert frozenset({2026, 2027, 2028}) == DECREE_YEARS_ON_FILE
    assert decree_on_file(2028)
    assert not decree_on_file(2029)


def test_atw_holidays_returns_a_copy():
    atw_holidays(2026)[date(2026, 3, 3)] = "Eigen feestdag"
    assert is_working_day(date(2026, 3, 3))


@pytest.mark.parametrize("day", [date(2026, 1, 5), date(2026, 4, 2), date(2026, 5, 4)],
                         ids=str)
def test_ordinary_weekdays_are_working_days(day):
    assert is_working_day(day)


def test_a_deadline_in_a_year_without_decree_is_flagged():
    deadline = term_deadline(date(2028, 11, 20), weeks=6)
    assert deadline.date == date(2029, 1, 2)
    assert deadline.warnings == (NO_DECREE_2029,)


def test_every_year_the_atw_looked_at_is_checked_for_a_decree():
    # Raw end 1 Jan 2030; art. 2 looks back into 2029 for working days.
    deadline = term_deadline(date(2029, 12, 29), days=3)
    assert deadline.date == date(2030, 1, 2)
    assert deadline.warnings == (
        NO_DECREE_2029,
        "Voor 2030 is nog geen Koninklijk Besluit over extra feestdagen bekend; "
        "controleer deze termijn.")


def test_a_shift_into_a_year_without_decree_is_flagged():
    # 31 Dec 2028 is a Sunday: the Atw looks at 2029 and the end lies there.
    assert term_deadline(date(2028, 12, 17), weeks=2).warnings == (NO_DECREE_2029,)


@pytest.mark.parametrize(("start", "regime"), [
    (date(2029, 3, 1), "organ"), (date(2029, 3, 1), "contract"), (date(2028, 3, 1), "statute"),
])
def test_no_decree_warning_where_holidays_do_not_matter_or_are_known(start, regime):
    assert term_deadline(start, weeks=2, regime=regime).warnings == ()


@pytest.mark.parametrize(("kwargs", "text"), [
    ({"weeks": 8}, "8 weken"), ({"weeks": 1}, "1 week"), ({"days": 1}, "1 dag"),
    ({"months": 1, "days": 3}, "1 maand en 3 dagen"), ({"months": 2}, "2 maanden"),
    ({}, "0 dagen"),
])
def test_term_lengths_read_as_dutch(kwargs, text):
    assert describe(**kwargs) == text


@pytest.mark.parametrize(("start", "years", "end"), [
    (date(2026, 1, 1), 2, date(2027, 12, 31)),
    (date(2026, 7, 15), 2, date(2028, 7, 14)),
    (date(2028, 2, 29), 1, date(2029, 2, 28)),
    (date(2028, 2, 29), 4, date(2032, 2, 28)),
    (date(2027, 3, 1), 1, date(2028, 2, 29)),
    (date(2026, 6, 26), 2, date(2028, 6, 25)),
], ids=str)
def test_a_contract_ends_the_day_before_its_anniversary(start, years, end):
    assert contract_end(start, years) == end


@pytest.mark.parametrize(("end", "kwargs", "notice"), [
    # 25 Dec 2027 is a Saturday and Christmas: counted backwards, so no Atw.
    (date(2028, 6, 25), {"months": 6}, date(2027, 12, 25)),
    (date(2028, 6, 25), {"months": 6, "from_anniversary": True}, date(2027, 12, 25)),
    (date(2028, 6, 30), {"months": 6}, date(2027, 12, 30)),
    (date(2028, 6, 30), {"months": 6, "from_anniversary": True}, date(2027, 12, 31)),
    (date(2028, 8, 31), {"months": 6}, date(2028, 2, 29)),
], ids=["christmas-no-atw", "anniversary-same", "same-day-number", "from-anniversary",
        "short-month"])
def test_extension_notice_is_counted_backwards_without_atw(end, kwargs, notice):
    assert extension_notice_date(end, **kwargs) == notice


def test_a_term_has_passed_at_midnight_amsterdam_time():
    assert moment_after(date(2026, 12, 28)) == datetime(2026, 12, 28, 23, 0, tzinfo=UTC)
    assert moment_after(date(2026, 7, 1)) == datetime(2026, 7, 1, 22, 0, tzinfo=UTC)
    assert local_day(datetime(2026, 7, 1, 22, 30, tzinfo=UTC)) == date(2026, 7, 2)
    assert local_day(datetime(2026, 7, 1, 21, 59, tzinfo=UTC)) == date(2026, 7, 1)


@pytest.mark.parametrize(("day", "wall", "utc"), [
    (date(2026, 7, 1), time(9, 0), datetime(2026, 7, 1, 7, 0, tzinfo=UTC)),
    (date(2026, 1, 5), time(9, 0), datetime(2026, 1, 5, 8, 0, tzinfo=UTC)),
    (date(2026, 3, 28), time(17, 0), datetime(2026, 3, 28, 16, 0, tzinfo=UTC)),
    (date(2026, 3, 29), time(17, 0), datetime(2026, 3, 29, 15, 0, tzinfo=UTC)),
    (date(2026, 10, 24), time(17, 0), datetime(2026, 10, 24, 15, 0, tzinfo=UTC)),
    (date(2026, 10, 25), time(17, 0), datetime(2026, 10, 25, 16, 0, tzinfo=UTC)),
    (date(2026, 12, 31), time(23, 59), datetime(2026, 12, 31, 22, 59, tzinfo=UTC)),
    (date(2026, 3, 29), time(2, 30), datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
    (date(2026, 10, 25), time(2, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    (date(2026, 10, 25), time(2, 30, fold=1), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
], ids=["summer", "winter", "day-before-summer-time", "first-summer-day",
        "last-summer-day", "first-winter-day", "new-years-eve", "skipped-hour",
        "repeated-hour-first", "repeated-hour-fold-ignored"])
def test_window_moments_are_amsterdam_wall_clock_in_utc(day, wall, utc):
    moment = window_moment(day, wall)
    assert moment == utc
    assert moment.tzinfo is UTC


def test_window_moment_refuses_a_time_with_a_zone():
    with pytest.raises(ValueError, match="tijdzone"):
        window_moment(date(2026, 7, 1), time(9, tzinfo=timezone(timedelta(hours=2))))


def test_open_house_is_civil_by_default_with_a_complaint_route():
    civil = TERMS[DEFAULT_MODEL]
    assert civil.name == "civil"
    assert not civil.objection
    assert civil.remedy == "klacht"
    assert civil.regime("decision") == "contract"
    assert civil.regime("lbb_advice") == "statute"
    with pytest.raises(ValueError, match="bestaat niet"):
        civil.regime("objection")


@pytest.mark.parametrize(("term", "regime"), [
    ("decision", "statute"), ("supplement", "organ"), ("views", "organ"),
    ("objection", "statute"), ("objection_decision", "statute"), ("lbb_advice", "statute"),
    ("not_considered_decision", "statute"),
])
def test_the_awb_model_runs_every_awb_clock(term, regime):
    awb = TERMS["awb"]
    assert awb.objection
    assert awb.remedy == "bezwaar"
    assert awb.regime(term) == regime


def test_every_model_names_every_term():
    for model in TERMS.values():
        assert set(model.regimes) == set(TERM_NAMES)


def test_a_procedure_can_opt_in_to_the_atw():
    awb = TERMS["awb"].with_atw("views", "supplement")
    assert awb.regime("views") == "statute"
    assert awb.regime("supplement") == "statute"
    assert TERMS["awb"].regime("views") == "organ"
    assert TERMS["civil"].with_atw("decision").regime("decision") == "statute"


def test_an_unknown_or_missing_term_is_refused():
    with pytest.raises(ValueError, match="onbekende termijn"):
        TERMS["awb"].regime("appeal")
    with pytest.raises(ValueError, match="bestaat niet"):
        TERMS["civil"].with_atw("objection")
