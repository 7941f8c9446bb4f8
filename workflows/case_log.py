"""A case's event log as verification reads it, after its hash chain was found intact."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from engine.events import COMMAND_KINDS
from models import CaseEvent
from workflows.uow import UnitOfWork


@dataclass(frozen=True)
class Logged:
    seq: int
    kind: str
    actor: str
    at: datetime
    payload: dict[str, Any]
    hash: str


def read_log(uow: UnitOfWork, case_id: int) -> list[Logged]:
    rows = uow.session.execute(select(
        CaseEvent.seq, CaseEvent.kind, CaseEvent.actor, CaseEvent.at, CaseEvent.payload,
        CaseEvent.hash).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)).all()
    return [Logged(seq, kind, actor, at, _object(payload), digest)
            for seq, kind, actor, at, payload, digest in rows]


def _object(payload: str) -> dict[str, Any]:
    value = json.loads(payload)
    return value if isinstance(value, dict) else {}


def last_command_seq(log: list[Logged]) -> int:
    """The command whose save wrote the state and its projections as they stand."""
    return max((e.seq for e in log if e.kind in COMMAND_KINDS), default=1)


def service_calls(log: list[Logged], *services: str) -> list[tuple[Logged, dict[str, Any]]]:
    """The logged calls of these services, with their recorded results, in order."""
    calls = [(e, e.payload) for e in log if e.kind == "service_called"]
    return [(e, call) for e, call in calls if call.get("service") in services]
