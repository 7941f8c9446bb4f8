"""Verification for auditors: every case at once, and replay of a case against its state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engine import replay as engine_replay
from engine.errors import EngineError
from models import Case
from workflows import verification
from workflows.access import require_read, require_role
from workflows.actors import Actor
from workflows.errors import DamagedLog
from workflows.record_checks import UNREADABLE as _UNREADABLE
from workflows.uow import UnitOfWork


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
    """Verify every case without replay (see workflows.verification); the first case
    found altered and the sequence number where."""
    require_role(actor, "auditor", "admin", "system")
    for verdict in verification.verify_cases(uow, actor, progress=progress):
        if verdict.seq is not None:
            return BrokenChain(verdict.case_id, verdict.seq)
    return None


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
