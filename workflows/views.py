"""Frozen views that use cases return: never ORM objects that outlive their session.

Codes (status, process, lane, task id) stay in the views for machines; people get the
Dutch labels beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workflows import deadlines
from workflows.case_data import DataItem


@dataclass(frozen=True)
class TaskView:
    task_id: str
    bpmn_id: str
    name: str
    lane: str | None
    due_at: datetime | None
    label: str = ""
    role_label: str = ""

    @property
    def last_day(self) -> date | None:
        """The legal last day (the task is due at the midnight after it)."""
        return deadlines.last_day(self.due_at) if self.due_at else None


@dataclass(frozen=True)
class CaseView:
    case_id: int
    process_id: str
    status: str
    completed: bool
    provider_id: int | None
    open_tasks: tuple[TaskView, ...]
    reference: str = ""
    provider: str = ""
    status_label: str = ""
    process_label: str = ""
    data: tuple[DataItem, ...] = ()
