"""Every timer in every diagram: a second before its moment a tick does nothing, a second
after it fires, exactly once, with the case saved and loaded between every tick."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from freezegun import freeze_time
from lxml import etree
from SpiffWorkflow.util.task import TaskState

from engine import serializer, store
from models import Case
from tests.integration.workflows.test_paths_bridging import bridging_case
from tests.integration.workflows.test_paths_contract import contract_case
from tests.integration.workflows.trail import case_state
from tests.integration.workflows.walk import BEG, Walk
from workflows import cases
from workflows.actors import SYSTEM

BPMN = Path(__file__).resolve().parents[3] / "bpmn"
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}


def timer_ids() -> set[str]:
    found = set()
    for path in BPMN.glob("*.bpmn"):
        root = etree.parse(str(path)).getroot()
        for node in root.iterfind(".//bpmn:timerEventDefinition", NS):
            found.add(node.getparent().get("id"))
    return found


def assessed(w: Walk, *, quality_ok: bool = True) -> None:
    w.submit(BEG)
    w.check()
    w.integrity()
    w.quality(BEG, governance_code=quality_ok)


def supplement_pending(w: Walk) -> None:
    w.submit(BEG)
    w.check(complete=False)


def views_pending(w: Walk) -> None:
    assessed(w, quality_ok=False)
    w.ask_views()


def decided(w: Walk) -> None:
    assessed(w)
    w.decide("admitted", BEG)


def lbb_pending(w: Walk) -> None:
    w.submit(BEG)
    w.check()
    w.screen(red_flags=1)
    w.do("integrity_officer", "decide_lbb_request", request_lbb=True)


def extension_due(w: Walk) -> None:
    contract_case(w)


def extension_undecided(w: Walk) -> None:
    contract_case(w)
    w.expire()  # extension_decision_due: the decision task opens, nobody decides


def final_term(w: Walk) -> None:
    contract_case(w)
    for _ in range(3):
        w.expire()
        w.do("contract_manager", "decide_extension", extend=True, motivation="Goed.")


def bridging_running(w: Walk) -> None:
    bridging_case(w)


def bridging_reminded(w: Walk) -> None:
    bridging_case(w)
    w.expire()  # the reminder comes first


def bridging_rounds_spent(w: Walk, monkeypatch: pytest.MonkeyPatch) -> None:
    from workflows import bridging

    monkeypatch.setattr(bridging, "MAX_TRANSFER_ROUNDS", 1)
    bridging_case(w)
    w.do("contract_manager", "register_client_transfer", clients_remaining=3, transfer_note="")


SETUPS: dict[str, Callable[..., None]] = {
    "supplement_term_expired": supplement_pending,
    "views_term_expired": views_pending,
    "objection_period": decided,
    "lbb_term_expired": lbb_pending,
    "extension_decision_due": extension_due,
    "extension_not_decided": extension_undecided,
    "contract_term_ends": final_term,
    "bridging_reminder": bridging_running,
    "bridging_term_expires": bridging_reminded,
    "bridging_term_wait": bridging_rounds_spent,
}


def times_fired(uow, case_id: int, bpmn_id: str) -> int:
    with uow() as u:
        case = u.session.get(Case, case_id)
        spec, subs = store.load_bundle(u.session, case.spec_hash).spec_for(case.process_id)
        workflow = serializer.load(case.state, spec, subs)
    return sum(1 for t in workflow.get_tasks(state=TaskState.COMPLETED)
               if t.task_spec.bpmn_id == bpmn_id)


def tick(uow, case_id, at) -> bool:
    with freeze_time(at), uow() as u:
        changed = cases.tick_case(u, SYSTEM, case_id).changed
        u.commit()
    return changed


def test_the_table_names_every_timer_in_the_procedure():
    assert set(SETUPS) == timer_ids()


@pytest.mark.parametrize("timer", sorted(SETUPS))
def test_a_timer_fires_once_one_second_after_its_moment(uow, actors, window_id, monkeypatch,
                                                       timer):
    walk = Walk(uow, actors, window_id)
    setup = SETUPS[timer]
    setup(walk, monkeypatch) if timer == "bridging_term_wait" else setup(walk)
    due = case_state(uow, walk.case_id).next_timer_at
    assert due is not None and times_fired(uow, walk.case_id, timer) == 0
    assert not tick(uow, walk.case_id, due - timedelta(seconds=1))
    assert times_fired(uow, walk.case_id, timer) == 0
    assert tick(uow, walk.case_id, due + timedelta(seconds=1))
    assert times_fired(uow, walk.case_id, timer) == 1
    tick(uow, walk.case_id, due + timedelta(seconds=2))
    assert times_fired(uow, walk.case_id, timer) == 1


def test_a_timer_already_past_when_reached_fires_in_the_same_command(uow, actors):
    """Otherwise the engine leaves it ready but unseen: no next timer, a stuck case."""
    from engine import clock
    from tests.integration.workflows.sleeper import deploy_sleeper, start_sleeper

    with uow() as u:
        deploy_sleeper(u)
        case_id = start_sleeper(u, clock.now() - timedelta(minutes=1),
                                actors["applicant_a"].provider_id)
        u.commit()
    state = case_state(uow, case_id)
    assert (state.status, state.completed, state.next_timer_at) == ("woke", True, None)
