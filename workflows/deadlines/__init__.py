"""Legal clocks as data: every term shown or acted on is computed here, with its reasons.

The rules live in three modules, re-exported here so callers import one name:
`atw` (holidays, counting, Algemene termijnenwet), `awb` (decision
term, suspensions, extension, Bibob) and `remedies` (penalty, objection). This
module adds the legal models, contract terms and the Amsterdam wall clock. All functions
are pure: no database, no I/O, and today is always a parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

from workflows.deadlines.atw import (
    DECREE_YEARS_ON_FILE,
    REGIMES,
    ROYAL_DECREE_DAYS,
    ROYAL_DECREES,
    Deadline,
    RoyalDecree,
    add_months,
    atw_applies,
    atw_extend,
    atw_holidays,
    atw_shift,
    decree_on_file,
    decree_warnings,
    easter_sunday,
    end_of_term,
    is_working_day,
    long_date,
    raw_end,
    term_deadline,
)
from workflows.deadlines.awb import (
    AWB_REASONABLE_WEEKS,
    LBB_EXTENSION_WEEKS,
    LBB_WEEKS,
    Suspension,
    decision_deadline,
    lbb_advice_deadline,
    lbb_suspension,
    not_considered_deadline,
    supplement_deadline,
    suspended_days,
    views_deadline,
)
from workflows.deadlines.remedies import (
    objection_deadline,
    objection_decision_deadline,
    objection_on_time,
    penalty_amount,
    penalty_first_day,
    penalty_for_late_decision,
)

__all__ = [
    "AMSTERDAM", "AWB_REASONABLE_WEEKS", "DECREE_YEARS_ON_FILE", "DEFAULT_MODEL",
    "LBB_EXTENSION_WEEKS", "LBB_WEEKS", "REGIMES", "ROYAL_DECREES", "ROYAL_DECREE_DAYS",
    "TERMS", "TERM_NAMES", "Deadline", "LegalModel", "RoyalDecree", "Suspension",
    "add_months", "atw_applies", "atw_extend", "atw_holidays", "atw_shift", "contract_end",
    "decision_deadline", "decree_on_file", "decree_warnings", "easter_sunday", "end_of_term",
    "extension_notice_date", "is_working_day", "lbb_advice_deadline", "lbb_suspension",
    "last_day", "local_day", "long_date", "moment_after", "not_considered_deadline",
    "objection_deadline", "objection_decision_deadline", "objection_on_time", "penalty_amount",
    "penalty_first_day", "penalty_for_late_decision", "raw_end", "supplement_deadline",
    "suspended_days", "term_deadline", "views_deadline", "window_moment",
]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TERM_NAMES = ("decision", "supplement", "views", "objection", "objection_decision",
              "lbb_advice", "not_considered_decision")


@dataclass(frozen=True)
class LegalModel:
    """Which regime each named term gets in one legal model (None: no such term there),
    whether Awb objection applies, and the remedy route's name."""

    name: str
    regimes: Mapping[str, str | None]
    objection: bool
    remedy: str
    atw_opt_in: frozenset[str] = field(default_factory=frozenset)

    def regime(self, term: str) -> str:
        """The regime of a named term; "statute" when the procedure opts in to the Atw."""
        if term not in TERM_NAMES:
            raise ValueError(f"onbekende termijn: {term}")
        regime = self.regimes[term]
        if regime is None:
            raise ValueError(f"de termijn {term} bestaat niet in het model {self.name}")
        return "statute" if term in self.atw_opt_in else regime

    def with_atw(self, *terms: str) -> LegalModel:
        """The same model where the procedure document makes the Atw apply to `terms`."""
        for term in terms:
            self.regime(term)
        return replace(self, atw_opt_in=self.atw_opt_in | frozenset(terms))


# Open House (civil): terms come from the procedure document and the contract; a complaint
# route replaces objection. The LBB's own term stays statutory (Wet Bibob art. 15).
TERMS: Mapping[str, LegalModel] = MappingProxyType({
    "civil": LegalModel("civil", MappingProxyType({
        "decision": "contract", "supplement": "contract", "views": "contract",
        "objection": None, "objection_decision": None, "lbb_advice": "statute",
        "not_considered_decision": "contract",
    }), objection=False, remedy="klacht"),
    "awb": LegalModel("awb", MappingProxyType({
        "decision": "statute", "supplement": "organ", "views": "organ",
        "objection": "statute", "objection_decision": "statute", "lbb_advice": "statute",
        "not_considered_decision": "statute",
    }), objection=True, remedy="bezwaar"),
})
DEFAULT_MODEL = "civil"


def contract_end(start: date, years: int) -> date:
    """Last day of a contract of whole years: the day before its anniversary (a contract
    from 29 February has 1 March as anniversary in other years). A contractual term, so no
    Atw (the Atw covers statutory terms only, Atw art. 1 lid 1)."""
    anniversary = add_months(start, 12 * years)
    if anniversary.day < start.day:
        anniversary += timedelta(days=1)
    return anniversary - timedelta(days=1)


def extension_notice_date(end: date, *, months: int, from_anniversary: bool = False) -> date:
    """Last day for notice counted back from a contract's end; backwards, so no Atw (Atw
    art. 1 lid 2). Default: the same day number `months` before `end`; switch
    `from_anniversary`: `months` before the day after `end`, minus one day."""
    if from_anniversary:
        return add_months(end + timedelta(days=1), -months) - timedelta(days=1)
    return add_months(end, -months)


def moment_after(last_day: date) -> datetime:
    """The instant a term has passed: midnight after its last day, Amsterdam time, in UTC."""
    return datetime.combine(last_day + timedelta(days=1), time(0), AMSTERDAM).astimezone(UTC)


def local_day(moment: datetime) -> date:
    """The Amsterdam calendar day of an instant."""
    return moment.astimezone(AMSTERDAM).date()


def last_day(due_at: datetime) -> date:
    """The legal last day of a term whose moment is the midnight after that day."""
    return local_day(due_at - timedelta(microseconds=1))


def window_moment(d: date, hhmm: time) -> datetime:
    """An opening or closing moment: Amsterdam wall-clock `hhmm` on `d` as UTC, summer time
    included; a time skipped in spring counts an hour later on the wall clock, a time that
    occurs twice in autumn means its first occurrence."""
    if hhmm.tzinfo is not None:
        raise ValueError("geef een kloktijd zonder tijdzone")
    return datetime.combine(d, hhmm.replace(fold=0), AMSTERDAM).astimezone(UTC)
