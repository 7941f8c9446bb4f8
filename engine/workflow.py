"""In-memory operations on one workflow: start, complete, message, tick, inspect.

Every operation runs inside `command_scope`, which pins the clock and makes task ids a
function of (case, sequence number): replaying a command yields the same ids and
timestamps, so a replayed state can be compared with the stored one byte for byte. It
also gives the command's scripts their time and size allowance (engine.limits), so a
command and its replay are bounded alike.
"""

from __future__ import annotations

import hashlib
import itertools
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import SpiffWorkflow.bpmn.specs.event_definitions.timer as spiff_timer
import SpiffWorkflow.task as spiff_task
from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException, TaskNotFoundException
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.util.task import TaskState

from engine import clock, limits
from engine.errors import StepFailed, TaskNotReady
from engine.limits import ScriptError

MAX_STEP_ROUNDS = 50
MAX_TASKS = 600  # the library silently stops at tree depth 1000; alarm well before
_ids: ContextVar[Iterator[uuid.UUID] | None] = ContextVar("ids", default=None)


@dataclass(frozen=True)
class ReadyTask:
    task_id: str
    bpmn_id: str
    name: str
    lane: str | None
    process_id: str
    due_at: datetime | None = None


def _next_id() -> uuid.UUID:
    source = _ids.get()
    return next(source) if source is not None else uuid.uuid4()


def install_hooks() -> None:
    """Route the library's clock and id generation through us (idempotent)."""
    spiff_task.uuid4 = _next_id
    spiff_task.time = clock.EngineTime
    spiff_timer.datetime = clock.EngineDatetime


def _id_stream(seed: str) -> Iterator[uuid.UUID]:
    for n in itertools.count():
        digest = hashlib.sha256(f"{seed}/{n}".encode()).digest()
        yield uuid.UUID(bytes=digest[:16], version=4)


@contextmanager
def command_scope(seed: str, at: datetime) -> Iterator[None]:
    install_hooks()
    token = _ids.set(_id_stream(seed))
    try:
        with clock.pinned(at), limits.command_limits():
            yield
    finally:
        _ids.reset(token)


def new_workflow(spec: Any, subprocess_specs: dict[str, Any], script_engine: Any,
                 data: dict[str, Any]) -> BpmnWorkflow:
    workflow = BpmnWorkflow(spec, subprocess_specs, script_engine=script_engine)
    workflow.get_tasks(state=TaskState.READY)[0].data.update(data)
    return workflow


def run_steps(workflow: BpmnWorkflow, on_task: Callable[[Any], None]) -> None:
    """Run every engine task that can run; a failure names the task and the reason.

    do_engine_steps refreshes timers only at its end, so a timer reached after its moment
    becomes ready there and would wait, invisible to the worker, for some later command:
    step again until nothing but people's tasks is ready (bounded, like every loop).
    """
    try:
        for _ in range(MAX_STEP_ROUNDS):
            workflow.do_engine_steps(did_complete_task=on_task)
            if not _engine_task_ready(workflow):
                break
    except SpiffWorkflowException as err:
        task = getattr(err, "task", None)
        spec = task.task_spec if task is not None else None
        raise StepFailed((spec.bpmn_id if spec else None) or "?", _reason(err),
                         (spec.bpmn_name if spec else None) or _title(workflow)
                         ) from err
    except ScriptError as err:  # from an expression the library evaluates without a task
        raise StepFailed(workflow.spec.name, str(err), _title(workflow)) from err
    if len(workflow.tasks) > MAX_TASKS:
        raise StepFailed(workflow.spec.name, f"meer dan {MAX_TASKS} taken: lus zonder grens?",
                         _title(workflow))


def _engine_task_ready(workflow: BpmnWorkflow) -> bool:
    """Whether an engine task waits to run: a flat look at every task, not a tree walk."""
    for tasks in (workflow.tasks, *(sub.tasks for sub in workflow.subprocesses.values())):
        if any(t.state == TaskState.READY and not t.task_spec.manual for t in tasks.values()):
            return True
    return False


def _reason(err: SpiffWorkflowException) -> str:
    script_error = _script_error(err)
    if script_error is not None:
        return str(script_error)  # already a sentence for people
    inner = getattr(err, "exception", None)
    return f"{type(inner).__name__}: {inner}" if inner is not None else str(err)


def _script_error(err: BaseException) -> ScriptError | None:
    """The library wraps a script's error once or twice, as the context of its own."""
    cause: BaseException | None = err
    for _ in range(4):
        if cause is None or isinstance(cause, ScriptError):
            return cause
        cause = cause.__cause__ or cause.__context__
    return None


def ready_tasks(workflow: BpmnWorkflow) -> list[ReadyTask]:
    return [_ready(t) for t in workflow.get_tasks(state=TaskState.READY, manual=True)]


def ready_task(workflow: BpmnWorkflow, task_id: str) -> ReadyTask | None:
    """The open user task with this id, or None (found by id, without a tree walk)."""
    task = _find(workflow, task_id)
    if task is None or task.state != TaskState.READY or not task.task_spec.manual:
        return None
    return _ready(task)


