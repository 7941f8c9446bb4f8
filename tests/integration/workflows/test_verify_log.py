"""`verify` finds every change to a case's log, for every demo case: one byte of a
payload, actor or time; a deleted, swapped or inserted event; the end cut off, with and
without the head on the case row adjusted; a whole chain re-hashed after an edit, checked
against an exported anchor file. Each is named by case and sequence number."""

from __future__ import annotations

import pytest

from engine import replay
from workflows import anchors
from workflows.verification import DIVERGES, OK, TAMPERED, Verdict

from . import tamper


@pytest.fixture(scope="module")
def built(world):
    yield from tamper.build(world["engine"])


def middle(case):
    return max(1, case.events // 2)


def test_the_demo_verifies_with_replay_and_against_its_anchors(built):
    found = tamper.verdicts(built, lambda s, c: None, replay=True, exported=built.exported)
    assert found == {c.case_id: Verdict(c.case_id, OK) for c in built.cases}
    assert {a.case_id for a in built.exported} == {c.case_id for c in built.cases}


@pytest.mark.parametrize("column", ["payload", "actor"])
def test_one_byte_changed_is_found_at_its_event(built, column):
    def change(session, case):
        old = getattr(tamper.event(session, case.case_id, middle(case)), column)
        tamper.set_event(session, case.case_id, middle(case),
                         **{column: tamper.one_byte_changed(old)})

    assert tamper.verdicts(built, change) == {
        c.case_id: Verdict(c.case_id, TAMPERED, middle(c)) for c in built.cases}


def test_a_moment_moved_by_a_second_is_found_at_its_event(built):
    found = tamper.verdicts(built, lambda s, c: tamper.later(s, c.case_id, middle(c)))
    assert found == {c.case_id: Verdict(c.case_id, TAMPERED, middle(c)) for c in built.cases}


def test_a_deleted_event_is_found_where_the_gap_is(built):
    def change(session, case):
        tamper.cut(session, case.case_id, middle(case), adjust_head=False) \
            if case.events == 1 else tamper.set_event(session, case.case_id, middle(case),
                                                      seq=case.events + 10)

    found = tamper.verdicts(built, change)
    assert found == {c.case_id: Verdict(c.case_id, TAMPERED, middle(c)) for c in built.cases}


def test_two_swapped_events_are_found_at_the_first(built):
    def change(session, case):
        if case.events < 2:
            return False
        tamper.swap(session, case.case_id, middle(case))
        return None

    found = tamper.verdicts(built, change)
    many = [c for c in built.cases if c.events >= 2]
    assert len(many) >= len(built.cases) // 2  # a case still at its start has one event
    assert found == {c.case_id: Verdict(c.case_id, TAMPERED, middle(c)) for c in many}


def test_an_inserted_event_breaks_the_link_of_the_one_it_pushed_aside(built):
    def change(session, case):
        if case.events < 2:
            return False
        tamper.insert_before(session, case.case_id, max(2, middle(case)), case.events)
        return None

    many = [c for c in built.cases if c.events >= 2]
    assert tamper.verdicts(built, change) == {
        c.case_id: Verdict(c.case_id, TAMPERED, max(2, middle(c)) + 1) for c in many}


def test_an_event_appended_past_the_head_is_found_past_the_head(built):
    def change(session, case):
        tamper.insert_before(session, case.case_id, case.events + 1, case.events)

    many = [c for c in built.cases if c.events >= 1]
    assert tamper.verdicts(built, change) == {
        c.case_id: Verdict(c.case_id, TAMPERED, c.events + 1) for c in many}


def cut_count(case):
    return min(2, case.events)


def test_a_cut_end_is_found_by_the_head_on_the_case_row(built):
    def change(session, case):
        tamper.cut(session, case.case_id, case.events - cut_count(case) + 1, adjust_head=False)

    assert tamper.verdicts(built, change) == {
        c.case_id: Verdict(c.case_id, TAMPERED, c.events - cut_count(c) + 1)
        for c in built.cases}


def test_a_cut_end_with_the_head_adjusted_is_found_by_the_anchors_table(built):
    def change(session, case):
        tamper.cut(session, case.case_id, case.events - cut_count(case) + 1, adjust_head=True)

    expected = {c.case_id: Verdict(c.case_id, TAMPERED, c.events - cut_count(c) + 1)
                for c in built.cases}
    assert tamper.verdicts(built, change, table_anchors=True) == expected
    assert tamper.verdicts(built, change, exported=built.exported) == expected
    unanchored = tamper.verdicts(built, change, cases=built.cases[:3])
    assert {v.outcome for v in unanchored.values()} <= {OK, TAMPERED}


def test_a_rehashed_chain_holds_on_its_own_but_not_against_the_exported_anchors(built):
    def change(session, case):
        tamper.rehash_from(session, case.case_id, middle(case))

    with built.uow() as u:
        case = built.cases[0]
        change(u.session, case)
        assert replay.first_broken_link(u.session, case.case_id) is None
    found = tamper.verdicts(built, change, exported=built.exported)
    assert found == {c.case_id: Verdict(c.case_id, TAMPERED, c.events) for c in built.cases}


def test_a_changed_state_diverges_on_replay_at_the_last_command(built):
    def change(session, case):
        from sqlalchemy import update

        from models import Case

        session.execute(update(Case).where(Case.id == case.case_id)
                        .values(state=Case.state + " ")
                        .execution_options(synchronize_session=False))

    unchanged = {c.case_id: Verdict(c.case_id, OK) for c in built.cases}
    assert tamper.verdicts(built, change) == unchanged
    assert tamper.verdicts(built, change, replay=True) == {
        c.case_id: Verdict(c.case_id, DIVERGES, c.last_command) for c in built.cases}


def test_an_anchor_file_line_that_is_no_anchor_names_its_line():
    from workflows.errors import InvalidInput

    good = '{"at": "2027-01-01T00:00:00+00:00", "case": 1, "hash": "' + "a" * 64 + '", "seq": 3}'
    assert anchors.parse_anchor_lines([good, ""], "f")[0].seq == 3
    with pytest.raises(InvalidInput, match="Regel 2 van f"):
        anchors.parse_anchor_lines([good, '{"case": 1}'], "f")


def test_the_worker_anchors_the_moved_heads_once_a_day(built):
    from datetime import timedelta

    from freezegun import freeze_time

    from engine import clock, store
    from engine.store import PendingEvent
    from workflows.actors import SYSTEM
    from workflows.jobs import daily_anchors

    nested = built.connection.begin_nested()
    try:
        with freeze_time(clock.now()):
            made, due = daily_anchors.anchor_when_due(built.uow, SYSTEM)
            assert made == len(built.cases)
            assert daily_anchors.anchor_when_due(built.uow, SYSTEM, due) == (0, due)
            assert daily_anchors.anchor_when_due(built.uow, SYSTEM) == (0, due)  # the table
        moved = built.cases[0].case_id
        with built.uow() as u:
            store.append_events(u.session, moved, "system", clock.now(),
                                [PendingEvent("note_added", {"note": "later"})])
            u.commit()
        with freeze_time(due + timedelta(minutes=1)):
            assert daily_anchors.anchor_when_due(built.uow, SYSTEM, due)[0] == 1
        with built.uow() as u:
            assert anchors.anchors_of(u, moved)[-1].seq == built.cases[0].events + 1
    finally:
        nested.rollback()


@pytest.mark.parametrize("statement", ["update", "delete"])
def test_the_anchors_table_refuses_to_change_what_it_recorded(built, statement):
    from sqlalchemy import delete, update
    from sqlalchemy.exc import DBAPIError

    from models import ChainAnchor
    from workflows.actors import SYSTEM

    change = {"update": update(ChainAnchor).values(seq=1),
              "delete": delete(ChainAnchor)}[statement]
    with built.uow() as u:
        assert anchors.anchor_chains(u, SYSTEM) == len(built.cases)
        with pytest.raises(DBAPIError, match="append-only"):
            u.session.execute(change.execution_options(synchronize_session=False))
