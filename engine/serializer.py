"""Instance-only serialization: the spec is stored once, by hash, not in every state.

The serializer's JSON keeps task data as deltas against the parent task, so the text
must be stored byte for byte (TEXT, never JSON/JSONB, which reorder keys).
"""

from __future__ import annotations

import json
import threading
from contextvars import ContextVar
from datetime import date
from functools import lru_cache
from typing import Any
from uuid import UUID

import SpiffWorkflow.bpmn.serializer.default.workflow as spiff_converters
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import (
    BpmnWorkflowConverter,
    WorkflowConverter,
)
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG


class InstanceOnlyConverter(BpmnWorkflowConverter):
    """Skips the spec on the way out; `load` hands the cached parsed spec back in."""

    def to_dict(self, workflow: BpmnWorkflow) -> dict[str, Any]:
        data: dict[str, Any] = WorkflowConverter.to_dict(self, workflow)
        data["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        data["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return data


_local = threading.local()


_remembering: ContextVar[bool] = ContextVar("remembering_ids", default=False)


@lru_cache(maxsize=8192)
def _parsed_uuid(value: str) -> UUID:
    return UUID(value)


def _uuid(value: str) -> UUID:
    """Loading parses every task id three times (the task's, its parent's list, its
    children's) and again at the next command of the same case; ids never change, so
    `load` remembers them (about a third less time per load). Only inside `load`: other
    users of the library see it as it is."""
    return _parsed_uuid(value) if _remembering.get() else UUID(value)


class _StrictEncoder(json.JSONEncoder):
    """Writes the registered types (UUID, datetime, date, ...) as the registry would, and
    nothing else: a set or a function in task data still fails the command, as it did
    before the encoder did this work."""

    def default(self, o: Any) -> Any:
        registry = _serializer().registry
        typename = registry.typenames.get(type(o))
        if typename is not None:
            return registry.convert_to_dict[typename](o)
        return super().default(o)


def _serializer() -> BpmnWorkflowSerializer:
    """One per thread: `dump` switches the registry's encoder mode while it works."""
    serializer: BpmnWorkflowSerializer | None = getattr(_local, "serializer", None)
    if serializer is None:
        serializer = _local.serializer = _build()
    return serializer


def _build() -> BpmnWorkflowSerializer:
    spiff_converters.UUID = _uuid
    config = dict(SPIFF_CONFIG)
    config[BpmnWorkflow] = InstanceOnlyConverter
    registry = BpmnWorkflowSerializer.configure(config)
    registry.register(date, lambda v: {"value": v.isoformat()},
                      lambda d: date.fromisoformat(d["value"]))
    return BpmnWorkflowSerializer(registry)


def dump(workflow: BpmnWorkflow) -> str:
    """The library's encoder mode (what its serialize_json uses) leaves the values inside
    task data to the JSON encoder instead of copying them first: same text, less work."""
    serializer = _serializer()
    serializer.registry._encoder_mode = True
    try:
        data = serializer.to_dict(workflow)
    finally:
        serializer.registry._encoder_mode = False
    data[serializer.VERSION_KEY] = serializer.VERSION
    _sort_deletions(data)
    return json.dumps(data, separators=(",", ":"), cls=_StrictEncoder)


def _sort_deletions(data: dict[str, Any]) -> None:
    """Deletions come from set arithmetic, whose order varies per process (hash seed);
    sorted, the same workflow always dumps to the same text, which replay relies on."""
    for task in data.get("tasks", {}).values():
        delta = task.get("delta")
        if delta and delta.get("deletions"):
            delta["deletions"] = sorted(delta["deletions"])
    for sub in data.get("subprocesses", {}).values():
        _sort_deletions(sub)


def load(state: str, spec: Any, subprocess_specs: dict[str, Any]) -> BpmnWorkflow:
    data = json.loads(state)
    serializer = _serializer()
    serializer.migrate(data)
    data["spec"], data["subprocess_specs"] = spec, subprocess_specs
    token = _remembering.set(True)
    try:
        workflow: BpmnWorkflow = serializer.from_dict(data)
    finally:
        _remembering.reset(token)
    return workflow
