"""An auditor steps through a case's history one event at a time: who did what, in which
role and when, what that step changed, and the case as it stood after it (phase, open
tasks with their holders, data), on the procedure version the case runs on. Everything is
replayed from the log, never read from a stored copy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from engine import moments
from engine.errors import EngineError
from models import Application, Case, CaseEvent, Provider, SpecBundle, Subsegment
from workflows import labels
from workflows.access import require_read, require_role
from workflows.actors import Actor
from workflows.case_data import DataItem, present
from workflows.case_moments import MomentTask, holders
from workflows.case_timeline import TimelineEntry, event_entry
from workflows.deadlines import last_day
from workflows.errors import DamagedLog, NotFound
from workflows.uow import UnitOfWork

AUDIENCE = "auditor"  # confidential integrity data is the auditor's to see


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryStep:
    case_id: int
    reference: str
    provider: str
    process: str
    spec_hash: str
    spec_deployed_at: datetime | None
    seq: int
    total: int
    entry: TimelineEntry
    phase: str
    completed: bool
    changes: tuple[Change, ...]
    tasks: tuple[MomentTask, ...]
    data: tuple[DataItem, ...]


def history_step(uow: UnitOfWork, actor: Actor, *, case_id: int, seq: int | None = None,
                 moment: datetime | None = None) -> HistoryStep:
    """Event `seq` (or the last one at or before `moment`; else the last of all)."""
    require_role(actor, "auditor", "system")
    case = require_read(actor, uow.session.get(Case, case_id))
    total = uow.session.scalar(select(func.max(CaseEvent.seq)).where(
        CaseEvent.case_id == case_id)) or 0
    if moment is not None:
        seq = uow.session.scalar(select(func.max(CaseEvent.seq)).where(
            CaseEvent.case_id == case_id, CaseEvent.at <= moment))
        if seq is None:
            raise NotFound(f"Zaak {case_id} bestond op dat moment nog niet.")
    seq = min(max(seq or total, 1), total)
    try:
        found = moments.snapshots_at(uow.session, case_id, [seq - 1, seq])
    except EngineError as err:
        raise DamagedLog(f"Het log van zaak {case_id} is beschadigd: {err}.") from err
    before, after = found[seq - 1], found[seq]
    if after is None:
        raise DamagedLog(f"Het log van zaak {case_id} begint niet met de start van de zaak.")
    names = {c: n for c, n in uow.session.execute(select(Subsegment.code, Subsegment.name))}
    shown = present(after.data, AUDIENCE, names)
    held = holders(uow, case_id, seq)
    tasks = tuple(MomentTask(labels.task(t.bpmn_id), labels.role(t.lane),
                             held.get(t.task_id, ""), last_day(t.due_at) if t.due_at else None)
                  for t in after.tasks)
    reference, provider = _names(uow, case)
    bundle = uow.session.get(SpecBundle, case.spec_hash)
    return HistoryStep(
        case_id, reference, provider, labels.process(case.process_id), case.spec_hash,
        bundle.deployed_at if bundle is not None else None, seq, total,
        event_entry(uow, case_id, seq, AUDIENCE), labels.status(after.status),
        after.completed, _changes(before, after, shown, names), tasks, shown)


def _changes(before: moments.Snapshot | None, after: moments.Snapshot,
             shown: tuple[DataItem, ...], names: dict[str, str]) -> tuple[Change, ...]:
    """What the step changed: the phase and each datum, as people read them."""
    old = {i.key: i.text for i in present(before.data, AUDIENCE, names)} if before else {}
    changes = []
    if before is None or before.status != after.status:
        changes.append(Change("Fase", labels.status(before.status) if before else "",
                              labels.status(after.status)))
    changes.extend(Change(item.label, old.get(item.key, ""), item.text)
                   for item in shown
                   if old.get(item.key, "") != item.text and (old.get(item.key) or item.text))
    return tuple(changes)


def _names(uow: UnitOfWork, case: Case) -> tuple[str, str]:
    reference = uow.session.scalar(select(Application.reference).where(
        Application.case_id == (case.parent_case_id or case.id)))
    provider = uow.session.scalar(select(Provider.name).where(Provider.id == case.provider_id))
    if reference and case.parent_case_id:  # a contract, bridging or remedy of that one
        reference = f"{labels.process(case.process_id)} bij {reference} (zaak {case.id})"
    return reference or f"Zaak {case.id}", provider or "–"
