"""Calendar and Algemene termijnenwet (Atw): holidays, counting and explained term ends.

A term "within N weeks after X" starts the day after X; its raw end is X + 7N days (days:
X + N; months: the same day number, or the last day of a shorter month). For statutory
terms (`statute`) the Atw then works on the final end only: art. 2 extends a term of 3 days
or more until it holds two working days, art. 1 moves an end on a Saturday, Sunday or
holiday to the next working day, and art. 4(a) switches the Atw off for terms of more than
90 days, 12 weeks or 3 months. `organ` terms (set by the municipality), `contract` terms
and `excluded` terms (Atw off by law) keep their raw end.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

REGIMES = ("statute", "organ", "contract", "excluded")
NO_ATW = {
    "organ": "Termijn gesteld door de gemeente zelf: de Atw is niet van toepassing.",
    "contract": "Termijn uit de procedure of de overeenkomst: de Atw is niet van toepassing.",
    "excluded": "De Atw is bij wet uitgesloten voor deze termijn.",
}
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


@dataclass(frozen=True)
class RoyalDecree:
    """Days made equal to holidays by Royal Decree (Atw art. 3 lid 3) for the years covered."""

    title: str
    years: frozenset[int]
    days: Mapping[date, str]


# Decrees follow no rule, so they are data: add one when it is published in the
# Staatscourant. A year counts as "on file" once a decree covering it is listed here.
ROYAL_DECREES: tuple[RoyalDecree, ...] = (
    RoyalDecree(
        title="Gelijkstelling van dagen met algemeen erkende feestdagen 2026-2028",
        years=frozenset({2026, 2027, 2028}),
        days=MappingProxyType({
            date(2026, 1, 2): "Vrijdag na Nieuwjaarsdag (KB)",
            date(2026, 5, 15): "Vrijdag na Hemelvaartsdag (KB)",
            date(2027, 5, 7): "Vrijdag na Hemelvaartsdag (KB)",
            date(2028, 4, 28): "Vrijdag na Koningsdag (KB)",
            date(2028, 5, 26): "Vrijdag na Hemelvaartsdag (KB)",
        }),
    ),
)
ROYAL_DECREE_DAYS: dict[date, str] = {
    day: name for decree in ROYAL_DECREES for day, name in decree.days.items()
}
DECREE_YEARS_ON_FILE = frozenset(year for decree in ROYAL_DECREES for year in decree.years)


@dataclass(frozen=True)
class Deadline:
    """A last day with its reasoning: one Dutch sentence per step, and what to check."""

    date: date
    explanation: tuple[str, ...]
    regime: str
    warnings: tuple[str, ...] = ()


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


@lru_cache(maxsize=64)
def _holidays(year: int) -> Mapping[date, str]:
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
    return MappingProxyType(days)


def atw_holidays(year: int) -> dict[date, str]:
    """The holidays of Atw art. 3 (lid 1, Goede Vrijdag by lid 2, decree days by lid 3);
    Koningsdag is 27 April, or 26 April when the 27th is a Sunday (rule since 2014)."""
    return dict(_holidays(year))


def is_working_day(d: date) -> bool:
    """Not a Saturday, Sunday or holiday in the sense of Atw art. 3."""
    return d.weekday() < 5 and d not in _holidays(d.year)


def decree_on_file(year: int) -> bool:
    """Whether the Royal Decree days of Atw art. 3 lid 3 are known for this year."""
    return year in DECREE_YEARS_ON_FILE


def decree_warnings(years: Iterable[int]) -> tuple[str, ...]:
    """One warning per year whose decree days are not on file (Atw art. 3 lid 3)."""
    return tuple(
        f"Voor {year} is nog geen Koninklijk Besluit over extra feestdagen bekend; "
        "controleer deze termijn."
        for year in sorted(set(years)) if not decree_on_file(year)
    )


def add_months(d: date, months: int) -> date:
    """Same day number; the last day of the month when the month is shorter."""
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def raw_end(start: date, *, days: int = 0, weeks: int = 0, months: int = 0) -> date:
    """The end of a term counted from the day after `start`, before any Atw shift."""
    return add_months(start, months) + timedelta(days=days + 7 * weeks)


def atw_applies(*, days: int = 0, weeks: int = 0, months: int = 0) -> bool:
    """Atw art. 4 onder a: no Atw for terms of more than 90 days, 12 weeks or 3 months."""
    return days <= 90 and weeks <= 12 and months <= 3


def check_regime(regime: str) -> None:
    """Refuses a regime other than statute, organ, contract or excluded."""
    if regime not in REGIMES:
        raise ValueError(f"onbekend termijnregime: {regime}")


def short_date(d: date) -> str:
    """A date as Dutch text: "28 december 2026"."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def long_date(d: date) -> str:
    """A date with its weekday as Dutch text: "maandag 28 december 2026"."""
    return f"{WEEKDAYS[d.weekday()]} {short_date(d)}"


