"""Verification for auditors: every hash chain, and replay of a case against its state."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from engine import replay as engine_replay
from engine.errors import EngineError
from handlers.decisions import decision_record
from models import Case, CaseEvent, Decision, Letter
from workflows.access import require_read, require_role
from workflows.actors import Actor
from workflows.errors import DamagedLog
from workflows.uow import UnitOfWork

# What the database driver raises for a value its column type cannot hold (SQLite keeps
# any text in any column).
_UNREADABLE = (ValueError, TypeError, OverflowError)


@dataclass(frozen=True)
class BrokenChain:
    case_id: int
    seq: int


@dataclass(frozen=True)
class ReplayResult:
    case_id: int
    matches: bool
    steps: int


def verify_chains(uow: UnitOfWork, actor: Actor,
                  progress: Callable[[int], None] = lambda _n: None) -> BrokenChain | None:
    """Recompute every case's hash chain; the first case and sequence number that fail."""
    require_role(actor, "auditor", "admin", "system")
    for case_id in uow.session.scalars(select(Case.id).order_by(Case.id)).all():
        seq = (engine_replay.first_broken_link(uow.session, case_id)
               or _altered_decision(uow, case_id))
        progress(1)
        if seq is not None:
            return BrokenChain(case_id, seq)
    return None


def _altered_decision(uow: UnitOfWork, case_id: int) -> int | None:
    """The decision rows and the letters must still say what the log recorded when they
    were made."""
    events = uow.session.scalars(select(CaseEvent).where(
        CaseEvent.case_id == case_id, CaseEvent.kind == "service_called")
        .order_by(CaseEvent.seq)).all()
    for event in events:
        call = json.loads(event.payload)
        if call["service"] == "send_letter" and _altered_letters(uow, call["result"]):
            return event.seq
        if call["service"] != "record_decision":
            continue
        logged = call["result"]
        try:
            row = uow.session.get(Decision, logged.get("decision_id"))
        except _UNREADABLE:
            return event.seq  # a column no longer holds what the type allows
        current = decision_record(row) if row is not None else {}
        # Older logs hold fewer fields: compare what was logged.
        if row is None or {k: current.get(k) for k in logged} != logged:
            return event.seq
    return None


def _altered_letters(uow: UnitOfWork, result: dict[str, Any]) -> bool:
    """A letter's bytes must still hash to the sha256 logged when it was sent (older logs
    name no letters)."""
    for logged in result.get("letters", []):
        row = uow.session.get(Letter, logged["letter_id"])
        if row is None or hashlib.sha256(row.content).hexdigest() != logged["sha256"]:
            return True
    return False


def replay_case(uow: UnitOfWork, actor: Actor, *, case_id: int) -> ReplayResult:
    """Re-apply the case's log to a fresh workflow and compare with the stored state."""
    require_role(actor, "auditor", "admin", "system")
    try:
        case = require_read(actor, uow.session.get(Case, case_id))
    except _UNREADABLE as err:
        raise DamagedLog(f"De gegevens van zaak {case_id} zijn beschadigd: een kolom is "
                         "onleesbaar.") from err
    try:
        steps = list(engine_replay.replay_steps(uow.session, case_id))
    except EngineError as err:
        raise DamagedLog(f"Het log van zaak {case_id} is beschadigd: {err}.") from err
    state = steps[-1].state if steps else ""
    return ReplayResult(case_id, state == case.state, len(steps))


def case_ids(uow: UnitOfWork, actor: Actor) -> list[int]:
    """Every case id, for auditors and the system (verification runs over all)."""
    require_role(actor, "auditor", "admin", "system")
    return list(uow.session.scalars(select(Case.id).order_by(Case.id)).all())
