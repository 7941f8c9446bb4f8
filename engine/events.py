"""The event log: canonical JSON and the hash chain over it."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

GENESIS = "0" * 64
COMMAND_KINDS = frozenset({"started", "task_completed", "message", "tick"})


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"niet serialiseerbaar: {type(value).__name__}")


def canonical(value: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=_default)


def event_body(case_id: int, seq: int, kind: str, actor: str, at: datetime,
               payload: dict[str, Any]) -> dict[str, Any]:
    return {"case": case_id, "seq": seq, "kind": kind, "actor": actor,
            "at": at.isoformat(), "payload": payload}


def chain_hash(prev_hash: str, body: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(body)).encode()).hexdigest()
