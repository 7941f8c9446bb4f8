"""The demo is made by the real use cases: every demo case replays to its stored state."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from models import Case
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
