"""The demo built once per module (on a connection rolled back at the end) and the ways
an intruder with write access to the database changes a case behind the engine's back.

Each tamper runs inside a unit of work that is never committed, so the next one finds
the demo as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from engine.events import COMMAND_KINDS, GENESIS, chain_hash, event_body
from models import Case, CaseEvent
from workflows import anchors, demo, verification
from workflows.actors import SYSTEM
from workflows.uow import UnitOfWork


@dataclass(frozen=True)
class DemoCase:
    case_id: int
    process_id: str
    status: str
    events: int
    last_command: int


@dataclass(frozen=True)
class BuiltDemo:
    uow: Callable[[], UnitOfWork]
    connection: Connection
    cases: list[DemoCase]
    # Anchors taken after the demo and exported, while the anchors table stays empty.
    exported: list[anchors.Anchor]


def build(engine: object) -> Iterator[BuiltDemo]:
    conn = engine.connect()  # type: ignore[attr-defined]
    outer = conn.begin()
    factory = sessionmaker(bind=conn, join_transaction_mode="create_savepoint",
                           expire_on_commit=False)

    def uow() -> UnitOfWork:
        return UnitOfWork(factory)

    demo.build_demo(SimpleNamespace(uow=uow))
    with uow() as u:
        cases = [_described(u.session, case) for case in
                 u.session.scalars(select(Case).order_by(Case.id))]
        anchors.anchor_chains(u, SYSTEM)
        lines = [a.line() for a in anchors.all_anchors(u, SYSTEM)]  # rolled back after
    exported = anchors.parse_anchor_lines(lines, "export")
    yield BuiltDemo(uow, conn, cases, exported)
    outer.rollback()
    conn.close()


def _described(session: Session, case: Case) -> DemoCase:
    kinds = session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)
                            .order_by(CaseEvent.seq)).all()
    last_command = max(i + 1 for i, kind in enumerate(kinds) if kind in COMMAND_KINDS)
    return DemoCase(case.id, case.process_id, case.status, len(kinds), last_command)


def verdicts(built: BuiltDemo, change: Callable[[Session, DemoCase], object], *,
             replay: bool = False, exported: list[anchors.Anchor] | tuple[()] = (),
             table_anchors: bool = False, cases: list[DemoCase] | None = None
             ) -> dict[int, verification.Verdict]:
    """{case: verdict} after `change(session, demo case)` on each case, each rolled back;
    a case for which `change` returns False is left out."""
    found = {}
    for case in cases or built.cases:
        with built.uow() as u:
            if table_anchors:
                anchors.anchor_chains(u, SYSTEM)
            if change(u.session, case) is False:
                continue
            found[case.case_id] = verification.verify_case(
                u, SYSTEM, case_id=case.case_id, replay=replay,
                anchors=[a for a in exported if a.case_id == case.case_id])
    return found


def logged_calls(session: Session, case_id: int | None, *services: str
                 ) -> list[tuple[CaseEvent, dict[str, Any]]]:
    """The service_called events (of one case, or all) of these services, with results."""
    stmt = select(CaseEvent).where(CaseEvent.kind == "service_called")
    if case_id is not None:
        stmt = stmt.where(CaseEvent.case_id == case_id)
    calls = [(e, json.loads(e.payload)) for e in session.scalars(stmt.order_by(CaseEvent.seq))]
    return [(e, call["result"]) for e, call in calls if call["service"] in services]


def event(session: Session, case_id: int, seq: int) -> CaseEvent:
    return session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id,
                                                   CaseEvent.seq == seq)).one()


def one_byte_changed(text: str) -> str:
    """The first letter past the middle in the other case, a digit moved by one, or else
    the middle character with its lowest bit flipped."""
    for index in range(len(text) // 2, len(text)):
        char = text[index]
        if char.isalpha() or char.isdigit():
            new = char.swapcase() if char.isalpha() else str((int(char) + 1) % 10)
            return text[:index] + new + text[index + 1:]
    index = len(text) // 2
    return text[:index] + chr(ord(text[index]) ^ 1) + text[index + 1:]


def set_event(session: Session, case_id: int, which: int, **values: object) -> None:
    session.execute(update(CaseEvent).where(CaseEvent.case_id == case_id,
                                            CaseEvent.seq == which).values(**values))


def later(session: Session, case_id: int, seq: int) -> None:
    set_event(session, case_id, seq, at=event(session, case_id, seq).at + timedelta(seconds=1))


def renumber(session: Session, case_id: int, old: int, new: int) -> None:
    set_event(session, case_id, old, seq=new)


def swap(session: Session, case_id: int, seq: int) -> None:
    renumber(session, case_id, seq, -1)
    renumber(session, case_id, seq + 1, seq)
    renumber(session, case_id, -1, seq + 1)


def insert_before(session: Session, case_id: int, seq: int, last: int) -> None:
    """A forged note with a correct hash on its predecessor, the later events moved up."""
    for moved in range(last, seq - 1, -1):
        renumber(session, case_id, moved, moved + 1)
    prev = event(session, case_id, seq - 1)
    payload = {"note": "vervalst"}
    body = event_body(case_id, seq, "note_added", "mallory", prev.at, payload)
    session.execute(insert(CaseEvent).values(
        case_id=case_id, seq=seq, kind="note_added", actor="mallory", at=prev.at,
        payload=json.dumps(payload), prev_hash=prev.hash, hash=chain_hash(prev.hash, body)))


def cut(session: Session, case_id: int, first: int, adjust_head: bool) -> None:
    session.execute(delete(CaseEvent).where(CaseEvent.case_id == case_id,
                                            CaseEvent.seq >= first))
    if adjust_head:
        head = (first - 1, event(session, case_id, first - 1).hash) if first > 1 \
            else (0, GENESIS)
        session.execute(update(Case).where(Case.id == case_id)
                        .values(event_seq=head[0], event_hash=head[1])
                        .execution_options(synchronize_session=False))


def rehash_from(session: Session, case_id: int, seq: int) -> None:
    """Change one event and recompute every later hash and the head: a chain that holds
    on its own."""
    rows = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)
                           .order_by(CaseEvent.seq)).all()
    prev = GENESIS
    for row in rows:
        if row.seq == seq:
            row.actor = "mallory"
        if row.seq >= seq:
            body = event_body(case_id, row.seq, row.kind, row.actor, row.at,
                              json.loads(row.payload))
            row.prev_hash, row.hash = prev, chain_hash(prev, body)
        prev = row.hash
    session.flush()
    session.execute(update(Case).where(Case.id == case_id).values(event_hash=prev)
                    .execution_options(synchronize_session=False))
