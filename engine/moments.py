"""A case as it stood after a given event: its log replayed up to there, read back as
phase, open tasks and data (for auditors looking at a past moment)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from engine import serializer, store
from engine import workflow as wf_ops
from engine.replay import ReplayStep, replay_steps
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
    """The case after its events up to `upto_seq`; None before it started."""
    return snapshots_at(session, case_id, [upto_seq])[upto_seq]


def snapshots_at(session: Session, case_id: int, seqs: list[int]
                 ) -> dict[int, Snapshot | None]:
    """`snapshot_at` for several sequence numbers in one replay from the start (a state is
    never stored per event), stopping after the last one asked for."""
    wanted = sorted(set(seqs))
    found: dict[int, Snapshot | None] = dict.fromkeys(wanted)
    last = None
    pending = list(wanted)
    steps = replay_steps(session, case_id)
    for step in steps:
        while pending and step.seq > pending[0]:
            found[pending.pop(0)] = _read(session, case_id, last)
        if not pending:
            break
        last = step
    for seq in pending:
        found[seq] = _read(session, case_id, last)
    return found


def _read(session: Session, case_id: int, step: ReplayStep | None) -> Snapshot | None:
    if step is None:
        return None
    case = session.get(Case, case_id)
    assert case is not None  # replay_steps refused a missing case
    spec, subs = store.load_bundle(session, case.spec_hash).spec_for(case.process_id)
    workflow = serializer.load(step.state, spec, subs)
    ready, status = wf_ops.ready_and_status(workflow)
    return Snapshot(step.seq, status, workflow.is_completed(), wf_ops.case_data(workflow),
                    tuple(ready), step.state)
