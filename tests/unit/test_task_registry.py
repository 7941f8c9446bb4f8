"""The task registry: every user task of every diagram is in it (and nothing else), and
its forms refuse bad input per field, in Dutch, for JSON and browser forms alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lxml import etree
from marshmallow import fields

from workflows.errors import InvalidInput
from workflows.tasks import MAX_PAYLOAD_BYTES, REGISTRY, from_browser, load_task_form
from workflows.tasks.fields import TaskSchema, day

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
SPIFF = "{http://spiffworkflow.org/bpmn/schema/1.0/core}"
ROOT = Path(__file__).resolve().parents[2] / "bpmn"


def _user_tasks() -> dict[str, dict[str, str | None]]:
    """bpmn id -> process, lane and `due` property, read from the diagrams."""
    found = {}
    for path in ROOT.glob("*.bpmn"):
        for process in etree.parse(str(path)).getroot().iter(f"{BPMN}process"):
            lanes = {ref.text: lane.get("name") for lane in process.iter(f"{BPMN}lane")
                     for ref in lane.iter(f"{BPMN}flowNodeRef")}
            for task in process.iter(f"{BPMN}userTask"):
                props = {p.get("name"): p.get("value") for p in task.iter(f"{SPIFF}property")}
                found[task.get("id")] = {"process": process.get("id"),
                                         "lane": lanes.get(task.get("id")),
                                         "due": props.get("due"), "name": task.get("name")}
    return found


def test_every_user_task_of_every_diagram_is_in_the_registry_and_nothing_else():
    assert set(_user_tasks()) == set(REGISTRY)


@pytest.mark.parametrize("bpmn_id", sorted(REGISTRY))
def test_the_registry_agrees_with_the_diagram_on_process_role_name_and_term(bpmn_id):
    task, spec = _user_tasks()[bpmn_id], REGISTRY[bpmn_id]
    assert (spec.process_id, spec.role, spec.label) == (task["process"], task["lane"],
                                                        task["name"])
    assert (spec.term is None) == (task["due"] is None), "a due date follows a named term"


@pytest.mark.parametrize("bpmn_id", sorted(REGISTRY))
def test_every_field_has_a_dutch_label_and_every_task_a_summary(bpmn_id):
    spec = REGISTRY[bpmn_id]
    assert spec.summary
    for name, field in spec.fields().items():
        assert field.metadata.get("label"), f"{bpmn_id}.{name} has no label"


def test_a_valid_completeness_check_loads():
    assert load_task_form("check_completeness", {"complete": True}) == {
        "complete": True, "missing_items": [], "completeness_note": ""}


@pytest.mark.parametrize(("task", "data", "field", "message"), [
    ("check_completeness", {}, "complete", "Dit veld is verplicht."),
    ("check_completeness", {"complete": False}, "missing_items", "Noem wat er ontbreekt."),
    ("check_completeness", {"complete": "misschien"}, "complete", "Kies ja of nee."),
    ("review_bibob_questionnaire", {"questionnaire_complete": True, "red_flags": -1},
     "red_flags", "Vul een heel getal van 0 tot en met 50 in."),
    ("decide_admission", {"outcome": "maybe", "motivation": "x"}, "outcome",
     "Kies een van de mogelijkheden."),
    ("decide_admission", {"outcome": "admitted", "motivation": "x"}, "admitted_subsegments",
     None),
    ("decide_admission", {"outcome": "refused", "admitted_subsegments": ["a"],
                          "motivation": "x"}, "admitted_subsegments", None),
    ("submit_views", {"views": ""}, "views", None),
    ("submit_views", {"views": "ok", "extra": 1}, "extra",
     "Dit veld hoort niet bij dit formulier."),
], ids=["missing-field", "incomplete-without-items", "not-a-boolean", "negative-count",
        "unknown-outcome", "admitted-without-subsegments", "refused-with-subsegments",
        "empty-views", "unknown-field"])
def test_invalid_task_data_is_refused_per_field_in_dutch(task, data, field, message):
    with pytest.raises(InvalidInput) as caught:
        load_task_form(task, data)
    assert field in caught.value.fields
    if message:
        assert caught.value.fields[field] == [message]


def test_oversized_task_data_is_refused():
    with pytest.raises(InvalidInput, match="groter dan"):
        load_task_form("submit_views", {"views": "x" * (MAX_PAYLOAD_BYTES + 1)})


def test_data_that_is_not_an_object_is_refused():
    with pytest.raises(InvalidInput, match="object"):
        load_task_form("submit_views", ["views"])


def test_an_unknown_task_has_no_form():
    with pytest.raises(InvalidInput, match="geen formulier"):
        load_task_form("make_coffee", {})


def test_a_browser_form_with_unticked_boxes_reads_as_false():
    spec = REGISTRY["assess_quality_criteria"]
    form = {"governance_code": ["on"], "subsegments_meeting_specific_criteria":
            ["ambulant_begeleiding", "ambulant_behandeling"], "quality_note": ["  "]}
    data = load_task_form(spec.bpmn_id, from_browser(spec, form))
    assert data == {"governance_code": True, "wnt_compliant": False, "certified": False,
                    "registrations_valid": False, "quality_note": "",
                    "subsegments_meeting_specific_criteria": [
                        "ambulant_begeleiding", "ambulant_behandeling"]}


def test_a_browser_form_takes_a_list_one_item_per_line_and_yes_no_as_text():
    spec = REGISTRY["check_completeness"]
    form = {"complete": ["nee"], "missing_items": ["Jaarrekening 2025\r\n\r\nVOG bestuur"]}
    assert load_task_form(spec.bpmn_id, from_browser(spec, form)) == {
        "complete": False, "missing_items": ["Jaarrekening 2025", "VOG bestuur"],
        "completeness_note": ""}


def test_an_unanswered_yes_no_question_in_a_browser_form_is_required():
    spec = REGISTRY["check_completeness"]
    with pytest.raises(InvalidInput) as caught:
        load_task_form(spec.bpmn_id, from_browser(spec, {}))
    assert caught.value.fields == {"complete": ["Dit veld is verplicht."]}


def test_a_browser_form_sends_numbers_as_text():
    spec = REGISTRY["register_client_transfer"]
    data = load_task_form(spec.bpmn_id, from_browser(spec, {"clients_remaining": [" 7 "]}))
    assert data == {"clients_remaining": 7, "transfer_note": ""}


class _DaySchema(TaskSchema):
    on = day("Datum")


@pytest.mark.parametrize(("value", "expected"), [
    ("11-12-2026", date(2026, 12, 11)), ("1-3-2027", date(2027, 3, 1)),
    ("2026-12-11", date(2026, 12, 11)),
])
def test_dates_are_read_as_dd_mm_jjjj_or_iso(value, expected):
    assert _DaySchema().load({"on": value}) == {"on": expected}


@pytest.mark.parametrize("value", ["31-02-2026", "11/12/2026", "morgen", "2026-13-01"])
def test_an_impossible_or_unreadable_date_is_refused_in_dutch(value):
    errors = _DaySchema().validate({"on": value})
    assert errors == {"on": ["Geef een datum als dd-mm-jjjj, bijvoorbeeld 11-12-2026."]}


def test_field_types_name_their_widget_for_the_screens():
    widgets = {field.metadata["widget"] for spec in REGISTRY.values()
               for field in spec.fields().values()}
    assert widgets <= {"checkbox", "yesno", "radio", "text", "textarea", "number", "lines",
                       "subsegments", "date"}
    assert all(isinstance(f, fields.Field) for s in REGISTRY.values()
               for f in s.fields().values())


def test_an_error_in_one_line_of_a_list_names_the_line_in_dutch():
    with pytest.raises(InvalidInput) as caught:
        load_task_form("check_completeness", {"complete": False,
                                              "missing_items": ["VOG", "x" * 201, 7]})
    assert caught.value.fields == {"missing_items": [
        "Regel 2: Ten hoogste 200 tekens per regel.", "Regel 3: Vul tekst in."]}


def test_data_nested_too_deep_is_refused_in_dutch():
    deep: list[object] = []
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(InvalidInput, match="te diep genest"):
        load_task_form("submit_views", {"views": deep})
