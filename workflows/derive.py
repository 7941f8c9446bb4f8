"""Data a task completion adds besides the form: legal moments and who decided.

Computed here (never in BPMN scripts, which must not read the clock) and logged with
the command, so a replay uses the very same values.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from workflows import deadlines as dl
from workflows.actors import Actor
from workflows.deadlines import case_terms as terms
from workflows.errors import InvalidInput

CONTRACT_EXTENSION_YEARS = 2
EXTENSION_NOTICE_MONTHS = 3  # contractual, counted backwards: no Atw
REMINDER_WEEKS = 4

Deriver = Callable[[dict[str, Any], dict[str, Any], Actor, datetime], dict[str, Any]]


def _moment(last_day: date) -> str:
    return dl.moment_after(last_day).isoformat()


def _check_completeness(form: dict[str, Any], data: dict[str, Any], _a: Actor,
                        now: datetime) -> dict[str, Any]:
    if form["complete"]:
        return {}
    return terms.supplement_requested(data, dl.local_day(now))


def _supplement(_f: dict[str, Any], data: dict[str, Any], _a: Actor,
                now: datetime) -> dict[str, Any]:
    return terms.supplemented(data, dl.local_day(now))


def _prepare_views(_f: dict[str, Any], data: dict[str, Any], _a: Actor,
                   now: datetime) -> dict[str, Any]:
    return terms.views_requested(data, dl.local_day(now))


def _decide_lbb(form: dict[str, Any], data: dict[str, Any], _a: Actor,
                now: datetime) -> dict[str, Any]:
    if not form["request_lbb"]:
        return {"lbb_extended": False}
    return terms.lbb_requested(data, dl.local_day(now), extended=False)


def _lbb_extension(form: dict[str, Any], data: dict[str, Any], _a: Actor,
                   now: datetime) -> dict[str, Any]:
    if not form["lbb_extended"]:
        return {}
    return terms.lbb_requested(data, dl.local_day(now), extended=True)


def _lbb_advice(_f: dict[str, Any], _d: dict[str, Any], _a: Actor,
                now: datetime) -> dict[str, Any]:
    return {"lbb_advice_on": dl.local_day(now).isoformat()}


def _quality(form: dict[str, Any], data: dict[str, Any], _a: Actor,
             _now: datetime) -> dict[str, Any]:
    codes = _applied_only(form["subsegments_meeting_specific_criteria"], data,
                          "subsegments_meeting_specific_criteria")
    return {"subsegments_meeting_specific_criteria": codes}


def _decide_admission(form: dict[str, Any], data: dict[str, Any], actor: Actor,
                      now: datetime) -> dict[str, Any]:
    """The decision follows the procedure: a negative one only after views (Awb 4:8), not
    considering only when the application was incomplete (Awb 4:5)."""
    codes = _applied_only(form["admitted_subsegments"], data, "admitted_subsegments")
    outcome = form["outcome"]
    if (outcome == "not_considered") != (data.get("intended_outcome") == "not_considered"):
        raise InvalidInput("Buiten behandeling laten kan alleen (en moet) bij een aanvraag "
                           "die niet tijdig is aangevuld.", {"outcome": ["past niet"]})
    if outcome in ("refused", "partly_admitted") and "views_requested_on" not in data:
        raise InvalidInput("Vraag eerst een zienswijze (Awb 4:8) voordat u (deels) afwijst.",
                           {"outcome": ["eerst zienswijze vragen"]})
    if outcome == "admitted" and set(codes) != set(data.get("subsegments", [])):
        raise InvalidInput("Toelaten betekent: voor alle aangevraagde subsegmenten; "
                           "kies anders 'deels toegelaten'.", {"outcome": ["deels?"]})
    return {"admitted_subsegments": codes, "decided_by": actor.email,
            **terms.decided(data, dl.local_day(now))}


def _applied_only(codes: list[str], data: dict[str, Any], field: str) -> list[str]:
    unique = sorted(set(codes))
    stray = [c for c in unique if c not in data.get("subsegments", [])]
    if stray:
        raise InvalidInput("Alleen aangevraagde subsegmenten zijn mogelijk.",
                           {field: [f"niet aangevraagd: {c}" for c in stray]})
    return unique


def _decide_extension(form: dict[str, Any], data: dict[str, Any], _a: Actor,
                      _now: datetime) -> dict[str, Any]:
    if not form["extend"]:
        return {}
    return contract_term(date.fromisoformat(data["start_date"]), data["extensions"] + 1)


def contract_term(start: date, extensions: int) -> dict[str, Any]:
    """Ends the day before the anniversary; the extension moment is counted backwards."""
    end = dl.contract_end(start, 2 + CONTRACT_EXTENSION_YEARS * extensions)
    decide_at = dl.extension_notice_date(end, months=EXTENSION_NOTICE_MONTHS)
    return {"extensions": extensions, "term_end": end.isoformat(), "term_end_at": _moment(end),
            "extension_decision_at": dl.moment_after(decide_at - timedelta(days=1)).isoformat()}


def _client_transfer(_f: dict[str, Any], data: dict[str, Any], _a: Actor,
                     now: datetime) -> dict[str, Any]:
    last = dl.end_of_term(dl.local_day(now), weeks=REMINDER_WEEKS, regime="contract")
    return {"transfer_rounds": data.get("transfer_rounds", 0) + 1,
            "reminder_at": _moment(last)}


DERIVERS: dict[str, Deriver] = {
    "check_completeness": _check_completeness,
    "supplement_application": _supplement,
    "prepare_views_request": _prepare_views,
    "decide_lbb_request": _decide_lbb,
    "register_lbb_extension": _lbb_extension,
    "register_lbb_advice": _lbb_advice,
    "assess_quality_criteria": _quality,
    "decide_admission": _decide_admission,
    "decide_extension": _decide_extension,
    "register_client_transfer": _client_transfer,
}


def derive(bpmn_id: str, form: dict[str, Any], data: dict[str, Any], actor: Actor,
           now: datetime) -> dict[str, Any]:
    deriver = DERIVERS.get(bpmn_id)
    return deriver(form, data, actor, now) if deriver else {}
