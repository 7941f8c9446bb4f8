"""Frozen views that use cases return: never ORM objects that outlive their session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TaskView:
    task_id: str
    bpmn_id: str
    name: str
    lane: str | None
    due_at: datetime | None


@dataclass(frozen=True)
class CaseView:
    case_id: int
    process_id: str
    status: str
    completed: bool
    provider_id: int | None
    open_tasks: tuple[TaskView, ...]
