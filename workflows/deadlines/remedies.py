"""Remedies against the municipality: penalty for a late decision, objection and its decision.

Awb 4:17: once the decision term has passed, a written notice of default starts a two-week
wait; from the next day the municipality owes a penalty per day, at most 42 days (no Atw on
those). Awb 6:7-6:9: six weeks to object, from the day after sending; 7:10: six weeks to
decide on it (twelve with an advisory committee), from the day after that term.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from workflows.deadlines.atw import Deadline, atw_extend, long_date, term_deadline
from workflows.deadlines.awb import Suspension, suspended_term

PENALTY_RATES = ((14, 23), (14, 35), (14, 45))  # Awb 4:17 lid 2: days, euro per day
PENALTY_MAX_DAYS = 42  # Awb 4:17 lid 1; the Atw does not apply to these 42 days
OBJECTION_WEEKS = 6  # Awb 6:7
OBJECTION_EXTENSION_MAX_WEEKS = 6  # Awb 7:10 lid 3

POST_WEEK = timedelta(weeks=1)  # Awb 6:9 lid 2
NOTICE_WAIT = timedelta(weeks=2)  # Awb 4:17 lid 3


def penalty_first_day(term_end: date, notice_received: date, *,
                      day_after_two_weeks: bool = True,
                      atw_on_two_weeks: bool = False) -> date | None:
    """First penalty day (Awb 4:17 lid 3): receipt of the notice + 15; None if it arrived
    by `term_end`. Switches: `day_after_two_weeks=False` gives receipt + 14,
    `atw_on_two_weeks` moves the end of the two weeks by the Atw."""
    if notice_received <= term_end:
        return None
    last_waiting_day = notice_received + NOTICE_WAIT
    if atw_on_two_weeks:
        last_waiting_day = atw_extend(notice_received, last_waiting_day)[0]
    return last_waiting_day + timedelta(days=1) if day_after_two_weeks else last_waiting_day


def penalty_amount(days: int) -> int:
    """Euros owed for a number of penalty days: 23, then 35, then 45 a day (Awb 4:17 lid 2)."""
    total, left = 0, max(0, min(days, PENALTY_MAX_DAYS))
    for span, rate in PENALTY_RATES:
        counted = min(left, span)
        total += counted * rate
        left -= counted
    return total


def penalty_for_late_decision(term_end: date, notice_received: date, decided: date | None, *,
                              day_after_two_weeks: bool = True,
                              atw_on_two_weeks: bool = False,
                              decision_day_counts: bool = False) -> int:
    """Euros owed for deciding late (Awb 4:17), at most 42 days and EUR 1,442; `decided=None`
    means not decided yet: all 42. Default: the days from the first penalty day up to the day
    before the decision; switch `decision_day_counts` adds the day of the decision itself."""
    first = penalty_first_day(term_end, notice_received, day_after_two_weeks=day_after_two_weeks,
                              atw_on_two_weeks=atw_on_two_weeks)
    if first is None:
        return 0
    if decided is None:
        return penalty_amount(PENALTY_MAX_DAYS)
    return penalty_amount((decided - first).days + decision_day_counts)


def objection_deadline(sent: date) -> Deadline:
    """Last day to object: six weeks from the day after the decision was sent (Awb 6:7, 6:8),
    moved by the Atw."""
    return term_deadline(sent, weeks=OBJECTION_WEEKS, label="De bezwaartermijn (Awb 6:7, 6:8)")


def remedy_text(objection: bool, last_day: date) -> str:
    """What the applicant can do against the decision, for the letter and the screens:
    objection under the Awb (6:4, 6:7); under the civil model (Open House) no objection,
    but a complaint under the procedure and then the civil court."""
    if objection:
        return (f"Bent u het niet eens met dit besluit, dan kunt u tot en met "
                f"{long_date(last_day)} bezwaar maken (Awb 6:4, 6:7).")
    return (f"Bent u het niet eens met dit besluit, dan kunt u tot en met {long_date(last_day)} "
            "een klacht indienen volgens de procedureregeling. Daarna kunt u naar de "
            "civiele rechter. Bezwaar maken is niet mogelijk: dit is een privaatrechtelijke "
            "procedure.")


def objection_on_time(sent: date, received: date, posted: date | None = None, *,
                      atw_on_post_week: bool = False) -> bool:
    """Awb 6:9: on time when received by the last day, or posted by then and received at most
    a week after it. Switch `atw_on_post_week` (default off) applies the Atw to that week."""
    last_day = objection_deadline(sent).date
    if received <= last_day:
        return True
    if posted is None or posted > last_day:
        return False
    grace = last_day + POST_WEEK
    if atw_on_post_week:
        grace = atw_extend(last_day, grace)[0]
    return received <= grace


def objection_decision_deadline(objection_term_end: date, *, committee: bool,
                                extension_weeks: int = 0, consented_weeks: int = 0,
                                suspensions: Sequence[Suspension] = (),
                                supplement_day_suspended: bool = True) -> Deadline:
    """Last day to decide on an objection: 6 weeks, 12 with an advisory committee, from the
    day after the objection term (Awb 7:10 lid 1); suspended to repair a defect (lid 2),
    extended by at most 6 weeks (lid 3) and further only with consent (lid 4)."""
    if extension_weeks > OBJECTION_EXTENSION_MAX_WEEKS:
        raise ValueError("verdagen kan met ten hoogste zes weken (Awb 7:10 lid 3); verder "
                         "uitstel alleen met instemming (lid 4)")
    weeks = 12 if committee else 6
    who = "met adviescommissie (Awb 7:13)" if committee else "zonder adviescommissie"
    first = (f"Laatste dag van de bezwaartermijn {long_date(objection_term_end)}; beslissen "
             f"op het bezwaar (Awb 7:10 lid 1), {who}")
    return suspended_term(
        objection_term_end, weeks=weeks, first=first, suspensions=suspensions,
        regime="statute", inclusive=supplement_day_suspended, basis="Awb 7:10 lid 2",
        extensions=[(extension_weeks, "Verdaagd (Awb 7:10 lid 3)"),
                    (consented_weeks, "Verder uitgesteld met instemming (Awb 7:10 lid 4)")])
