"""The legal terms of one admission case, computed from its data with workflows.deadlines.

Case data keeps the facts (received, each suspension, what was sent when); every date
the procedure waits for is recomputed from those facts, never adjusted by hand.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from workflows import deadlines as dl
from workflows.deadlines import remedies

DECISION_WEEKS = 8  # Awb 4:13 lid 2: no statutory term, so a reasonable one of 8 weeks
SUPPLEMENT_WEEKS = 2
VIEWS_WEEKS = 2
OBJECTION_WEEKS = 6  # Awb 6:7; in the civil model the same period for a complaint
# The region's setting (its procedure document, civil model): the complaint is decided
# within this many weeks after it was received; a contractual term, so no Atw.
COMPLAINT_DECISION_WEEKS = 6


def model(data: dict[str, Any]) -> dl.LegalModel:
    return dl.TERMS[data.get("legal_model") or dl.DEFAULT_MODEL]


def suspensions(data: dict[str, Any]) -> list[dl.Suspension]:
    """Supplement suspensions as stored before the assessment splits, plus the LBB's,
    derived from facts only the integrity branch writes (so a parallel join, which keeps
    one branch's copy of shared keys, cannot lose it)."""
    stored = [dl.Suspension(kind=s["kind"], requested=date.fromisoformat(s["requested"]),
                            term_end=_day(s["term_end"]), answered=_day(s["answered"]))
              for s in data.get("suspensions", [])]
    if data.get("lbb_requested_on"):
        stored.append(dl.lbb_suspension(date.fromisoformat(data["lbb_requested_on"]),
                                        extended=bool(data.get("lbb_extended")),
                                        advice_received=None))
    return stored


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _stored(s: dl.Suspension) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(s).items()}


def decision_term(data: dict[str, Any]) -> dl.Deadline:
    """The decision term with every suspension and extension (Awb 4:13-4:15, Bibob 31)."""
    return dl.decision_deadline(
        date.fromisoformat(data["received_on"]), weeks=data.get("decision_weeks", DECISION_WEEKS),
        suspensions=suspensions(data), extension_weeks=data.get("decision_extension_weeks", 0),
        regime=model(data).regime("decision"))


def with_suspensions(data: dict[str, Any], items: list[dl.Suspension]) -> dict[str, Any]:
    """Data updates: the new list of supplement suspensions, the decision term recomputed."""
    stored = [_stored(s) for s in items if s.kind == "supplement"]
    return {"suspensions": stored, **decision_moments({**data, "suspensions": stored})}


def decision_moments(data: dict[str, Any]) -> dict[str, Any]:
    term = decision_term(data)
    return {"decision_last_day": term.date.isoformat(),
            "decision_due": dl.moment_after(term.date).isoformat()}


def supplement_requested(data: dict[str, Any], today: date) -> dict[str, Any]:
    """A request to supplement with a term suspends the decision term (Awb 4:15 lid 1a)."""
    term = dl.supplement_deadline(today, weeks=SUPPLEMENT_WEEKS,
                                  regime=model(data).regime("supplement"))
    added = dl.Suspension(today, term.date, None, kind="supplement")
    return {"supplement_requested_on": today.isoformat(),
            "supplement_last_day": term.date.isoformat(),
            "supplement_due": dl.moment_after(term.date).isoformat(),
            **with_suspensions(data, [*suspensions(data), added])}


def supplemented(data: dict[str, Any], today: date) -> dict[str, Any]:
    """The applicant supplemented: the open supplement suspension ends today."""
    items = [s if s.kind != "supplement" or s.answered else
             dl.Suspension(s.requested, s.term_end, today, kind=s.kind)
             for s in suspensions(data)]
    return {"supplemented_on": today.isoformat(), **with_suspensions(data, items)}


