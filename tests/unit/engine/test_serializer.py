"""The stored state is the same text whichever way it is written: `dump` lets the JSON
encoder convert values (the library's encoder mode) and must match the registry's own
conversion byte for byte, at every step of a path, or replay would stop matching."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine import clock, serializer
from engine import workflow as wf_ops
from engine.scripting import ScriptEngine
from engine.specs import SpecSource, parse_bundle

BPMN_DIR = Path(__file__).resolve().parents[3] / "bpmn"
START = {"subsegments": ["a", "b"], "supplement_rounds": 0, "max_supplement_rounds": 2,
         "decision_due": "2099-01-01T00:00:00+00:00", "reference": "B-1",
         "suspensions": [{"kind": "supplement", "answered": None}]}
PATH = [
    ("check_completeness", {"complete": True, "missing_items": []}),
    ("review_bibob_questionnaire", {"questionnaire_complete": True, "red_flags": 0}),
    ("own_investigation", {"register_hits": 0, "criminal_antecedents": False}),
    ("conclude_integrity", {"integrity_passed": True, "integrity_motivation": "ok"}),
    ("assess_quality_criteria", {"governance_code": True, "wnt_compliant": True,
                                 "certified": True, "registrations_valid": True,
                                 "subsegments_meeting_specific_criteria": ["a"]}),
    ("conclude_quality", {"quality_motivation": "ok"}),
]


def services(name: str, _params: dict[str, Any], _meta: dict[str, Any]) -> dict[str, Any]:
    if name == "compute_decision_term":
        return {"decision_due": START["decision_due"], "decision_last_day": "2098-12-31"}
    return {"ok": True}


def by_the_registry(workflow: Any) -> str:
    """The plain way: the registry converts everything, then json.dumps."""
    ser = serializer._serializer()
    data = ser.to_dict(workflow)
    data[ser.VERSION_KEY] = ser.VERSION
    serializer._sort_deletions(data)
    return json.dumps(data, separators=(",", ":"))


@pytest.fixture(scope="module")
def admission() -> tuple[Any, dict[str, Any]]:
    sources = [SpecSource(p.name, p.read_bytes()) for p in sorted(BPMN_DIR.iterdir())]
    return parse_bundle(sources).spec_for("admission")


def test_dump_writes_the_registrys_text_at_every_step(admission):
    spec, subs = admission
    with wf_ops.command_scope("case/1/command/1", clock.now()):
        workflow = wf_ops.new_workflow(spec, subs, ScriptEngine(services), dict(START))
        wf_ops.run_steps(workflow, lambda _t: None)
    for step, (bpmn_id, data) in enumerate(PATH, start=2):
        state = serializer.dump(workflow)
        assert state == by_the_registry(workflow)
        with wf_ops.command_scope(f"case/1/command/{step}", clock.now()):
            workflow = serializer.load(state, spec, subs)
            assert serializer.dump(workflow) == state
            workflow.script_engine = ScriptEngine(services)
            task = next(t for t in wf_ops.ready_tasks(workflow) if t.bpmn_id == bpmn_id)
            wf_ops.complete(workflow, task.task_id, data)
            wf_ops.run_steps(workflow, lambda _t: None)
    assert serializer.dump(workflow) == by_the_registry(workflow)


def test_a_set_in_task_data_still_fails_the_dump(admission):
    spec, subs = admission
    workflow = wf_ops.new_workflow(spec, subs, ScriptEngine(services), dict(START))
    workflow.get_tasks()[-1].data["odd"] = {1, 2}
    with pytest.raises(TypeError):
        serializer.dump(workflow)
