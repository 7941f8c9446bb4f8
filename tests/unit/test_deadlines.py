"""Legal counting rules, table-driven (Algemene termijnenwet, Awb)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from workflows.deadlines import (
    atw_holidays,
    end_of_term,
    is_working_day,
    local_day,
    moment_after,
)


@pytest.mark.parametrize(("start", "kwargs", "expected"), [
    (date(2026, 10, 30), {"weeks": 8}, date(2026, 12, 28)),
    (date(2026, 3, 24), {"weeks": 6}, date(2026, 5, 6)),
    (date(2026, 12, 11), {"weeks": 2, "regime": "organ"}, date(2026, 12, 25)),
    (date(2026, 12, 11), {"weeks": 2}, date(2026, 12, 28)),
    (date(2026, 1, 31), {"months": 1, "regime": "contract"}, date(2026, 2, 28)),
    (date(2028, 1, 31), {"months": 1, "regime": "contract"}, date(2028, 2, 29)),
    (date(2026, 12, 22), {"days": 3}, date(2026, 12, 28)),
], ids=["8-weeks-to-monday", "6-weeks-over-5-mei", "organ-term-no-atw", "statute-xmas",
        "month-end-short", "month-end-leap", "atw-art-2-two-working-days"])
def test_end_of_term_counts_like_the_law(start, kwargs, expected):
    assert end_of_term(start, **kwargs) == expected


def test_an_unknown_regime_is_refused():
    with pytest.raises(ValueError, match="termijnregime"):
        end_of_term(date(2026, 1, 1), days=1, regime="custom")


@pytest.mark.parametrize(("day", "name"), [
    (date(2026, 1, 1), "Nieuwjaarsdag"),
    (date(2026, 4, 3), "Goede Vrijdag"),
    (date(2026, 4, 6), "Tweede Paasdag"),
    (date(2026, 4, 27), "Koningsdag"),
    (date(2025, 4, 26), "Koningsdag"),
    (date(2026, 5, 5), "Bevrijdingsdag (5 mei)"),
    (date(2026, 5, 14), "Hemelvaartsdag"),
    (date(2026, 5, 25), "Tweede Pinksterdag"),
    (date(2026, 12, 25), "Eerste Kerstdag"),
    (date(2026, 12, 26), "Tweede Kerstdag"),
    (date(2026, 5, 15), "Vrijdag na Hemelvaartsdag (KB)"),
], ids=lambda v: str(v))
def test_atw_holidays_include_royal_decree_days(day, name):
    assert atw_holidays(day.year)[day] == name
    assert not is_working_day(day)


def test_kings_day_on_a_sunday_moves_to_saturday_the_26th():
    # 27 April 2025 was a Sunday.
    assert date(2025, 4, 27) not in atw_holidays(2025)


def test_a_term_has_passed_at_midnight_amsterdam_time():
    assert moment_after(date(2026, 12, 28)) == datetime(2026, 12, 28, 23, 0, tzinfo=UTC)
    assert moment_after(date(2026, 7, 1)) == datetime(2026, 7, 1, 22, 0, tzinfo=UTC)
    assert local_day(datetime(2026, 7, 1, 22, 30, tzinfo=UTC)) == date(2026, 7, 2)
