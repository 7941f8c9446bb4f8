"""The task registry: one entry per BPMN user task, the single place that says what the
task asks (schema with Dutch labels), who may do it, what its completion adds to the case
data (derive step) and which legal term its due date follows.

Screens, the API, access checks and the decision-term bookkeeping all read from here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from types import MappingProxyType
from typing import Any

from marshmallow import Schema, ValidationError, fields

from workflows.actors import Actor
from workflows.errors import InvalidInput
from workflows.tasks.fields import FALSE_WORDS

MAX_PAYLOAD_BYTES = 64 * 1024

# (validated form, the task's current case data, who completes it, the command's moment)
Deriver = Callable[[dict[str, Any], dict[str, Any], Actor, datetime], dict[str, Any]]


@dataclass(frozen=True)
class TaskSpec:
    bpmn_id: str
    process_id: str
    label: str
    schema: type[Schema]
    role: str  # the diagram's lane; "applicant" means the case's own organisation
    summary: str = ""
    derive: Deriver | None = None
    term: str | None = None  # the legal term its due date follows (deadlines.TERM_NAMES)
    assesses: bool = False  # who completed it assessed the case (separation of duties)
    decides: bool = False  # may not be completed by someone who assessed the case
    irreversible: bool = False  # the screen asks for confirmation first
    second_of: str | None = None  # four-eyes: not by who completed that task last

    def fields(self) -> Mapping[str, fields.Field[Any]]:
        return MappingProxyType(dict(_instance(self.schema).fields))


def build(specs: Iterable[TaskSpec]) -> Mapping[str, TaskSpec]:
    found: dict[str, TaskSpec] = {}
    for spec in specs:
        if spec.bpmn_id in found:
            raise ValueError(f"taak {spec.bpmn_id} staat twee keer in het register")
        found[spec.bpmn_id] = spec
    return MappingProxyType(found)


def load_form(spec: TaskSpec, data: Any) -> dict[str, Any]:
    """Validated task data, or InvalidInput with a Dutch message per field."""
    if not isinstance(data, dict):
        raise InvalidInput("De gegevens moeten een object met velden zijn.")
    try:
        size = len(json.dumps(data, default=str).encode())
    except (RecursionError, ValueError) as err:  # nested too deep, or a loop
        raise InvalidInput("De gegevens zijn te diep genest.") from err
    if size > MAX_PAYLOAD_BYTES:
        raise InvalidInput(f"De gegevens zijn groter dan {MAX_PAYLOAD_BYTES // 1024} kB.")
    try:
        loaded: dict[str, Any] = _instance(spec.schema).load(data)
    except ValidationError as err:
        raise InvalidInput("Niet alle velden zijn goed ingevuld.",
                           _flatten(err.messages)) from err
    return loaded


def from_browser(spec: TaskSpec, form: Mapping[str, Any]) -> dict[str, Any]:
    """A browser form (name -> list of values) as the schema's input: an unticked box
    becomes false, a list comes from repeated values or one per line of a text area."""
    data: dict[str, Any] = {}
    for name, field in spec.fields().items():
        values = [v for v in form.get(name, []) if isinstance(v, str)]
        widget = field.metadata.get("widget")
        if isinstance(field, fields.List):
            data[name] = [line.strip() for v in values for line in v.splitlines()
                          if line.strip()]
        elif widget == "checkbox":
            data[name] = bool(values) and values[-1].strip().lower() not in FALSE_WORDS
        elif values and (values[-1].strip() or widget in ("text", "textarea")):
            data[name] = values[-1].strip()
    return data


@cache
def _instance(schema: type[Schema]) -> Schema:
    """One instance per schema: building one costs more than validating with it, and a
    marshmallow schema keeps no state between loads."""
    return schema()


def _flatten(messages: Any) -> dict[str, list[str]]:
    """Marshmallow's messages as sentences per field; a list item's become "Regel 2: ..."."""
    if not isinstance(messages, dict):
        return {"_schema": [str(m) for m in messages]}
    return {str(k): _sentences(v) for k, v in messages.items()}


def _sentences(found: Any) -> list[str]:
    if isinstance(found, dict):
        return [f"Regel {int(i) + 1}: {m}" if isinstance(i, int) else m
                for i, value in found.items() for m in _sentences(value)]
    if isinstance(found, list | tuple):
        return [m for value in found for m in _sentences(value)]
    return [str(found)]
