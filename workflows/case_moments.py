"""A case as it stood at a past moment, for auditors: its log replayed up to that moment
(never a stored copy), read back as phase, open tasks with who held them, and the data,
with their deadlines. A damaged log is reported in a sentence."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from engine import moments
from engine.errors import EngineError
from models import Case, CaseEvent, Subsegment
from workflows import disclosure, labels
from workflows.access import require_read, require_role
from workflows.actors import Actor
from workflows.case_data import DataItem, present
from workflows.case_timeline import ASSIGNMENTS
from workflows.deadlines import last_day
from workflows.errors import DamagedLog, NotFound
from workflows.uow import UnitOfWork


@dataclass(frozen=True)
class MomentTask:
    label: str
    role: str
    assignee: str  # the person's name as the log gave it, or "" (the team's)
    last_day: date | None


@dataclass(frozen=True)
class CaseMoment:
    case_id: int
    moment: datetime
    seq: int  # the last event at or before the moment
    events: int  # of the whole log
    phase: str
    completed: bool
    tasks: tuple[MomentTask, ...]
    data: tuple[DataItem, ...]


def case_at(uow: UnitOfWork, actor: Actor, *, case_id: int, moment: datetime) -> CaseMoment:
    """The case after every event logged at or before `moment`."""
    require_role(actor, "auditor", "system")
    require_read(actor, uow.session.get(Case, case_id))
    seq = uow.session.scalar(select(func.max(CaseEvent.seq)).where(
        CaseEvent.case_id == case_id, CaseEvent.at <= moment))
    total = uow.session.scalar(select(func.count(CaseEvent.id)).where(
        CaseEvent.case_id == case_id)) or 0
    if seq is None:
        raise NotFound(f"Zaak {case_id} bestond op dat moment nog niet.")
    try:
        snapshot = moments.snapshot_at(uow.session, case_id, seq)
    except EngineError as err:
        raise DamagedLog(f"Het log van zaak {case_id} is beschadigd: {err}.") from err
    if snapshot is None:
        raise NotFound(f"Zaak {case_id} bestond op dat moment nog niet.")
    held = holders(uow, case_id, seq)
    tasks = tuple(MomentTask(labels.task(t.bpmn_id), labels.role(t.lane),
                             held.get(t.task_id, ""),
                             last_day(t.due_at) if t.due_at else None)
                  for t in snapshot.tasks)
    names = {code: name for code, name in uow.session.execute(
        select(Subsegment.code, Subsegment.name)).all()}
    return CaseMoment(case_id, moment, seq, total, labels.status(snapshot.status),
                      snapshot.completed, tasks,
                      present(snapshot.data, disclosure.audience(actor), names))


def holders(uow: UnitOfWork, case_id: int, seq: int) -> dict[str, str]:
    """Who held each task after the assignment events up to `seq` (task id -> name)."""
    held: dict[str, str] = {}
    rows = uow.session.scalars(select(CaseEvent.payload).where(
        CaseEvent.case_id == case_id, CaseEvent.seq <= seq,
        CaseEvent.kind.in_(list(ASSIGNMENTS))).order_by(CaseEvent.seq))
    for payload in rows:
        change: dict[str, Any] = json.loads(payload)
        task_id = str(change.get("task_id"))
        if change.get("assignee"):
            held[task_id] = str(change.get("assignee_name") or change["assignee"])
        else:
            held.pop(task_id, None)
    return held
