"""Read side: flat queries over the projection tables; a list never loads a workflow.

Lists are paged in the database and bind the same few parameters whatever the number
of cases (PostgreSQL refuses a statement with more than 65,535), and they select named
columns only, so the stored workflow state never leaves the database for a list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, func, select

from models import Application, Case, HumanTask, Provider
from workflows import disclosure, labels
from workflows.access import readable_cases
from workflows.actors import Actor
from workflows.uow import UnitOfWork

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class CaseRow:
    case_id: int
    process_id: str
    reference: str
    provider: str
    status: str
    open_tasks: tuple[str, ...]
    status_label: str = ""
    process_label: str = ""
    task_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class CasePage:
    rows: tuple[CaseRow, ...]
    page: int
    page_size: int
    total: int

    @property
    def pages(self) -> int:
        return _pages(self.total, self.page_size)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def list_cases(uow: UnitOfWork, actor: Actor, *, status: str | None = None,
               process_id: str | None = None, provider_id: int | None = None,
               page: int = 1, page_size: int = PAGE_SIZE) -> CasePage:
    """One page of the cases the actor may see, newest first, each with the open tasks the
    actor's audience may see; a page past the end gives the last page."""
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    where = _filters(actor, status, process_id, provider_id)
    total = uow.session.scalar(select(func.count()).select_from(Case).where(*where)) or 0
    page = min(max(page, 1), _pages(total, page_size))
    paged = (select(Case.id, Case.process_id, Case.status, Case.provider_id,
                    Case.parent_case_id).where(*where)
             .order_by(Case.id.desc()).limit(page_size).offset((page - 1) * page_size)
             .subquery())
    rows = uow.session.execute(_with_names_and_tasks(paged)).all()
    reader = disclosure.audience(actor)
    return CasePage(tuple(_row(reader, *found) for found in _grouped(rows)), page, page_size,
                    total)


def _row(reader: str, head: tuple[Any, ...],
         tasks: list[tuple[str, str | None]]) -> CaseRow:
    case_id, process_id, status, provider, reference = head
    shown = [t for t in (disclosure.open_task(reader, b, lane) for b, lane in tasks) if t]
    return CaseRow(case_id, process_id, reference or "", provider or "", status,
                   tuple(step for step, _label, _role in shown),
                   labels.status(status, applicant=reader == "applicant"),
                   labels.process(process_id), tuple(label for _s, label, _r in shown))


def _pages(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))  # ceiling division; an empty list has one page


def _filters(actor: Actor, status: str | None, process_id: str | None,
             provider_id: int | None) -> list[ColumnElement[bool]]:
    where = [readable_cases(actor)]
    if status:
        where.append(Case.status == status)
    if process_id:
        where.append(Case.process_id == process_id)
    if provider_id is not None:
        where.append(Case.provider_id == provider_id)
    return where


def _with_names_and_tasks(paged: Subquery) -> Select[Any]:
    """The page's cases joined to their names and open tasks: one row per open task
    (or one without a task), in page order, then in the order the tasks opened. A
    contract or bridging case carries the reference of the application it came from."""
    page = paged.c
    return (select(page.id, page.process_id, page.status, Provider.name,
                   Application.reference, HumanTask.bpmn_id, HumanTask.lane)
            .select_from(paged)
            .outerjoin(Provider, Provider.id == page.provider_id)
            .outerjoin(Application, Application.case_id == func.coalesce(
                page.parent_case_id, page.id))
            .outerjoin(HumanTask, and_(HumanTask.case_id == page.id,
                                       HumanTask.completed_at.is_(None)))
            .order_by(page.id.desc(), HumanTask.id))


def _grouped(rows: Iterable[Sequence[Any]]
             ) -> list[tuple[tuple[Any, ...], list[tuple[str, str | None]]]]:
    """Rows of (case, process, status, provider, reference, task, lane) -> per case its
    head and its open tasks, in order."""
    found: dict[int, tuple[tuple[Any, ...], list[tuple[str, str | None]]]] = {}
    for *head, task, lane in rows:
        entry = found.setdefault(head[0], (tuple(head), []))
        if task:
            entry[1].append((task, lane))
    return list(found.values())