def lbb_requested(data: dict[str, Any], today: date, *, extended: bool) -> dict[str, Any]:
    """Asking the LBB suspends the decision term for its maximum (Wet Bibob art. 31)."""
    requested = date.fromisoformat(data["lbb_requested_on"]) if extended else today
    term = dl.lbb_advice_deadline(requested, extended=extended)
    return {"lbb_requested_on": requested.isoformat(), "lbb_extended": extended,
            "lbb_last_day": term.date.isoformat(),
            "lbb_due": dl.moment_after(term.date).isoformat()}


def views_requested(data: dict[str, Any], today: date) -> dict[str, Any]:
    term = dl.views_deadline(today, weeks=VIEWS_WEEKS, regime=model(data).regime("views"))
    return {"views_requested_on": today.isoformat(), "views_last_day": term.date.isoformat(),
            "views_due": dl.moment_after(term.date).isoformat()}


def remedy_term(data: dict[str, Any], sent: date) -> dl.Deadline:
    """Objection (Awb 6:7, 6:8) in the awb model; a complaint period in the civil one."""
    if model(data).objection:
        return dl.objection_deadline(sent)
    return dl.term_deadline(sent, weeks=OBJECTION_WEEKS, regime="contract",
                            label="De klachttermijn (procedure)")


def decided(data: dict[str, Any], sent: date) -> dict[str, Any]:
    term = remedy_term(data, sent)
    return {"decided_on": sent.isoformat(), "objection_last_day": term.date.isoformat(),
            "objection_until": dl.moment_after(term.date).isoformat(),
            "remedy": remedies.remedy_text(model(data).objection, term.date)}


def remedy_name(data: dict[str, Any]) -> str:
    """The remedy's name for this case's legal model: bezwaar (Awb) or klacht (civil)."""
    return "Bezwaartermijn" if model(data).objection else "Klachttermijn"


def remedy_decision_term(data: dict[str, Any], *, committee: bool = False,
                         extension_weeks: int = 0) -> dl.Deadline:
    """Awb model: decide on the objection within 6 weeks (12 with an advisory committee,
    plus at most 6 when extended) after the objection term (Awb 7:10); civil model: the
    region's complaint term from the day the complaint was received."""
    if model(data).objection:
        return dl.objection_decision_deadline(date.fromisoformat(data["objection_last_day"]),
                                              committee=committee,
                                              extension_weeks=extension_weeks)
    return dl.term_deadline(date.fromisoformat(data["lodged_on"]),
                            weeks=COMPLAINT_DECISION_WEEKS, regime="contract",
                            label="De termijn voor de beslissing op de klacht (procedure)")


def remedy_decision_moments(data: dict[str, Any], *, committee: bool = False,
                            extension_weeks: int = 0) -> dict[str, Any]:
    term = remedy_decision_term(data, committee=committee, extension_weeks=extension_weeks)
    return {"remedy_decision_last_day": term.date.isoformat(),
            "remedy_decision_due": dl.moment_after(term.date).isoformat()}


CONTRACT_YEARS = 2
CONTRACT_EXTENSION_YEARS = 2
EXTENSION_NOTICE_MONTHS = 3  # contractual, counted backwards: no Atw
REMINDER_WEEKS = 4


def contract_term(start: date, extensions: int) -> dict[str, Any]:
    """A contract ends the day before an anniversary; the extension decision falls due
    three months before (a contractual term, counted backwards: no Atw)."""
    end = dl.contract_end(start, CONTRACT_YEARS + CONTRACT_EXTENSION_YEARS * extensions)
    decide_at = dl.extension_notice_date(end, months=EXTENSION_NOTICE_MONTHS)
    return {"extensions": extensions, "term_end": end.isoformat(),
            "term_end_at": dl.moment_after(end).isoformat(),
            "extension_decision_at": dl.moment_after(decide_at - timedelta(days=1)).isoformat()}


def transfer_reminder(data: dict[str, Any], today: date) -> dict[str, Any]:
    """A bridging case reminds the contract manager again four weeks on (contractual)."""
    last = dl.end_of_term(today, weeks=REMINDER_WEEKS, regime="contract")
    return {"transfer_rounds": data.get("transfer_rounds", 0) + 1,
            "reminder_at": dl.moment_after(last).isoformat()}
