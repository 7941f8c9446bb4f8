"""A case as it stood after a given event: its log replayed up to there, read back as
phase, open tasks and data (for auditors looking at a past moment)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from engine import serializer, store
from engine import workflow as wf_ops
from engine.replay import replay_steps
from engine.workflow import ReadyTask
from models import Case


@dataclass(frozen=True)
class Snapshot:
    seq: int  # the last command re-applied
    status: str
    completed: bool
    data: dict[str, Any]
    tasks: tuple[ReadyTask, ...]
    state: str


def snapshot_at(session: Session, case_id: int, upto_seq: int) -> Snapshot | None:
    """The case after its events up to `upto_seq`; None before it started. Replays from the
    start (a state is never stored per event), stopping at the first later command."""
    last = None
    for step in replay_steps(session, case_id):
        if step.seq > upto_seq:
            break
        last = step
    if last is None:
        return None
    case = session.get(Case, case_id)
    assert case is not None  # replay_steps refused a missing case
    spec, subs = store.load_bundle(session, case.spec_hash).spec_for(case.process_id)
    workflow = serializer.load(last.state, spec, subs)
    ready, status = wf_ops.ready_and_status(workflow)
    return Snapshot(last.seq, status, workflow.is_completed(), wf_ops.case_data(workflow),
                    tuple(ready), last.state)
