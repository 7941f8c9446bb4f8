"""The records the procedure writes beside the log (decisions, awards, contracts,
bridging agreements, letters) held against what the log recorded when they were made.

Each check returns the sequence number of the event that vouches for the altered record,
or None when every record still says what was logged.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from handlers.decisions import decision_record
from models import Award, BridgingAgreement, Case, Contract, Decision, Letter, Subsegment
from workflows.case_log import Logged, read_log, service_calls
from workflows.uow import UnitOfWork

# What the database driver raises for a value its column type cannot hold (SQLite keeps
# any text in any column).
UNREADABLE = (ValueError, TypeError, OverflowError)
# Service tasks that write a decision row (an upheld objection writes one in its parent).
DECISION_SERVICES = frozenset({"record_decision", "record_remedy_decision"})
EXTENSION = "record_contract_extension"


def altered_records(uow: UnitOfWork, case: Case, log: list[Logged]) -> int | None:
    for check in (_letters, _decisions, _extensions, _unclaimed_decisions, _awards,
                  _contract, _bridging):
        seq = check(uow, case, log)
        if seq is not None:
            return seq
    return None


def _letters(uow: UnitOfWork, case: Case, log: list[Logged]) -> int | None:
    """A letter's bytes must still hash to the sha256 logged when it was sent (older logs
    name no letters)."""
    for event, call in service_calls(log, "send_letter"):
        for logged in call["result"].get("letters", []):
            row = uow.session.get(Letter, logged["letter_id"])
            if row is None or hashlib.sha256(row.content).hexdigest() != logged["sha256"]:
                return event.seq
    return None


def _decisions(uow: UnitOfWork, case: Case, log: list[Logged]) -> int | None:
    """Admission and remedy decisions: as logged, taken at the command's moment, with no
    expiry and never revoked (no use case revokes one yet: a revocation will be an event
    and this check will learn it)."""
    for event, call in service_calls(log, *DECISION_SERVICES):
        logged = call["result"]
        row = uow.session.get(Decision, logged.get("decision_id"))
        if row is None:
            return event.seq
        current = decision_record(row)
        # Older logs hold fewer fields: compare what was logged.
        if ({k: current.get(k) for k in logged} != logged or row.decided_at != event.at
                or row.expiry_date is not None or _revoked(row)):
            return event.seq
    return None


def _revoked(row: Decision) -> bool:
    return row.revoked_at is not None or row.revoked_reason is not None


def _extensions(uow: UnitOfWork, case: Case, log: list[Logged]) -> int | None:
    """Each extension of a contract is a decision row of the contract case, in the order
    of the logged extensions: from the day after the previous end to the logged end."""
    rows = list(uow.session.scalars(select(Decision).where(
        Decision.case_id == case.id, Decision.kind == "contract_extension")
        .order_by(Decision.id)))
    calls = service_calls(log, EXTENSION)
    previous_end = _started_data(log).get("term_end")
    for index, (event, call) in enumerate(calls):
        row = rows[index] if index < len(rows) else None
        ends_on = call["result"].get("ends_on")
        expected = {"outcome": "extended", "expiry_date": ends_on, "decided_at": event.at,
                    "decided_by": event.actor, "effective_date": _day_after(previous_end)}
        if row is None or _revoked(row) or _extension_fields(row) != expected:
            return event.seq
        previous_end = ends_on
    return None if len(rows) <= len(calls) else _last_seq(log)


def _extension_fields(row: Decision) -> dict[str, Any]:
    return {"outcome": row.outcome, "decided_at": row.decided_at, "decided_by": row.decided_by,
            "expiry_date": row.expiry_date.isoformat() if row.expiry_date else None,
            "effective_date": row.effective_date.isoformat() if row.effective_date else None}


def _day_after(day: Any) -> str | None:
    if not isinstance(day, str):
        return None
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def _logged_decisions(uow: UnitOfWork, case: Case,
                      log: list[Logged]) -> dict[int, tuple[int | None, dict[str, Any]]]:
    """{decision id: (sequence number in this log or None, logged outcome per subsegment)}
    for every decision this case or one of its remedy cases logged."""
    found: dict[int, tuple[int | None, dict[str, Any]]] = {}
    children = uow.session.scalars(select(Case.id).where(Case.parent_case_id == case.id))
    for child in children:
        for _event, call in service_calls(read_log(uow, child), *DECISION_SERVICES):
            found[call["result"].get("decision_id")] = (
                None, call["result"].get("outcome_per_subsegment") or {})
    for event, call in service_calls(log, *DECISION_SERVICES):
        found[call["result"].get("decision_id")] = (
            event.seq, call["result"].get("outcome_per_subsegment") or {})
    return found


def _unclaimed_decisions(uow: UnitOfWork, case: Case, log: list[Logged]) -> int | None:
    """Every admission or remedy decision row of this case was logged by this case or by
    one of its remedy cases; a row nobody logged was put there."""
    claimed = _logged_decisions(uow, case, log)
    rows = uow.session.scalars(select(Decision.id).where(
        Decision.case_id == case.id, Decision.kind != "contract_extension"))
    return _last_seq(log) if set(rows) - set(claimed) else None


def _awards(uow: UnitOfWork, case: Case, log: list[Logged]) -> int | None:
    """An award belongs to a logged decision of this case that admitted its subsegment, and
    every subsegment such a decision admitted has an award (an altered decision row is
    the decision check's finding, in the case that logged it; a remedy case's decision
    belongs to its admission case, checked there)."""
    own = set(uow.session.scalars(select(Decision.id).where(Decision.case_id == case.id)))
    logged = {k: v for k, v in _logged_decisions(uow, case, log).items() if k in own}
    awards = uow.session.execute(select(Award.decision_id, Subsegment.code).join(
        Subsegment, Subsegment.id == Award.subsegment_id).join(
        Decision, Decision.id == Award.decision_id).where(Decision.case_id == case.id)).all()
    for decision_id, code in awards:
        seq, admitted = logged.get(decision_id, (None, {}))
        if admitted.get(code) != "admitted":
            return seq or _last_seq(log)
    awarded = {code for _, code in awards}
    for seq, admitted in logged.values():
        if {c for c, outcome in admitted.items() if outcome == "admitted"} - awarded:
            return seq or _last_seq(log)
    return None


def _contract(uow: UnitOfWork, case: Case, log: list[Logged]) -> int | None:
    """A contract case's contract: started as logged, its end and extensions as the last
    logged extension left them, ended when the log says so."""
    if case.process_id != "contract":
        return None
    data = _started_data(log)
    row = uow.session.scalars(select(Contract).where(Contract.case_id == case.id)).first()
    expected = {"id": data.get("contract_id"), "starts_on": data.get("start_date"),
                "ends_on": data.get("term_end"), "extensions": 0, "ended_on": None}
    at = 1
    for event, call in service_calls(log, EXTENSION, "record_contract_end"):
        result = call["result"]
        expected.update({k: v for k, v in result.items() if k in expected})
        at = event.seq
    if row is None:
        return 1
    actual = {"id": row.id, "starts_on": row.starts_on.isoformat(),
              "ends_on": row.ends_on.isoformat(), "extensions": row.extensions,
              "ended_on": row.ended_on.isoformat() if row.ended_on else None}
    return None if actual == expected else at


def _bridging(uow: UnitOfWork, case: Case, log: list[Logged]) -> int | None:
    """A bridging case's agreement: its clients and term as started, its end as logged."""
    if case.process_id != "bridging":
        return None
    data = _started_data(log)
    row = uow.session.scalars(select(BridgingAgreement).where(
        BridgingAgreement.case_id == case.id)).first()
    expected = {"id": data.get("bridging_id"), "clients": data.get("clients_remaining"),
                "starts_on": data.get("bridging_start"),
                "ends_on": data.get("bridging_last_day"), "ended_on": None, "reason": None}
    at = 1
    for event, call in service_calls(log, "record_bridging_end"):
        expected.update(call["result"])
        at = event.seq
    if row is None:
        return 1
    actual = {"id": row.id, "clients": row.clients, "starts_on": row.starts_on.isoformat(),
              "ends_on": row.ends_on.isoformat(),
              "ended_on": row.ended_on.isoformat() if row.ended_on else None,
              "reason": row.end_reason}
    return None if actual == expected else at


def _started_data(log: list[Logged]) -> dict[str, Any]:
    started = next((e for e in log if e.kind == "started"), None)
    data = started.payload.get("data") if started else None
    return data if isinstance(data, dict) else {}


def _last_seq(log: list[Logged]) -> int:
    return log[-1].seq if log else 1
