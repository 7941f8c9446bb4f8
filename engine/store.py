"""Persistence of specs, case state, the event log and the projections."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, undefer

from engine import clock
from engine.errors import EngineError, SpecError
from engine.events import GENESIS, canonical, chain_hash, event_body
from engine.specs import ParsedBundle, SpecSource, bundle_hash, cached_bundle, parse_bundle
from engine.workflow import ReadyTask
from models import Case, CaseEvent, HumanTask, SpecBundle, SpecFile


@dataclass(frozen=True)
class PendingEvent:
    kind: str
    payload: dict[str, Any]


def deploy(session: Session, sources: list[SpecSource]) -> str:
    """Lint, parse and store a bundle; deploying the same bytes again changes nothing."""
    bundle = parse_bundle(sources)
    if session.get(SpecBundle, bundle.sha256) is not None:
        return bundle.sha256
    now = clock.now()
    for source in sources:
        if session.get(SpecFile, source.sha256) is None:
            session.add(SpecFile(sha256=source.sha256, name=source.name, kind=source.kind,
                                 xml=source.xml.decode("utf-8"), deployed_at=now))
    hashes = sorted(s.sha256 for s in sources)
    session.add(SpecBundle(sha256=bundle.sha256, file_hashes=json.dumps(hashes),
                           deployed_at=now))
    session.flush()
    return bundle.sha256


def load_bundle(session: Session, sha256: str) -> ParsedBundle:
    cached = cached_bundle(sha256)
    if cached is not None:
        return cached
    row = session.get(SpecBundle, sha256)
    if row is None:
        raise SpecError(sha256[:12], None, "specificatie niet gevonden")
    hashes: list[str] = json.loads(row.file_hashes)
    files = session.scalars(select(SpecFile).where(SpecFile.sha256.in_(hashes))).all()
    sources = [SpecSource(f.name, f.xml.encode("utf-8")) for f in files]
    if bundle_hash([s.sha256 for s in sources]) != sha256:
        raise SpecError(sha256[:12], None, "opgeslagen bestanden kloppen niet met de hash")
    return parse_bundle(sources)


def lock_case(session: Session, case_id: int) -> Case | None:
    """Row lock on PostgreSQL; SQLite already holds its write lock (BEGIN IMMEDIATE).
    The only place the (deferred) workflow state is read with the row."""
    stmt = (select(Case).where(Case.id == case_id).options(undefer(Case.state))
            .with_for_update().execution_options(populate_existing=True))
    return session.scalars(stmt).one_or_none()


def append_events(session: Session, case_id: int, actor: str, at: datetime,
                  events: list[PendingEvent]) -> int:
    """Chain events onto the head kept on the (locked) case row; the unique (case, seq)
    constraint still refuses a second writer that somehow got past the lock.

    The head moves first, so the flush before the insert carries it in the case's one
    UPDATE; the events go in as one bulk INSERT (nobody needs them as objects)."""
    case = session.get(Case, case_id)
    if case is None:
        raise EngineError(f"zaak {case_id} bestaat niet")
    seq, prev = case.event_seq or 0, case.event_hash or GENESIS
    rows = []
    for event in events:
        seq += 1
        body = event_body(case_id, seq, event.kind, actor, at, event.payload)
        digest = chain_hash(prev, body)
        rows.append({"case_id": case_id, "seq": seq, "kind": event.kind, "actor": actor,
                     "at": at, "payload": canonical(event.payload), "prev_hash": prev,
                     "hash": digest})
        prev = digest
    case.event_seq, case.event_hash = seq, prev
    if rows:
        session.execute(insert(CaseEvent), rows)
    return seq


def open_human_tasks(session: Session, case_id: int) -> list[HumanTask]:
    return list(session.scalars(select(HumanTask).where(
        HumanTask.case_id == case_id, HumanTask.completed_at.is_(None))).all())


def sync_human_tasks(session: Session, case: Case, open_rows: list[HumanTask],
                     ready: list[ReadyTask], at: datetime, actor: str,
                     completed_task_id: str | None) -> None:
    """Close projected tasks that are no longer open; add the newly opened ones (the
    caller flushes)."""
    ready_ids = {t.task_id for t in ready}
    for row in open_rows:
        if row.task_id not in ready_ids:
            done = row.task_id == completed_task_id
            row.completed_at = at
            row.completed_by = actor if done else None
            row.outcome = "completed" if done else "cancelled"
    known = {row.task_id for row in open_rows}
    for task in ready:
        if task.task_id not in known:
            session.add(HumanTask(
                case_id=case.id, task_id=task.task_id, bpmn_id=task.bpmn_id, name=task.name,
                process_id=task.process_id, lane=task.lane, due_at=task.due_at, created_at=at))
