"""One command = one transaction: lock, load, act, step, save, project, log.

The caller owns the transaction: an exception here leaves the session to be rolled
back, and the stored state, the projections and the log stay as they were.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from sqlalchemy.orm import Session

from engine import clock, serializer, store
from engine import workflow as wf_ops
from engine.errors import EngineError, TaskNotReady
from engine.events import canonical
from engine.scripting import ScriptEngine, ServiceCaller
from engine.store import PendingEvent
from engine.workflow import ReadyTask
from models import Case


@dataclass(frozen=True)
class Command:
    """What is logged and replayed: kind is task_completed, message or tick."""

    kind: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    case_id: int
    status: str
    completed: bool
    changed: bool
    ready: list[ReadyTask]
    completed_task: ReadyTask | None = None
    data: dict[str, Any] | None = None  # the case data after the command, when asked for


@dataclass
class Recorder:
    """Calls services and records their results and every DMN evaluation as events."""

    services: ServiceCaller
    events: list[PendingEvent] = field(default_factory=list)

    def call(self, name: str, params: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
        result = _as_logged(self.services(name, params, context))
        self.events.append(PendingEvent("service_called",
                                        {"service": name, "params": params, "result": result}))
        return result

    def on_task(self, task: Any) -> None:
        engine = getattr(task.task_spec, "dmnEngine", None)
        if engine is not None:
            self.events.append(PendingEvent("dmn_evaluated", _dmn_record(task, engine)))


def _dmn_record(task: Any, engine: Any) -> dict[str, Any]:
    table = engine.decision_table
    script = task.workflow.script_engine
    inputs = {i.expression: script.evaluate(task, i.expression) for i in table.inputs}
    outputs = {o.name: task.data.get(o.name) for o in table.outputs}
    decision = task.task_spec.extensions.get("calledDecisionId") or table.id
    return {"task": task.task_spec.bpmn_id, "decision": decision, "table": table.id,
            "inputs": inputs, "outputs": outputs}


def start_case(session: Session, case: Case, *, actor: str, data: dict[str, Any],
               services: ServiceCaller) -> Outcome:
    """Start the case's process with its start data; `case` is new and flushed."""
    at = clock.now()
    data = _as_logged(data)
    spec, subs = store.load_bundle(session, case.spec_hash).spec_for(case.process_id)
    recorder = Recorder(services)
    with wf_ops.command_scope(_seed(case.id, 1), at):
        workflow = wf_ops.new_workflow(spec, subs, ScriptEngine(recorder.call), data)
        wf_ops.run_steps(workflow, recorder.on_task)
        state = serializer.dump(workflow)
        ready, status = wf_ops.ready_and_status(workflow)
    started = PendingEvent("started", {"process": case.process_id, "spec": case.spec_hash,
                                       "data": data})
    return _save(session, case, workflow, Saved(state, status, ready), at, actor,
                 [started, *recorder.events])


Prepare = Callable[[dict[str, Any]], dict[str, Any]]


def execute(session: Session, case_id: int, *, actor: str, command: Command,
            services: ServiceCaller, prepare: Prepare | None = None,
            with_data: bool = False) -> Outcome:
    """Run one command; `prepare` may add data computed from the task's current data;
    `with_data` hands back the case data after it, so no caller loads the state again."""
    case = store.lock_case(session, case_id)
    if case is None:
        raise EngineError(f"zaak {case_id} bestaat niet")
    at = clock.now()
    seq = case.event_seq
    spec, subs = store.load_bundle(session, case.spec_hash).spec_for(case.process_id)
    recorder = Recorder(services)
    with wf_ops.command_scope(_seed(case.id, seq + 1), at):
        workflow = serializer.load(case.state, spec, subs)
        workflow.script_engine = ScriptEngine(recorder.call)
        if prepare is not None and command.kind == "task_completed":
            command = _prepared(workflow, command, prepare)
        command = Command(command.kind, _as_logged(command.payload))
        done = apply(workflow, command)
        wf_ops.run_steps(workflow, recorder.on_task)
        state = serializer.dump(workflow)
        ready, status = wf_ops.ready_and_status(workflow)
        data = wf_ops.case_data(workflow) if with_data else None
    if command.kind == "tick" and state == case.state:
        return Outcome(case.id, case.status, case.completed, False, ready, data=data)
    events = [PendingEvent(command.kind, command.payload), *recorder.events]
    outcome = _save(session, case, workflow, Saved(state, status, ready), at, actor, events,
                    done)
    return replace(outcome, data=data)


def apply(workflow: BpmnWorkflow, command: Command) -> ReadyTask | None:
    """Apply one logged command to a loaded workflow (also used by replay)."""
    if command.kind == "task_completed":
        task_id = command.payload["task_id"]
        done = wf_ops.ready_task(workflow, task_id)
        if done is None:
            raise TaskNotReady(task_id)
        wf_ops.complete(workflow, task_id, command.payload["data"])
        return done
    if command.kind == "message":
        if not wf_ops.send_message(workflow, command.payload["name"], command.payload["data"]):
            raise TaskNotReady(command.payload["name"])
        return None
    if command.kind == "tick":
        wf_ops.refresh_timers(workflow)
        return None
    raise EngineError(f"onbekend commando {command.kind}")


def _prepared(workflow: BpmnWorkflow, command: Command, prepare: Prepare) -> Command:
    task_id = command.payload["task_id"]
    if wf_ops.ready_task(workflow, task_id) is None:
        raise TaskNotReady(task_id)
    extra = prepare(wf_ops.task_data(workflow, task_id))
    return Command(command.kind, {**command.payload, "data": {**command.payload["data"], **extra}})


def _as_logged(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload exactly as the log will give it back to a replay (key order included)."""
    value: dict[str, Any] = json.loads(canonical(payload))
    return value


def _seed(case_id: int, seq: int) -> str:
    return f"case/{case_id}/command/{seq}"


@dataclass(frozen=True)
class Saved:
    """What a command leaves behind: the dumped state, its status and the open tasks."""

    state: str
    status: str
    ready: list[ReadyTask]


def _save(session: Session, case: Case, workflow: BpmnWorkflow, saved: Saved, at: datetime,
          actor: str, events: list[PendingEvent], done: ReadyTask | None = None) -> Outcome:
    open_rows = store.open_human_tasks(session, case.id)
    case.state = saved.state
    case.status = saved.status
    case.completed = workflow.is_completed()
    case.next_timer_at = wf_ops.next_timer_at(workflow)
    case.updated_at = at
    store.sync_human_tasks(session, case, open_rows, saved.ready, at, actor,
                           done.task_id if done else None)
    store.append_events(session, case.id, actor, at, events)
    session.flush()  # one UPDATE of the case (one version step), its tasks and events
    return Outcome(case.id, case.status, case.completed, True, saved.ready, done)


def current_data(session: Session, case: Case) -> dict[str, Any]:
    """The case's data as it stands (one load; for views of a single case, not lists)."""
    spec, subs = store.load_bundle(session, case.spec_hash).spec_for(case.process_id)
    return wf_ops.case_data(serializer.load(case.state, spec, subs))
