"""Replay and verification: the event log is the truth, the stored state a cache of it.

Replaying re-applies each logged command to a fresh workflow of the pinned spec at its
recorded instant; service tasks get their recorded results, so nothing is sent again.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import serializer, store
from engine import workflow as wf_ops
from engine.commands import Command, apply
from engine.errors import EngineError
from engine.events import COMMAND_KINDS, GENESIS, chain_hash, event_body
from engine.scripting import ScriptEngine
from models import Case, CaseEvent


class ReplayMismatch(EngineError):
    pass


@dataclass(frozen=True)
class ReplayStep:
    seq: int
    kind: str
    actor: str
    state: str
    status: str


class RecordedServices:
    def __init__(self, results: list[dict[str, Any]]) -> None:
        self.queue = deque(results)

    def __call__(self, name: str, params: dict[str, Any], context: dict[str, Any]) -> Any:
        if not self.queue or self.queue[0]["service"] != name:
            raise ReplayMismatch(f"service {name} werd niet zo vastgelegd")
        return self.queue.popleft()["result"]


def _commands(events: list[CaseEvent]) -> Iterator[tuple[CaseEvent, list[dict[str, Any]]]]:
    """Each command with the service results recorded right after it."""
    for index, event in enumerate(events):
        if event.kind not in COMMAND_KINDS:
            continue
        results = []
        for later in events[index + 1:]:
            if later.kind in COMMAND_KINDS:
                break
            if later.kind == "service_called":
                results.append(json.loads(later.payload))
        yield event, results


def replay_steps(session: Session, case_id: int) -> Iterator[ReplayStep]:
    case = session.get(Case, case_id)
    if case is None:
        raise EngineError(f"zaak {case_id} bestaat niet")
    spec, subs = store.load_bundle(session, case.spec_hash).spec_for(case.process_id)
    events = list(session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)
                                  .order_by(CaseEvent.seq)))
    workflow = None
    for event, results in _commands(events):
        payload = json.loads(event.payload)
        engine = ScriptEngine(RecordedServices(results))
        with wf_ops.command_scope(f"case/{case_id}/command/{event.seq}", event.at):
            if event.kind == "started":
                workflow = wf_ops.new_workflow(spec, subs, engine, payload["data"])
            elif workflow is None:
                raise ReplayMismatch("het log begint niet met 'started'")
            else:
                workflow.script_engine = engine
                apply(workflow, Command(event.kind, payload))
            wf_ops.run_steps(workflow, lambda _task: None)
            state = serializer.dump(workflow)
        yield ReplayStep(event.seq, event.kind, event.actor, state, wf_ops.status(workflow))


def replay(session: Session, case_id: int) -> str:
    """The state the log produces; equal to the stored state unless something was altered."""
    state = ""
    for step in replay_steps(session, case_id):
        state = step.state
    return state


def first_broken_link(session: Session, case_id: int) -> int | None:
    """Recompute the hash chain; the sequence number of the first event that fails."""
    prev = GENESIS
    expected_seq = 1
    # The head first: a command committing meanwhile adds events past it, not before it.
    head = session.execute(select(Case.event_seq, Case.event_hash)
                           .where(Case.id == case_id)).first()
    events = session.scalars(select(CaseEvent).where(
        CaseEvent.case_id == case_id, CaseEvent.seq <= (head[0] if head else 0))
        .order_by(CaseEvent.seq))
    for event in events:
        body = event_body(case_id, event.seq, event.kind, event.actor, event.at,
                          json.loads(event.payload))
        if (event.seq != expected_seq or event.prev_hash != prev
                or chain_hash(prev, body) != event.hash):
            return event.seq
        prev, expected_seq = event.hash, expected_seq + 1
    if head is not None and (head[0], head[1]) != (expected_seq - 1, prev):
        return expected_seq  # events were cut off the end of the log
    return None