def ready_and_status(workflow: BpmnWorkflow) -> tuple[list[ReadyTask], str]:
    """`ready_tasks` and `status` from one walk of the task tree (each walk visits every
    task; both filters walk alike, so the order of the ready tasks is the same)."""
    tasks = workflow.get_tasks(state=TaskState.READY | TaskState.WAITING)
    ready = [_ready(t) for t in tasks if t.state == TaskState.READY and t.task_spec.manual]
    if workflow.is_completed():
        return ready, _end_status(workflow) or "completed"
    found = (_property(t, "status") for t in tasks)
    return ready, next((value for value in found if value), "in_progress")


def _ready(task: Any) -> ReadyTask:
    spec = task.task_spec
    return ReadyTask(str(task.id), spec.bpmn_id, spec.bpmn_name or spec.bpmn_id, spec.lane,
                     task.workflow.spec.name, _due_at(task))


def _find(workflow: BpmnWorkflow, task_id: str) -> Any:
    if not _is_uuid(task_id):
        return None
    try:
        return workflow.get_task_from_id(uuid.UUID(task_id))
    except TaskNotFoundException:
        return None


def _due_at(task: Any) -> datetime | None:
    """A task names the data field that holds its due moment in its `due` property."""
    field = _property(task, "due")
    value = task.data.get(field) if field else None
    if not isinstance(value, str):
        return None
    moment: datetime = spiff_timer.TimerEventDefinition.get_datetime(value)
    return moment


def _title(workflow: BpmnWorkflow) -> str | None:
    """The process's name as drawn in the diagram (its `name` attribute)."""
    title = getattr(workflow.spec, "description", None)
    return title if isinstance(title, str) else None


def complete(workflow: BpmnWorkflow, task_id: str, data: dict[str, Any]) -> Any:
    task = _find(workflow, task_id)
    if task is None or task.state != TaskState.READY or not task.task_spec.manual:
        raise TaskNotReady(task_id)
    task.data.update(data)
    try:
        task.run()
    except SpiffWorkflowException as err:
        raise StepFailed(task.task_spec.bpmn_id, _reason(err),
                         task.task_spec.bpmn_name) from err
    return task


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def send_message(workflow: BpmnWorkflow, name: str, payload: dict[str, Any]) -> bool:
    """Deliver a message; False when nothing in the case waits for it."""
    waiting = {e.name for e in workflow.waiting_events()}
    if name not in waiting:
        return False
    workflow.send_event(BpmnEvent(MessageEventDefinition(name), payload))
    return True


def refresh_timers(workflow: BpmnWorkflow) -> None:
    workflow.refresh_timers()


def next_timer_at(workflow: BpmnWorkflow) -> datetime | None:
    moments = [
        spiff_timer.TimerEventDefinition.get_datetime(e.value)
        for e in workflow.waiting_events()
        if e.event_type != "MessageEventDefinition" and isinstance(e.value, str)
    ]
    return min(moments) if moments else None


def status(workflow: BpmnWorkflow) -> str:
    """The `status` property of the end event reached, else of the open step."""
    if workflow.is_completed():
        return _end_status(workflow) or "completed"
    for task in workflow.get_tasks(state=TaskState.READY | TaskState.WAITING):
        value = _property(task, "status")
        if value:
            return value
    return "in_progress"


def _end_status(workflow: BpmnWorkflow) -> str | None:
    ends = [t for t in workflow.tasks.values()
            if t.state == TaskState.COMPLETED and type(t.task_spec).__name__ == "EndEvent"]
    for task in ends:
        value = _property(task, "status")
        if value:
            return value
    return None


def _property(task: Any, name: str) -> str | None:
    props = getattr(task.task_spec, "extensions", {}).get("properties", {})
    value = props.get(name)
    return str(value) if value else None


def task_property(workflow: BpmnWorkflow, task_id: str, name: str) -> str | None:
    task = workflow.get_task_from_id(uuid.UUID(task_id))
    return _property(task, name) if task is not None else None


def task_data(workflow: BpmnWorkflow, task_id: str) -> dict[str, Any]:
    task = workflow.get_task_from_id(uuid.UUID(task_id))
    return dict(task.data) if task is not None else {}


def case_data(workflow: BpmnWorkflow) -> dict[str, Any]:
    """The data as the case knows it now (for showing one case, not for acting on it)."""
    if workflow.is_completed():
        return dict(workflow.data)
    # A waiting join holds no data and a finished parallel branch keeps its facts in its
    # completed tasks, so merge every task's data oldest first, open tasks last. Boundary
    # events are skipped: they keep the data of the moment their activity began.
    tasks = [t for t in workflow.get_tasks(
        state=TaskState.COMPLETED | TaskState.READY | TaskState.WAITING)
        if type(t.task_spec).__name__ != "BoundaryEvent"]
    tasks.sort(key=lambda t: (t.last_state_change, t.state == TaskState.READY))
    merged: dict[str, Any] = {}
    for task in tasks:
        merged.update(task.data)
    return merged
