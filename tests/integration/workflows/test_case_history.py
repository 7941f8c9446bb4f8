"""The demo and a case's history for auditors, on one demo built for this module: the
demo covers every phase and replays to its stored states; `replay --at` (the
case at a past moment equals the state it had then, captured while the demo ran: every
flush of a case row), stepping through the history, the case search and the access log."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from engine import moments
from engine.replay import replay_steps
from models import Case, CaseEvent
from workflows import case_moments, demo
from workflows.actors import SYSTEM
from workflows.deadlines import AMSTERDAM
from workflows.errors import NotFound
from workflows.uow import UnitOfWork

MOMENTS_PER_CASE = 20


@pytest.fixture(scope="module")
def captured(world) -> Iterator[tuple[Any, dict[int, dict[int, str]]]]:
    """The demo, built once for this module in a transaction rolled back at its end, and
    {case id: {head sequence number: the state the case row held then}}."""
    conn = world["engine"].connect()
    outer = conn.begin()
    factory = sessionmaker(bind=conn, join_transaction_mode="create_savepoint",
                           expire_on_commit=False)
    states: dict[int, dict[int, str]] = defaultdict(dict)

    def capture(session: Session, _context: object) -> None:
        for row in [*session.new, *session.dirty]:
            if isinstance(row, Case) and row.id is not None and row.state:
                states[row.id][row.event_seq] = row.state

    event.listen(Session, "after_flush", capture)
    try:
        demo.build_demo(SimpleNamespace(uow=lambda: UnitOfWork(factory)))
    finally:
        event.remove(Session, "after_flush", capture)
    yield (lambda: UnitOfWork(factory)), states
    outer.rollback()
    conn.close()


def _spread(items: list[Any], count: int) -> list[Any]:
    """`count` items spread evenly from first to last (all of them when fewer)."""
    if len(items) <= count:
        return items
    step = (len(items) - 1) / (count - 1)
    return [items[round(i * step)] for i in range(count)]


def test_every_demo_case_at_twenty_moments_is_the_state_it_had_then(captured):
    uow, states = captured
    checked = 0
    with uow() as u:
        case_ids = list(u.session.scalars(select(Case.id).order_by(Case.id)))
        assert len(case_ids) >= 12
        for case_id in case_ids:
            log = u.session.execute(select(CaseEvent.seq, CaseEvent.at).where(
                CaseEvent.case_id == case_id).order_by(CaseEvent.seq)).all()
            steps = list(replay_steps(u.session, case_id))  # one replay per case
            for at in _spread(sorted({at for _seq, at in log}), MOMENTS_PER_CASE):
                upto = max(seq for seq, when in log if when <= at)
                had = states[case_id][max(s for s in states[case_id] if s <= upto)]
                replayed = [s.state for s in steps if s.seq <= upto][-1]
                assert replayed == had, f"case {case_id} at {at} (event {upto})"
                checked += 1
    assert checked >= 2 * len(case_ids)  # many demo cases happened at a few moments only


def test_the_moment_shows_phase_tasks_with_their_holder_and_the_data(captured):
    uow, _states = captured
    with uow() as u:
        case_id, claimed_at = u.session.execute(
            select(CaseEvent.case_id, CaseEvent.at).where(
                CaseEvent.kind == "task_claimed").order_by(CaseEvent.id)).first()
        found = case_moments.case_at(u, SYSTEM, case_id=case_id, moment=claimed_at)
        snapshot = moments.snapshot_at(u.session, case_id, found.seq)
    assert snapshot is not None and found.phase and found.data
    assert any(task.assignee for task in found.tasks), "the claim shows who held the task"
    with uow() as u, pytest.raises(NotFound, match="bestond op dat moment nog niet"):
        case_moments.case_at(u, SYSTEM, case_id=case_id,
                             moment=claimed_at - timedelta(days=3650))


def test_the_command_prints_the_moment_in_dutch_and_refuses_a_non_moment(captured):
    from web.app import create_app
    from web.cli import replay

    uow, _states = captured
    with uow() as u:
        case_id, started = u.session.execute(select(Case.id, CaseEvent.at).join(
            CaseEvent, CaseEvent.case_id == Case.id).where(
            Case.status == "awaiting_supplement", CaseEvent.seq == 1)).first()
    app = create_app({"TESTING": True, "SECRET_KEY": "t",
                      "DATABASE": SimpleNamespace(uow=uow, reader=uow)})
    runner = app.test_cli_runner()
    local = started.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M")
    shown = runner.invoke(replay, [str(case_id), "--at", local])
    assert shown.exit_code == 0, shown.output
    assert f"Zaak {case_id} op " in shown.output and "na gebeurtenis 1 van" in shown.output
    assert "Fase: " in shown.output and "Kenmerk: TW-" in shown.output
    wrong = runner.invoke(replay, [str(case_id), "--at", "gisteren"])
    assert wrong.exit_code == 2 and "geen moment" in wrong.output
    assert "Traceback" not in wrong.output


def test_the_history_steps_one_event_at_a_time_with_what_changed(captured, actors):
    from workflows import case_history
    uow, _states = captured
    with uow() as u:
        case_id = u.session.scalars(select(Case.id).where(Case.status == "admitted")).first()
        first = case_history.history_step(u, actors["auditor"], case_id=case_id, seq=1)
        last = case_history.history_step(u, actors["auditor"], case_id=case_id)
        decided = next(
            case_history.history_step(u, actors["auditor"], case_id=case_id, seq=s)
            for s in range(1, last.total + 1)
            if case_history.history_step(u, actors["auditor"], case_id=case_id,
                                         seq=s).entry.text.endswith("Besluiten over toelating"))
    assert (first.seq, last.seq, last.total) == (1, last.total, last.total)
    assert first.changes[0].label == "Fase" and first.changes[0].before == ""
    assert {"Besluit", "Fase"} <= {c.label for c in decided.changes}
    assert decided.entry.role_label == "Besluitnemer" and decided.spec_hash


def test_only_auditors_and_admins_step_through_a_history(captured, actors):
    from workflows import case_history
    from workflows.errors import NotAllowed
    uow, _states = captured
    with uow() as u:
        case_id = u.session.scalars(select(Case.id)).first()
        for role in ("screening_officer", "decision_maker", "applicant_a"):
            with pytest.raises((NotAllowed, NotFound)):
                case_history.history_step(u, actors[role], case_id=case_id)


def test_the_search_filters_in_the_database(captured, actors):
    from models import Provider
    from workflows.audit_search import Filters, search_cases
    uow, _states = captured
    auditor = actors["auditor"]
    with uow() as u:
        everything = search_cases(u, auditor, filters=Filters())
        name, kvk = u.session.execute(select(Provider.name, Provider.kvk_number).join(
            Case, Case.provider_id == Provider.id).where(Case.status == "admitted")).first()
        by_kvk = search_cases(u, auditor, filters=Filters(provider=kvk))
        by_name = search_cases(u, auditor, filters=Filters(provider=name[3:12]))
        admitted = search_cases(u, auditor, filters=Filters(phase="admitted"))
        wildcard = search_cases(u, auditor, filters=Filters(provider="%"))
        begeleiding = search_cases(u, auditor,
                                   filters=Filters(subsegment="ambulant_begeleiding"))
        nowhere = search_cases(u, auditor, filters=Filters(municipality="bestaat-niet"))
    assert everything.total >= 12 and by_kvk.total >= 1
    assert {r.provider for r in by_kvk.rows} == {name} and by_name.total >= by_kvk.total
    assert admitted.total >= 1 and {r.phase for r in admitted.rows} == {"Toegelaten"}
    assert wildcard.total == 0  # a typed % is a percent sign, not "everything"
    assert 0 < begeleiding.total < everything.total and nowhere.total == 0


def test_opening_a_case_is_in_the_access_log_for_admins_only(captured, actors):
    from workflows import access_log
    from workflows.errors import NotAllowed
    uow, _states = captured
    with uow() as u:
        case_id = u.session.scalars(select(Case.id)).first()
        access_log.record_access(u, actors["auditor"], case_id=case_id, action="opened")
        u.session.flush()
        shown = access_log.access_log(u, actors["admin"])
        with pytest.raises(NotAllowed):
            access_log.access_log(u, actors["auditor"])
    assert shown.rows[0].case_id == case_id and shown.rows[0].action == "Geopend"


@pytest.fixture
def demo_cases(captured) -> dict[int, tuple[str, str]]:
    uow, _states = captured
    with uow() as u:
        return {c.id: (c.process_id, c.status) for c in u.session.scalars(select(Case))}


def test_the_demo_covers_every_end_state_and_open_phase(demo_cases):
    statuses = Counter(status for process, status in demo_cases.values()
                       if process == "admission")
    assert {"admitted", "partly_admitted", "refused", "withdrawn", "not_considered",
            "completeness", "awaiting_supplement", "assessment", "awaiting_lbb", "views",
            "decision", "objection_period"} <= set(statuses)
    assert sum(statuses.values()) >= 12
    processes = Counter(process for process, _ in demo_cases.values())
    assert processes["contract"] >= 1 and processes["bridging"] >= 1
    assert ("complaint", "complaint_advice") in demo_cases.values()  # legal counsel's inbox


def test_every_demo_case_replays_to_exactly_its_stored_state(captured, demo_cases):
    from workflows import audit
    uow, _states = captured
    with uow() as u:
        results = {cid: audit.replay_case(u, SYSTEM, case_id=cid) for cid in demo_cases}
    assert {cid: r.matches for cid, r in results.items()} == dict.fromkeys(demo_cases, True)
    assert all(r.steps >= 1 for r in results.values())


def test_the_contract_of_the_demo_was_extended_once(captured, demo_cases):
    from models import Contract
    uow, _states = captured
    with uow() as u:
        extensions = sorted(u.session.scalars(select(Contract.extensions)))
    assert extensions[-1] == 1
