"""Replay and verification: the event log is the truth, the stored state a cache of it.

Replaying re-applies each logged command to a fresh workflow of the pinned spec at its
recorded instant; service tasks get their recorded results, so nothing is sent again.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from SpiffWorkflow.bpmn import BpmnWorkflow
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import serializer, store
from engine import workflow as wf_ops
from engine.commands import Command, apply
from engine.errors import EngineError
from engine.events import COMMAND_KINDS, GENESIS, chain_hash, event_body
from engine.scripting import ScriptEngine
from engine.specs import SpecSource, parse_bundle
from models import Case, CaseEvent


class ReplayMismatch(EngineError):
    """The log cannot be re-applied: damaged, or not what the pinned spec can run; `seq`
    names the event where that showed, when one does."""

    def __init__(self, message: str, seq: int | None = None) -> None:
        super().__init__(message)
        self.seq = seq


class LoggedEvent(Protocol):
    """An event as logged: a database row, or a line of an exported dossier."""

    @property
    def seq(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def payload(self) -> str: ...


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


def _commands(events: Sequence[LoggedEvent]
              ) -> Iterator[tuple[LoggedEvent, dict[str, Any], list[dict[str, Any]]]]:
    """Each command with its payload and the service results recorded right after it."""
    for index, event in enumerate(events):
        if event.kind not in COMMAND_KINDS:
            continue
        results = []
        for later in events[index + 1:]:
            if later.kind in COMMAND_KINDS:
                break
            if later.kind == "service_called":
                results.append(_payload(later))
        yield event, _payload(event), results


def _payload(event: LoggedEvent) -> dict[str, Any]:
    try:
        value = json.loads(event.payload)
    except ValueError as err:
        raise ReplayMismatch(f"de gegevens bij volgnummer {event.seq} zijn geen geldige "
                             "JSON", event.seq) from err
    if not isinstance(value, dict):
        raise ReplayMismatch(f"de gegevens bij volgnummer {event.seq} zijn geen JSON-object",
                             event.seq)
    return value


def replay_steps(session: Session, case_id: int) -> Iterator[ReplayStep]:
    """Re-apply the case's commands one by one; a log that cannot be re-applied (damaged
    payload, no 'started' first, a command the workflow refuses) raises ReplayMismatch
    naming the sequence number."""
    case = session.get(Case, case_id)
    if case is None:
        raise EngineError(f"zaak {case_id} bestaat niet")
    spec, subs = store.load_bundle(session, case.spec_hash).spec_for(case.process_id)
    yield from replay_log(case_id, spec, subs, _readable(session, case_id))


def replay_sources(case_id: int, process_id: str, sources: list[SpecSource],
                   events: Sequence[LoggedEvent]) -> Iterator[ReplayStep]:
    """Replay without a database: the spec files and the log as exported."""
    spec, subs = parse_bundle(sources).spec_for(process_id)
    yield from replay_log(case_id, spec, subs, events)


def replay_log(case_id: int, spec: Any, subs: Any, events: Sequence[LoggedEvent]
               ) -> Iterator[ReplayStep]:
    """The replay itself, on a parsed spec and the events in order."""
    workflow: BpmnWorkflow | None = None
    for event, payload, results in _commands(events):
        if (workflow is None) != (event.kind == "started"):
            raise ReplayMismatch(f"het log begint niet met precies één 'started' "
                                 f"(volgnummer {event.seq} is '{event.kind}')", event.seq)
        try:
            workflow, state = _replay_command(workflow, spec, subs, case_id, event, payload,
                                              results)
        except ReplayMismatch as err:
            raise ReplayMismatch(str(err), err.seq or event.seq) from err
        except Exception as err:  # whatever a damaged payload makes SpiffWorkflow raise
            raise ReplayMismatch(f"volgnummer {event.seq} ('{event.kind}') laat zich niet "
                                 "opnieuw toepassen", event.seq) from err
        yield ReplayStep(event.seq, event.kind, event.actor, state, wf_ops.status(workflow))
    if workflow is None:
        raise ReplayMismatch("het log bevat geen 'started'")


_UNREADABLE = (ValueError, TypeError, OverflowError)


def _readable(session: Session, case_id: int, upto: int | None = None) -> list[CaseEvent]:
    """The log's rows in order; a value the database cannot hand back (a time that is no
    time) is damage, reported with the sequence number of its row."""
    stmt = select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
    if upto is not None:
        stmt = stmt.where(CaseEvent.seq <= upto)
    try:
        return list(session.scalars(stmt))
    except _UNREADABLE as err:
        seq = _first_unreadable(session, case_id)
        raise ReplayMismatch(f"een gegeven bij volgnummer {seq} is onleesbaar", seq) from err


def _replay_command(workflow: BpmnWorkflow | None, spec: Any, subs: Any, case_id: int,
                    event: LoggedEvent, payload: dict[str, Any],
                    results: list[dict[str, Any]]) -> tuple[BpmnWorkflow, str]:
    engine = ScriptEngine(RecordedServices(results))
    with wf_ops.command_scope(f"case/{case_id}/command/{event.seq}", event.at):
        if workflow is None:
            workflow = wf_ops.new_workflow(spec, subs, engine, payload["data"])
        else:
            workflow.script_engine = engine
            apply(workflow, Command(event.kind, payload))
        wf_ops.run_steps(workflow, lambda _task: None)
        return workflow, serializer.dump(workflow)


def _first_unreadable(session: Session, case_id: int) -> int:
    """The sequence number of the first row whose values cannot be read back."""
    seqs = session.scalars(select(CaseEvent.seq).where(CaseEvent.case_id == case_id)
                           .order_by(CaseEvent.seq)).all()
    for seq in seqs:
        try:
            session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id,
                                                    CaseEvent.seq == seq)).one()
        except _UNREADABLE:
            return seq
    return seqs[0] if seqs else 1


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
    try:
        events = _readable(session, case_id, upto=head[0] if head else 0)
    except ReplayMismatch:
        return _first_unreadable(session, case_id)
    for event in events:
        try:
            payload = json.loads(event.payload)
        except ValueError:
            return event.seq  # no longer the JSON that was hashed
        if event.seq != expected_seq:
            return expected_seq  # a gap: this event was deleted (or renumbered away)
        body = event_body(case_id, event.seq, event.kind, event.actor, event.at, payload)
        if event.prev_hash != prev or chain_hash(prev, body) != event.hash:
            return event.seq
        prev, expected_seq = event.hash, expected_seq + 1
    if head is not None and (head[0], head[1]) != (expected_seq - 1, prev):
        return expected_seq  # events were cut off the end of the log
    return None
