"""What a case went through, for the path tests: read from the projections, the event
log and the outbox only (plus the stored state for the data an open task sees)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from engine import replay, serializer, store
from engine import workflow as wf_ops
from models import (
    BridgingAgreement,
    Case,
    CaseEvent,
    Contract,
    HumanTask,
    Outbox,
    Subsegment,
)
from tests.integration.workflows.steps import UowFactory, open_task

DmnResult = tuple[str, dict[str, Any], dict[str, Any]]


def task_history(uow: UowFactory, case_id: int, process_id: str | None = None) -> list[str]:
    """Every human task the case opened, in order: "lane: bpmn_id", marked when cancelled
    or still open."""
    stmt = select(HumanTask).where(HumanTask.case_id == case_id).order_by(HumanTask.id)
    if process_id is not None:
        stmt = stmt.where(HumanTask.process_id == process_id)
    marks = {"completed": "", "cancelled": " (cancelled)", None: " (open)"}
    with uow() as u:
        return [f"{r.lane}: {r.bpmn_id}{marks[r.outcome]}" for r in u.session.scalars(stmt)]


def case_events(uow: UowFactory, case_id: int) -> list[tuple[int, str, dict[str, Any]]]:
    """(seq, kind, payload) of the case's event log, in sequence order."""
    with uow() as u:
        rows = u.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)
                                 .order_by(CaseEvent.seq))
        return [(r.seq, r.kind, json.loads(r.payload)) for r in rows]


def _event_line(kind: str, payload: dict[str, Any]) -> str:
    if kind == "started":
        return f"started {payload['process']}"
    if kind in ("task_completed", "dmn_evaluated"):
        return f"{kind} {payload['task']}"
    if kind == "message":
        return f"message {payload['name']}"
    if kind == "service_called":
        letter = payload["params"].get("kind")
        return f"service_called {payload['service']}" + (f"({letter})" if letter else "")
    return kind


def log_lines(uow: UowFactory, case_id: int) -> list[str]:
    """The event log as one readable line per event: "kind what"."""
    return [_event_line(kind, payload) for _, kind, payload in case_events(uow, case_id)]


def log_seqs(uow: UowFactory, case_id: int) -> list[int]:
    return [seq for seq, _, _ in case_events(uow, case_id)]


def dmn_results(uow: UowFactory, case_id: int) -> list[DmnResult]:
    """(task, inputs, outputs) of every recorded DMN evaluation."""
    return [(p["task"], p["inputs"], p["outputs"])
            for _, kind, p in case_events(uow, case_id) if kind == "dmn_evaluated"]


def dmn_decisions(uow: UowFactory, case_id: int) -> list[str]:
    return [p["decision"] for _, kind, p in case_events(uow, case_id) if kind == "dmn_evaluated"]


def chain_break(uow: UowFactory, case_id: int) -> int | None:
    """The first event whose sequence number or hash link is wrong; None when intact."""
    with uow() as u:
        return replay.first_broken_link(u.session, case_id)


def letters(uow: UowFactory, case_id: int) -> list[dict[str, Any]]:
    """Payloads of the letters the case wrote to the outbox, in order."""
    with uow() as u:
        rows = u.session.scalars(select(Outbox).where(
            Outbox.case_id == case_id, Outbox.kind == "letter").order_by(Outbox.id))
        return [json.loads(r.payload) for r in rows]


def letter_kinds(uow: UowFactory, case_id: int) -> list[str]:
    return [letter["kind"] for letter in letters(uow, case_id)]


@dataclass(frozen=True)
class CaseState:
    status: str
    completed: bool
    next_timer_at: datetime | None


def case_state(uow: UowFactory, case_id: int) -> CaseState:
    with uow() as u:
        case = u.session.get(Case, case_id)
        assert case is not None, f"case {case_id} does not exist"
        return CaseState(case.status, case.completed, case.next_timer_at)


def child_cases(uow: UowFactory, parent_case_id: int, process_id: str) -> list[int]:
    with uow() as u:
        return list(u.session.scalars(select(Case.id).where(
            Case.parent_case_id == parent_case_id, Case.process_id == process_id)
            .order_by(Case.id)).all())


def open_task_data(uow: UowFactory, case_id: int, bpmn_id: str) -> dict[str, Any]:
    """The data an open task sees, read from the stored state of the case."""
    task_id = open_task(uow, case_id, bpmn_id)
    with uow() as u:
        case = u.session.get(Case, case_id)
        assert case is not None
        spec, subs = store.load_bundle(u.session, case.spec_hash).spec_for(case.process_id)
        workflow = serializer.load(case.state, spec, subs)
    return wf_ops.task_data(workflow, task_id)


def task_dues(uow: UowFactory, case_id: int, bpmn_id: str) -> list[datetime | None]:
    """The due moment of each instance of a task, in the order they opened."""
    with uow() as u:
        return list(u.session.scalars(select(HumanTask.due_at).where(
            HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id)
            .order_by(HumanTask.id)))


@dataclass(frozen=True)
class ContractState:
    subsegment: str
    starts_on: date
    ends_on: date
    extensions: int
    ended_on: date | None


def contracts_of(uow: UowFactory, case_id: int) -> list[ContractState]:
    """The contracts whose `contract` case is `case_id` or a child of it."""
    with uow() as u:
        rows = u.session.execute(
            select(Contract, Subsegment.code).join(Subsegment,
                                                   Subsegment.id == Contract.subsegment_id)
            .join(Case, Case.id == Contract.case_id)
            .where((Case.id == case_id) | (Case.parent_case_id == case_id))
            .order_by(Contract.id)).all()
        return [ContractState(code, c.starts_on, c.ends_on, c.extensions, c.ended_on)
                for c, code in rows]


@dataclass(frozen=True)
class BridgingState:
    clients: int
    starts_on: date
    ends_on: date
    ended_on: date | None
    end_reason: str | None


def bridging_of(uow: UowFactory, case_id: int) -> BridgingState:
    """The bridging agreement that `case_id` (a `bridging` case) runs."""
    with uow() as u:
        a = u.session.scalars(select(BridgingAgreement).where(
            BridgingAgreement.case_id == case_id)).one()
        return BridgingState(a.clients, a.starts_on, a.ends_on, a.ended_on, a.end_reason)
