"""Authorization, tested over the path tables of every diagram: before each step every
persona that may not take it is refused and nothing changes (see guarded.py); separation
of duties is tested with two decision makers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.integration.workflows import (
    test_paths_admission,
    test_paths_bridging,
    test_paths_contract,
    test_paths_integrity,
    test_paths_objection,
    test_paths_quality,
)
from tests.integration.workflows.guarded import GuardedWalk
from tests.integration.workflows.walk import BEG, BEH, Walk
from tests.raw_codes import raw_codes_in
from workflows import bridging
from workflows.errors import NotAllowed
from workflows.tasks import REGISTRY

Steps = Callable[[Walk], object]


def _integrity(path: test_paths_integrity.Path) -> Steps:
    def steps(w: Walk) -> None:
        test_paths_integrity.screen(w, path.signals)
        path.steps(w)
        w.conclude_integrity()
        w.quality(BEG)
    return steps


def _bridging(path: test_paths_bridging.Path) -> Steps:
    def steps(w: Walk) -> None:
        test_paths_bridging.bridging_case(w)
        path.steps(w)
    return steps


def _contract(decisions: list[bool]) -> Steps:
    def steps(w: Walk) -> None:
        test_paths_contract.contract_case(w)
        for extend in decisions:
            w.expire()
            w.do("contract_manager", "decide_extension", extend=extend, motivation="Besluit.")
        w.expire()
    return steps


def _quality(criteria: dict[str, bool], specific: list[str]) -> Steps:
    return lambda w: test_paths_quality.assessed(w, criteria, specific)


def _objection(model: str, path: test_paths_objection.Path) -> Steps:
    return lambda w: test_paths_objection.walk_path(w, w.uow, model, path)


def _rows() -> list[object]:
    rows = [pytest.param(p.values[0].steps, id=f"admission-{p.id}")
            for p in test_paths_admission.PATHS]
    rows += [pytest.param(_integrity(p.values[0]), id=f"integrity-{p.id}")
             for p in test_paths_integrity.PATHS]
    rows += [pytest.param(_bridging(p.values[0]), id=f"bridging-{p.id}")
             for p in test_paths_bridging.PATHS]
    rows += [pytest.param(_contract(decisions), id=f"contract-{len(decisions)}-decisions")
             for decisions in ([False], [True, False], [True, True, True])]
    rows += [pytest.param(_quality(criteria, specific), id=f"quality-{name}")
             for name, criteria, specific in (
                 ("all", {}, [BEG, BEH]), ("some", {}, [BEG]),
                 ("governance_fails", {"governance_code": False}, [BEG, BEH]))]
    rows += [pytest.param(_objection(model, p.values[0]), id=f"{process}-{p.id}")
             for model, process in test_paths_objection.MODELS.items()
             for p in test_paths_objection.PATHS]
    return rows


@pytest.fixture
def guarded(uow, actors, window_id, monkeypatch) -> GuardedWalk:
    monkeypatch.setattr(bridging, "MAX_TRANSFER_ROUNDS", 2)
    return GuardedWalk(uow, actors, window_id)


@pytest.mark.parametrize("steps", _rows())
def test_every_persona_that_may_not_take_a_step_is_refused_and_nothing_changes(
        guarded, steps):
    steps(guarded)
    refused = {persona for persona, _step, _error in guarded.refusals}
    assert {"applicant_b", "auditor", "admin"} <= refused
    in_own_case = {(p, e) for p, step, e in guarded.refusals if step in REGISTRY}
    assert ("applicant_b", "NotAllowed") not in in_own_case  # another organisation: not found


def test_who_assessed_a_case_cannot_decide_it_and_sees_why(guarded, uow):
    guarded.submit(BEG)
    guarded.check()
    guarded.screen()
    guarded.do("decision_maker_2", "conclude_integrity", integrity_passed=True,
               integrity_motivation="Beoordeeld.")
    guarded.quality(BEG)
    with pytest.raises(NotAllowed) as caught:
        Walk.do(guarded, "decision_maker_2", "decide_admission", outcome="admitted",
                admitted_subsegments=[BEG], motivation="Toegelaten.")
    assert "zelf beoordeeld" in caught.value.message
    assert "Integriteitstoets afronden" in caught.value.message
    assert raw_codes_in(caught.value.message) == set()
    guarded.decide("admitted", BEG)  # the other decision maker may


def test_a_decision_maker_who_did_not_assess_may_decide(guarded):
    guarded.assessed(BEG)
    Walk.do(guarded, "decision_maker_2", "decide_admission", outcome="admitted",
            admitted_subsegments=[BEG], motivation="Toegelaten.")
