"""Legal clocks as data: every term shown or acted on is computed here, with its reasons.

Counting follows the Algemene termijnenwet (Atw) for statutory terms: a term "within N
weeks after X" starts the day after X and its raw end is X + 7N days; Atw art. 1 moves an
end on a Saturday, Sunday or holiday to the next working day, and art. 2 extends a term
of 3 days or more until it holds two working days. Terms the municipality sets itself
(`organ`) and contractual terms (`contract`) get no Atw unless the procedure opts in.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
REGIMES = ("statute", "organ", "contract", "excluded")

# Atw art. 3(3): days made equal to holidays by Royal Decree. They follow no rule, so
# they are data: extend this table when a new decree is published.
ROYAL_DECREE_DAYS: dict[date, str] = {
    date(2026, 1, 2): "Vrijdag na Nieuwjaarsdag (KB)",
    date(2026, 5, 15): "Vrijdag na Hemelvaartsdag (KB)",
    date(2027, 5, 7): "Vrijdag na Hemelvaartsdag (KB)",
    date(2028, 4, 28): "Vrijdag na Koningsdag (KB)",
    date(2028, 5, 26): "Vrijdag na Hemelvaartsdag (KB)",
}
DECREE_YEARS_ON_FILE = frozenset({2026, 2027, 2028})


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def atw_holidays(year: int) -> dict[date, str]:
    """The holidays of Atw art. 3 in a year, Royal Decree days included when on file."""
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    days = {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter - timedelta(days=2): "Goede Vrijdag",
        easter + timedelta(days=1): "Tweede Paasdag",
        kings_day: "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag (5 mei)",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }
    days.update({d: n for d, n in ROYAL_DECREE_DAYS.items() if d.year == year})
    return days


def is_working_day(d: date) -> bool:
    """Not a Saturday, Sunday or Atw holiday."""
    return d.weekday() < 5 and d not in atw_holidays(d.year)


def decree_on_file(year: int) -> bool:
    return year in DECREE_YEARS_ON_FILE


def add_months(d: date, months: int) -> date:
    """Same day number; the last day of the month when the month is shorter."""
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def raw_end(start: date, *, days: int = 0, weeks: int = 0, months: int = 0) -> date:
    """The end of a term counted from the day after `start`, before any Atw shift."""
    return add_months(start, months) + timedelta(days=days + 7 * weeks)


def atw_shift(start: date, end: date) -> date:
    """Atw art. 2 then art. 1: at least two working days in the term, then a working end."""
    if (end - start).days >= 3:
        while sum(is_working_day(start + timedelta(days=n))
                  for n in range(1, (end - start).days + 1)) < 2:
            end += timedelta(days=1)
    while not is_working_day(end):
        end += timedelta(days=1)
    return end


def end_of_term(start: date, *, days: int = 0, weeks: int = 0, months: int = 0,
                regime: str = "statute") -> date:
    """The last day of a term; the Atw applies to statutory terms only."""
    if regime not in REGIMES:
        raise ValueError(f"onbekend termijnregime: {regime}")
    end = raw_end(start, days=days, weeks=weeks, months=months)
    return atw_shift(start, end) if regime == "statute" else end


def moment_after(last_day: date) -> datetime:
    """The instant a term has passed: midnight after its last day, Amsterdam time, in UTC."""
    return datetime.combine(last_day + timedelta(days=1), time(0), AMSTERDAM).astimezone(UTC)


def local_day(moment: datetime) -> date:
    """The Amsterdam calendar day of an instant."""
    return moment.astimezone(AMSTERDAM).date()
