"""The demo is made by the real use cases: every demo case replays to its stored state."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from models import Case, CaseEvent
from workflows import audit, demo
from workflows.actors import SYSTEM


@pytest.fixture
def demo_cases(uow):
    demo.build_demo(SimpleNamespace(uow=uow))
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


def test_every_demo_case_replays_to_exactly_its_stored_state(uow, demo_cases):
    with uow() as u:
        results = {cid: audit.replay_case(u, SYSTEM, case_id=cid) for cid in demo_cases}
    assert {cid: r.matches for cid, r in results.items()} == dict.fromkeys(demo_cases, True)
    assert all(r.steps >= 1 for r in results.values())


def test_the_contract_of_the_demo_was_extended_once(uow, demo_cases):
    from models import Contract

    with uow() as u:
        extensions = sorted(u.session.scalars(select(Contract.extensions)))
    assert extensions[-1] == 1


def test_altering_a_logged_payload_breaks_the_chain_at_that_event(uow, demo_cases):
    case_id = next(cid for cid, (p, s) in demo_cases.items() if s == "admitted")
    with uow() as u:
        assert audit.verify_chains(u, SYSTEM) is None
        u.session.execute(update(CaseEvent).where(CaseEvent.case_id == case_id,
                                                  CaseEvent.seq == 3)
                          .values(payload='{"tampered":true}'))
        broken = audit.verify_chains(u, SYSTEM)
    assert broken == audit.BrokenChain(case_id, 3)


def test_an_altered_decision_record_is_found_at_the_event_that_made_it(uow, demo_cases):
    from models import Decision

    with uow() as u:
        decision = u.session.scalars(select(Decision).where(
            Decision.outcome == "refused")).first()
        decision.outcome = "admitted"
        case_id = decision.case_id
        made_at = u.session.scalars(select(CaseEvent.seq).where(
            CaseEvent.case_id == case_id, CaseEvent.kind == "service_called",
            CaseEvent.payload.contains('"record_decision"'))).one()
        broken = audit.verify_chains(u, SYSTEM)
    assert broken == audit.BrokenChain(case_id, made_at)


def test_events_cut_off_the_end_of_a_log_are_noticed(uow, demo_cases):
    from sqlalchemy import delete, func

    case_id = next(cid for cid, (p, s) in demo_cases.items() if s == "refused")
    with uow() as u:
        last = u.session.scalar(select(func.max(CaseEvent.seq)).where(
            CaseEvent.case_id == case_id))
        u.session.execute(delete(CaseEvent).where(CaseEvent.case_id == case_id,
                                                  CaseEvent.seq == last))
        broken = audit.verify_chains(u, SYSTEM)
    assert broken == audit.BrokenChain(case_id, last)
