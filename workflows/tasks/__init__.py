"""The registry of user tasks: `REGISTRY[bpmn_id]` says everything about one task.

    registry     TaskSpec, form loading (JSON and browser forms)
    fields       field types with Dutch labels, help texts and error messages
    admission, integrity, quality, agreements, remedies   the tasks of each diagram
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workflows.errors import InvalidInput, NotFound
from workflows.tasks import admission, agreements, integrity, quality, remedies
from workflows.tasks.registry import MAX_PAYLOAD_BYTES, TaskSpec, build, from_browser, load_form

REGISTRY: Mapping[str, TaskSpec] = build(
    (*admission.TASKS, *integrity.TASKS, *quality.TASKS, *agreements.TASKS,
     *remedies.TASKS))
ASSESSMENT_TASKS = frozenset(s.bpmn_id for s in REGISTRY.values() if s.assesses)
DECISION_TERM_TASKS = tuple(s.bpmn_id for s in REGISTRY.values() if s.term == "decision")

__all__ = ["ASSESSMENT_TASKS", "DECISION_TERM_TASKS", "MAX_PAYLOAD_BYTES", "REGISTRY",
           "TaskSpec", "from_browser", "load_form", "load_task_form", "task_spec"]


def task_spec(bpmn_id: str) -> TaskSpec:
    spec = REGISTRY.get(bpmn_id)
    if spec is None:
        raise NotFound("Voor deze taak bestaat geen formulier.")
    return spec


def load_task_form(bpmn_id: str, data: Any) -> dict[str, Any]:
    """Validated data for a task, or InvalidInput with a Dutch message per field."""
    spec = REGISTRY.get(bpmn_id)
    if spec is None:
        raise InvalidInput("Voor deze taak bestaat geen formulier.")
    return load_form(spec, data)