def describe(*, days: int = 0, weeks: int = 0, months: int = 0) -> str:
    """A length as Dutch text: "8 weken", "1 maand en 3 dagen"."""
    parts = [f"{n} {one if n == 1 else many}" for n, one, many in (
        (months, "maand", "maanden"), (weeks, "week", "weken"), (days, "dag", "dagen")) if n]
    return " en ".join(parts) or "0 dagen"


def _day_off(d: date) -> str:
    return _holidays(d.year).get(d, WEEKDAYS[d.weekday()])


def _art2(start: date, end: date, steps: list[str], seen: set[int]) -> date:
    found, day = 0, end
    while day > start and found < 2:
        seen.add(day.year)
        found += is_working_day(day)
        day -= timedelta(days=1)
    if found >= 2:
        return end
    new_end = end
    while found < 2:
        new_end += timedelta(days=1)
        seen.add(new_end.year)
        found += is_working_day(new_end)
    steps.append(f"De termijn tot en met {long_date(end)} bevat minder dan twee werkdagen; "
                 f"hij loopt door tot en met {long_date(new_end)} (Atw art. 2).")
    return new_end


def atw_extend(start: date, end: date) -> tuple[date, list[str], set[int]]:
    """Atw art. 2 then art. 1 on a term running from the day after `start` up to `end`:
    the new end, one sentence per shift, and every year the Atw looked at."""
    steps: list[str] = []
    seen = {end.year}
    if (end - start).days >= 3:
        end = _art2(start, end, steps, seen)
    while not is_working_day(end):
        steps.append(f"{short_date(end)} valt op {_day_off(end)} (Atw art. 1); "
                     "de termijn loopt door tot de volgende dag.")
        end += timedelta(days=1)
        seen.add(end.year)
    return end, steps, seen


def atw_shift(start: date, end: date) -> date:
    """Atw art. 2 then art. 1: at least two working days in the term, then a working end."""
    return atw_extend(start, end)[0]


def finish(start: date, end: date, lines: list[str], regime: str, *,
           atw_allowed: bool = True, warnings: Iterable[str] = ()) -> Deadline:
    """Applies the Atw to a final end when the regime and Atw art. 4 allow it."""
    check_regime(regime)
    notes = list(warnings)
    if regime != "statute":
        lines.append(NO_ATW[regime])
    elif not atw_allowed:
        lines.append("De Atw geldt niet voor termijnen van meer dan 90 dagen, 12 weken "
                     "of 3 maanden (Atw art. 4 onder a).")
    else:
        end, steps, years = atw_extend(start, end)
        lines.extend(steps)
        notes.extend(decree_warnings(years))
    lines.append(f"Laatste dag: {long_date(end)}.")
    return Deadline(end, tuple(lines), regime, tuple(notes))


def term_deadline(start: date, *, days: int = 0, weeks: int = 0, months: int = 0,
                  regime: str = "statute", label: str = "De termijn") -> Deadline:
    """A term counted from the day after `start`, explained (Atw art. 1, 2 and 4)."""
    check_regime(regime)
    end = raw_end(start, days=days, weeks=weeks, months=months)
    length = describe(days=days, weeks=weeks, months=months)
    lines = [f"{label} van {length} na {long_date(start)} begint de volgende dag; "
             f"zonder verlenging is de laatste dag {long_date(end)}."]
    allowed = atw_applies(days=days, weeks=weeks, months=months)
    return finish(start, end, lines, regime, atw_allowed=allowed)


def end_of_term(start: date, *, days: int = 0, weeks: int = 0, months: int = 0,
                regime: str = "statute") -> date:
    """The last day of a term; the Atw applies to statutory terms only (Atw art. 1, 2, 4)."""
    return term_deadline(start, days=days, weeks=weeks, months=months, regime=regime).date
