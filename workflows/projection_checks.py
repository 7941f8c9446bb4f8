"""The projections (the case row's status, completion and next timer; the task rows and
their due dates) recomputed from the stored state and the log, and held against what the
tables say.

Each check returns the sequence number of the event that should have written the row as
it stands, or None when every row agrees.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engine.events import COMMAND_KINDS
from engine.projection import Projection, stored_projection
from models import Case, HumanTask
from workflows.case_log import Logged, last_command_seq
from workflows.deadlines import case_terms, moment_after
from workflows.tasks import DECISION_TERM_TASKS
from workflows.uow import UnitOfWork


def altered_projections(uow: UnitOfWork, case: Case, log: list[Logged]) -> int | None:
    """The stored state's projections against the rows; then each task row's history
    against the commands and hand-overs in the log."""
    last = last_command_seq(log)
    started = next((e.payload for e in log if e.kind == "started"), {})
    if (case.process_id, case.spec_hash) != (started.get("process"), started.get("spec")):
        return 1
    implied = stored_projection(uow.session, case.id)
    if ((case.status, case.completed, case.next_timer_at)
            != (implied.status, implied.completed, implied.next_timer_at)):
        return last
    rows = list(uow.session.scalars(select(HumanTask).where(HumanTask.case_id == case.id)))
    open_rows = {r.task_id: (r.bpmn_id, r.name, r.process_id, r.lane)
                 for r in rows if r.completed_at is None}
    ready = {t.task_id: (t.bpmn_id, t.name, t.process_id, t.lane) for t in implied.ready}
    if open_rows != ready or not _dues_as_implied(rows, implied, log):
        return last
    return _task_history(rows, log, last)


def _dues_as_implied(rows: list[HumanTask], implied: Projection, log: list[Logged]) -> bool:
    """An open task is due when its data says, or (a decision task after the decision
    term was extended by notice) at the end of the extended term."""
    due = {t.task_id: t.due_at for t in implied.ready}
    weeks = sum(int(e.payload.get("weeks", 0)) for e in log
                if e.kind == "decision_term_extended")
    extended = None
    if weeks and "received_on" in implied.data:
        extended = moment_after(case_terms.decision_term(
            {**implied.data, "decision_extension_weeks": weeks}).date)
    return all(row.due_at == due.get(row.task_id)
               or (row.bpmn_id in DECISION_TERM_TASKS and row.due_at == extended)
               for row in rows if row.completed_at is None)


def _task_history(rows: list[HumanTask], log: list[Logged], last: int) -> int | None:
    """A task row opens at a command, is closed by one (done by the actor of its
    task_completed event, or cancelled), and has the assignee its last hand-over gave it."""
    command_at = {e.at for e in log if e.kind in COMMAND_KINDS}
    done = {e.payload.get("task_id"): e for e in log if e.kind == "task_completed"}
    handed = _hand_overs(log)
    seen_done = set()
    for row in rows:
        hand_over = handed.get(row.task_id)
        assignee = hand_over.payload.get("assignee") if hand_over else None
        if row.assignee != assignee:
            return hand_over.seq if hand_over else last
        event = done.get(row.task_id)
        if row.created_at not in command_at:
            return event.seq if event else last
        if row.completed_at is None:
            continue
        if row.outcome == "completed":
            seen_done.add(row.task_id)
        if _closed_as_logged(row, event, command_at):
            continue
        return event.seq if event else last
    missing = [e.seq for task_id, e in done.items() if task_id not in seen_done]
    return min(missing, default=None)


def _closed_as_logged(row: HumanTask, event: Logged | None,
                      command_at: set[Any]) -> bool:
    if event is not None:
        return (row.outcome, row.completed_by, row.completed_at) == (
            "completed", event.actor, event.at)
    return (row.outcome == "cancelled" and row.completed_by is None
            and row.completed_at in command_at)


def _hand_overs(log: list[Logged]) -> dict[str, Logged]:
    """The last event that handed each task to someone (or back to its lane)."""
    found: dict[str, Logged] = {}
    for event in log:
        if (event.kind not in COMMAND_KINDS and "task_id" in event.payload
                and "assignee" in event.payload):
            found[str(event.payload["task_id"])] = event
    return found
