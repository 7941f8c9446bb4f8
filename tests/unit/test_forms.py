"""Every task form refuses bad input with field errors before anything runs."""

from __future__ import annotations

import pytest

from workflows.errors import InvalidInput
from workflows.forms import MAX_PAYLOAD_BYTES, TASK_SCHEMAS, load_task_form


def test_a_valid_completeness_check_loads():
    assert load_task_form("check_completeness", {"complete": True}) == {
        "complete": True, "missing_items": [], "note": ""}


@pytest.mark.parametrize(("task", "data", "field"), [
    ("check_completeness", {}, "complete"),
    ("check_completeness", {"complete": False}, "missing_items"),
    ("check_completeness", {"complete": "misschien"}, "complete"),
    ("review_bibob_questionnaire", {"questionnaire_complete": True, "red_flags": -1},
     "red_flags"),
    ("decide_admission", {"outcome": "maybe", "motivation": "x"}, "outcome"),
    ("decide_admission", {"outcome": "admitted", "motivation": "x"}, "admitted_subsegments"),
    ("decide_admission", {"outcome": "refused", "admitted_subsegments": ["a"],
                          "motivation": "x"}, "admitted_subsegments"),
    ("submit_views", {"views": ""}, "views"),
    ("submit_views", {"views": "ok", "extra": 1}, "extra"),
], ids=["missing-field", "incomplete-without-items", "not-a-boolean", "negative-count",
        "unknown-outcome", "admitted-without-subsegments", "refused-with-subsegments",
        "empty-views", "unknown-field"])
def test_invalid_task_data_is_refused_per_field(task, data, field):
    with pytest.raises(InvalidInput) as caught:
        load_task_form(task, data)
    assert field in caught.value.fields


def test_oversized_task_data_is_refused():
    with pytest.raises(InvalidInput, match="groter dan"):
        load_task_form("submit_views", {"views": "x" * (MAX_PAYLOAD_BYTES + 1)})


def test_data_that_is_not_an_object_is_refused():
    with pytest.raises(InvalidInput, match="object"):
        load_task_form("submit_views", ["views"])


def test_an_unknown_task_has_no_form():
    with pytest.raises(InvalidInput, match="geen formulier"):
        load_task_form("make_coffee", {})


def test_every_user_task_in_the_procedure_has_a_form():
    from pathlib import Path

    from lxml import etree

    root = Path(__file__).resolve().parents[2] / "bpmn"
    ns = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}
    user_tasks = {
        node.get("id")
        for path in root.glob("*.bpmn")
        for node in etree.parse(str(path)).getroot().iterfind(".//bpmn:userTask", ns)
    }
    assert user_tasks == set(TASK_SCHEMAS)
