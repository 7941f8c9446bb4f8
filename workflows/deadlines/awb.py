"""Awb and Bibob clocks: decision term, suspensions, extension, LBB advice, not considering.

The decision term runs from the day after receipt (Awb 4:13). Suspensions (Awb 4:15, Wet
Bibob art. 31) and an extension by notice (Awb 4:14) move its raw end; the Atw applies to
the final end only. A day suspended on two grounds counts once. A request to supplement
that is not (yet) answered counts its whole term: until the term has passed, that end is
the latest possible one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from workflows.deadlines.atw import (
    Deadline,
    atw_applies,
    check_regime,
    describe,
    finish,
    long_date,
    term_deadline,
)

SUSPENSION_KINDS = ("supplement", "lbb", "lbb_question")
AWB_REASONABLE_WEEKS = 8  # Awb 4:13 lid 2: the decision term when no statute sets one
LBB_WEEKS, LBB_EXTENSION_WEEKS = 8, 4  # Wet Bibob art. 15 lid 1 and 3
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Suspension:
    """One suspension of a decision term: a request to supplement (Awb 4:15 lid 1 onder a,
    7:10 lid 2), a request for LBB advice (Wet Bibob art. 31) or an LBB question (art. 15)."""

    requested: date  # the request to supplement, for advice, or the LBB's question
    term_end: date | None  # supplement term (None: no term, no suspension); LBB's last day
    answered: date | None  # supplemented / answered; for "lbb": advice received (None: full)
    kind: str = "supplement"

    def __post_init__(self) -> None:
        if self.kind not in SUSPENSION_KINDS:
            raise ValueError(f"onbekende opschorting: {self.kind}")
        if self.kind == "lbb" and self.term_end is None:
            raise ValueError("een Bibob-opschorting heeft een uiterste adviesdatum nodig")
        for later in (self.term_end, self.answered):
            if later is not None and later < self.requested:
                raise ValueError("een opschorting kan niet eindigen voor het verzoek")


def _span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _counted(dates: list[date]) -> str:
    if not dates:
        return "geen dagen opgeschort"
    return (f"opgeschort van {long_date(dates[0])} tot en met {long_date(dates[-1])}, "
            f"{len(dates)} dagen")


def _supplement(s: Suspension, inclusive: bool, basis: str) -> tuple[list[date], str]:
    asked = f"Verzoek om aanvulling van {long_date(s.requested)} ({basis})"
    if s.term_end is None:
        return [], f"{asked} zonder termijn: geen opschorting."
    if s.answered is not None and s.answered <= s.term_end:
        last = s.answered if inclusive else s.answered - ONE_DAY
        rule = "die dag telt mee" if inclusive else "die dag telt niet mee"
        how = f"aangevuld op {long_date(s.answered)} ({rule})"
    else:
        last = s.term_end
        late = "" if s.answered is None else f"; aangevuld na afloop op {long_date(s.answered)}"
        how = f"niet aangevuld binnen de termijn tot en met {long_date(s.term_end)}{late}"
    dates = _span(s.requested + ONE_DAY, last)
    return dates, f"{asked}, {how}: {_counted(dates)}."


def _lbb(s: Suspension, extra: int) -> tuple[list[date], str]:
    assert s.term_end is not None  # checked in Suspension
    cap = (s.term_end - s.requested).days + extra
    more = f", waarvan {extra} dagen voor vragen van het LBB" if extra else ""
    if s.answered is None:
        days, how = cap, f"voor de volle maximumtermijn van {cap} dagen{more}"
    else:
        days = min((s.answered - s.requested).days + 1, cap)
        how = (f"tot en met ontvangst van het advies op {long_date(s.answered)}, "
               f"ten hoogste {cap} dagen{more}")
    dates = _span(s.requested, s.requested + timedelta(days=days - 1))
    return dates, (f"Bibob-advies gevraagd op {long_date(s.requested)} (Wet Bibob art. 31), "
                   f"{how}: {_counted(dates)}.")


def _questions(suspensions: Sequence[Suspension], inclusive: bool
               ) -> tuple[dict[date, int], list[str], list[str]]:
    lbb_asked = sorted(s.requested for s in suspensions if s.kind == "lbb")
    extra: dict[date, int] = defaultdict(int)
    lines: list[str] = []
    warnings: list[str] = []
    for q in sorted((s for s in suspensions if s.kind == "lbb_question"),
                    key=lambda s: s.requested):
        owner = [d for d in lbb_asked if d <= q.requested]
        if not owner:
            raise ValueError("een vraag van het LBB hoort bij een eerdere adviesaanvraag")
        if q.answered is None:
            warnings.append(f"De vraag van het LBB van {long_date(q.requested)} is nog niet "
                            "beantwoord; de opschorting loopt door en deze datum is voorlopig.")
            continue
        days = (q.answered - q.requested).days + inclusive
        extra[owner[-1]] += days
        lines.append(f"Vraag van het LBB van {long_date(q.requested)}, beantwoord op "
                     f"{long_date(q.answered)}: de adviestermijn loopt {days} dagen langer "
                     "(Wet Bibob art. 15 lid 2).")
    return extra, lines, warnings


def suspended_days(suspensions: Sequence[Suspension], *, supplement_day_suspended: bool = True,
                   basis: str = "Awb 4:15 lid 1 onder a") -> tuple[int, list[str], list[str]]:
    """Days a decision term is suspended (Awb 4:15, 7:10 lid 2; Wet Bibob art. 15, 31):
    the number of distinct days, one sentence per suspension, and warnings."""
    extra, lines, warnings = _questions(suspensions, supplement_day_suspended)
    seen: set[date] = set()
    for s in sorted((s for s in suspensions if s.kind != "lbb_question"),
                    key=lambda s: (s.requested, s.kind)):
        if s.kind == "lbb":
            dates, line = _lbb(s, extra[s.requested])
        else:
            dates, line = _supplement(s, supplement_day_suspended, basis)
        overlap = len(seen.intersection(dates))
        if overlap:
            line += f" Daarvan waren {overlap} dagen al opgeschort."
        seen.update(dates)
        lines.append(line)
    return len(seen), lines, warnings


def suspended_term(start: date, *, weeks: int, first: str,
                   suspensions: Sequence[Suspension], extensions: Sequence[tuple[int, str]],
                   regime: str, inclusive: bool, basis: str = "Awb 4:15 lid 1 onder a"
                   ) -> Deadline:
    """A term of `weeks` after `start`, plus suspended days, plus extensions; Atw at the end."""
    check_regime(regime)
    end = start + timedelta(weeks=weeks)
    lines = [f"{first}: de termijn van {describe(weeks=weeks)} begint de volgende dag; "
             f"zonder opschorting is de laatste dag {long_date(end)}."]
    days, more, warnings = suspended_days(
        suspensions, supplement_day_suspended=inclusive, basis=basis)
    lines.extend(more)
    if days:
        end += timedelta(days=days)
        lines.append(f"Met {days} dagen opschorting is de laatste dag {long_date(end)}.")
    for ext_weeks, reason in extensions:
        if ext_weeks < 0:
            raise ValueError("een verdaging kan niet negatief zijn")
        if ext_weeks:
            end += timedelta(weeks=ext_weeks)
            lines.append(f"{reason} met {describe(weeks=ext_weeks)}: {long_date(end)}.")
    return finish(start, end, lines, regime, atw_allowed=atw_applies(weeks=weeks),
                  warnings=warnings)


def decision_deadline(received: date, *, weeks: int, suspensions: Sequence[Suspension] = (),
                      extension_weeks: int = 0, regime: str = "statute",
                      supplement_day_suspended: bool = True) -> Deadline:
    """Last day to decide (Awb 4:13) after suspensions (4:15, Wet Bibob art. 31) and an
    extension (4:14), Atw on the final end. Switch `supplement_day_suspended` (default True):
    the day the applicant supplements or answers still counts as suspended. A contractual
    decision term (the civil model) follows the procedure document: no Awb article cited."""
    contractual = regime == "contract"
    return suspended_term(
        received, weeks=weeks, first=f"Aanvraag ontvangen op {long_date(received)}",
        suspensions=suspensions, regime=regime, inclusive=supplement_day_suspended,
        basis="procedureregeling" if contractual else "Awb 4:15 lid 1 onder a",
        extensions=[(extension_weeks, "Verlengd (procedureregeling)" if contractual
                     else "Verdaagd (Awb 4:14)")])


def lbb_suspension(requested: date, *, extended: bool, advice_received: date | None,
                   until_advice: bool = False) -> Suspension:
    """Decision term suspended for LBB advice (Wet Bibob art. 15, 31): by default the fixed
    maximum of 8 weeks, 12 if extended; switch `until_advice`: from the request day up to
    and including the day the advice arrived, capped at that maximum."""
    weeks = LBB_WEEKS + (LBB_EXTENSION_WEEKS if extended else 0)
    return Suspension(requested, requested + timedelta(weeks=weeks),
                      advice_received if until_advice else None, kind="lbb")


def lbb_advice_deadline(requested: date, *, extended: bool = False) -> Deadline:
    """Last day for the LBB's advice: 8 weeks, once extended by at most 4 (Wet Bibob art. 15)."""
    weeks = LBB_WEEKS + (LBB_EXTENSION_WEEKS if extended else 0)
    return term_deadline(requested, weeks=weeks, label="De adviestermijn van het LBB")


def supplement_deadline(requested: date, *, weeks: int, regime: str = "organ") -> Deadline:
    """Last day to supplement an application, a term the municipality sets (Awb 4:5 lid 1)."""
    return term_deadline(requested, weeks=weeks, regime=regime, label="De aanvullingstermijn")


def views_deadline(sent: date, *, weeks: int, regime: str = "organ") -> Deadline:
    """Last day for the applicant's views before a negative decision (Awb 4:7), a term of the
    organ (or of the procedure, under the civil model)."""
    return term_deadline(sent, weeks=weeks, regime=regime, label="De zienswijzetermijn")


def not_considered_deadline(term_passed: date) -> Deadline:
    """Last day to announce not considering an application: 4 weeks after the supplement
    term's last day, or after the day it was supplemented (Awb 4:5 lid 4)."""
    return term_deadline(term_passed, weeks=4,
                         label="De termijn voor het besluit tot niet-behandelen (Awb 4:5 lid 4)")
