"""The reviewer's inbox: open tasks from the `human_task` projection, never a workflow.

Three tabs: "Mijn taken" (assigned to me), "Mijn team" (open in the roles I hold) and
"Niet toegewezen" (open in my roles, nobody's yet). One page costs a constant number of
statements whatever the number of cases: the three counts in one, the page's rows (with
case reference, provider and assignee joined) in another, and the same few parameters.

Each row carries the legal due date and an internal target date: `TARGET_WORKING_DAYS`
working days before the legal last day. The team aims at the target so a late step
still leaves time for the four-eyes check, the letter and the due-date warning (two
working days before) without the legal term running out. The target follows the due date
one to one, so sorting by either gives the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, select

from engine import clock
from models import (
    Application,
    ApplicationSubsegment,
    Case,
    HumanTask,
    Participation,
    Provider,
    User,
    UserRole,
)
from workflows import deadlines, disclosure, labels
from workflows.actors import OFFICER_ROLES, Actor
from workflows.errors import NotAllowed
from workflows.uow import UnitOfWork

TABS = ("mine", "team", "unassigned")
SORTS = ("due", "-due")
PAGE_SIZE = 25
# Counting stops here: past it a tab reads "meer dan 1000", and the count of a role's open
# tasks stays an index range of bounded length however many cases the region has.
COUNT_CAP = 1000
TARGET_WORKING_DAYS = 3
PRIORITIES = {"overdue": "Te laat", "urgent": "Dringend", "normal": "Normaal",
              "none": "Geen termijn"}


@dataclass(frozen=True)
class InboxFilters:
    """What the inbox shows; also what a work list keeps (see `as_dict`)."""

    tab: str = "mine"
    phase: str | None = None  # the task's process (integrity, quality, ...)
    task: str | None = None  # the kind of task (its BPMN id)
    subsegment_id: int | None = None
    municipality_id: int | None = None
    due_before: date | None = None  # due on or before this day
    overdue: bool = False
    sort: str = "due"

    def as_dict(self) -> dict[str, Any]:
        return {key: value.isoformat() if isinstance(value, date) else value
                for key, value in self.__dict__.items() if value not in (None, False)}

    @classmethod
    def from_dict(cls, found: dict[str, Any]) -> InboxFilters:
        due = found.get("due_before")
        return cls(**{**found, "due_before": date.fromisoformat(due) if due else None})


@dataclass(frozen=True)
class InboxRow:
    task_id: str
    case_id: int
    reference: str
    provider: str
    task_label: str
    role: str | None
    role_label: str
    phase_label: str
    due_at: datetime | None  # the moment the legal term has passed
    due_on: date | None  # the legal last day
    target_on: date | None
    priority: str
    priority_label: str
    assignee: str | None
    assignee_name: str | None
    mine: bool


@dataclass(frozen=True)
class InboxPage:
    filters: InboxFilters
    rows: tuple[InboxRow, ...]
    counts: dict[str, int]
    page: int
    page_size: int
    coordinates: tuple[str, ...]  # the roles the reader leads as coordinator

    count_cap: int = COUNT_CAP

    @property
    def total(self) -> int:
        return min(self.counts[self.filters.tab], self.count_cap)

    def more_than_cap(self, tab: str | None = None) -> bool:
        """Whether a tab (the current one by default) holds more tasks than were counted."""
        return self.counts[tab or self.filters.tab] > self.count_cap

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def require_officer(actor: Actor) -> frozenset[str]:
    """The officer roles (lanes) of the actor; the inbox is for reviewers only."""
    lanes = actor.roles & OFFICER_ROLES
    if not lanes:
        raise NotAllowed("De takenlijst is er alleen voor medewerkers die aanvragen "
                         "beoordelen.")
    return frozenset(lanes)


def list_inbox(uow: UnitOfWork, actor: Actor, *, filters: InboxFilters, page: int = 1,
               page_size: int = PAGE_SIZE,
               target_working_days: int = TARGET_WORKING_DAYS,
               count_cap: int = COUNT_CAP) -> InboxPage:
    """One page of a tab of the actor's inbox with the count of every tab."""
    lanes = sorted(require_officer(actor))
    now = clock.now()
    where = _filters(filters, now)
    mine = HumanTask.assignee == actor.email
    team = HumanTask.lane.in_(lanes)
    free = and_(team, HumanTask.assignee.is_(None))
    # One statement, three counts, each an index range (see models.case) of at most
    # count_cap + 1 rows.
    counted = select(*(select(func.count()).select_from(
        select(HumanTask.id).select_from(_joined(filters)).where(
            HumanTask.completed_at.is_(None), cond, *where).limit(count_cap + 1).subquery()
    ).scalar_subquery() for cond in (mine, team, free)))
    counts = dict(zip(TABS, (int(n) for n in uow.session.execute(counted).one()), strict=True))
    tab = {"mine": mine, "team": team, "unassigned": free}[filters.tab]
    page = min(max(page, 1), max(1, -(-min(counts[filters.tab], count_cap) // page_size)))
    paged = (select(HumanTask.id, HumanTask.task_id, HumanTask.case_id, HumanTask.bpmn_id,
                    HumanTask.lane, HumanTask.process_id, HumanTask.due_at,
                    HumanTask.assignee).select_from(_joined(filters))
             .where(HumanTask.completed_at.is_(None), tab, *where)
             .order_by(*_order(HumanTask.due_at, HumanTask.id, filters.sort))
             .limit(page_size).offset((page - 1) * page_size).subquery())
    stmt = _with_names(paged, filters.sort)
    reader = disclosure.audience(actor)
    found = uow.session.execute(stmt).all()
    rows = tuple(r for r in (_row(reader, actor, now, target_working_days, *f) for f in found)
                 if r is not None)
    return InboxPage(filters, rows, counts, page, page_size, coordinated_roles(uow, actor),
                     count_cap)


def last_day(due_at: datetime) -> date:
    """The legal last day of a task due at the midnight after it."""
    return deadlines.last_day(due_at)


def target_day(due_at: datetime, working_days: int = TARGET_WORKING_DAYS) -> date:
    """The internal target: `working_days` working days before the legal last day."""
    day = last_day(due_at)
    counted = 0
    while counted < working_days:
        day -= timedelta(days=1)
        counted += deadlines.is_working_day(day)
    return day


def priority(due_at: datetime | None, now: datetime,
             working_days: int = TARGET_WORKING_DAYS) -> str:
    """Overdue after the legal due moment, urgent from the target day, else normal."""
    if due_at is None:
        return "none"
    if due_at <= now:
        return "overdue"
    return "urgent" if deadlines.local_day(now) >= target_day(due_at, working_days) else \
        "normal"


def _joined(filters: InboxFilters) -> Any:
    """The task, joined to its application only when a filter needs that."""
    source: Any = HumanTask.__table__
    if filters.subsegment_id or filters.municipality_id:
        source = source.join(Case, Case.id == HumanTask.case_id).outerjoin(
            Application, Application.case_id == func.coalesce(Case.parent_case_id, Case.id))
    return source


def _order(due: Any, tie: Any, sort: str) -> tuple[Any, Any]:
    return (due.desc() if sort == "-due" else due.asc()).nulls_last(), tie


def _with_names(paged: Any, sort: str) -> Any:
    """The page's tasks (paged first, so the joins touch 25 rows, not the whole lane)
    with the case reference, provider and assignee's name. A contract or bridging case
    carries the reference of the application it came from."""
    page = paged.c
    return (select(page.task_id, page.case_id, page.bpmn_id, page.lane, page.process_id,
                   page.due_at, page.assignee, Application.reference, Provider.name,
                   User.name)
            .select_from(paged).join(Case, Case.id == page.case_id)
            .outerjoin(Application, Application.case_id == func.coalesce(
                Case.parent_case_id, Case.id))
            .outerjoin(Provider, Provider.id == Case.provider_id)
            .outerjoin(User, User.email == page.assignee)
            .order_by(*_order(page.due_at, page.id, sort)))


def _filters(filters: InboxFilters, now: datetime) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.phase:
        where.append(HumanTask.process_id == filters.phase)
    if filters.task:
        where.append(HumanTask.bpmn_id == filters.task)
    if filters.due_before:
        where.append(HumanTask.due_at <= deadlines.moment_after(filters.due_before))
    if filters.overdue:
        where.append(HumanTask.due_at <= now)
    if filters.subsegment_id:
        where.append(exists().where(
            ApplicationSubsegment.application_id == Application.id,
            ApplicationSubsegment.subsegment_id == filters.subsegment_id))
    if filters.municipality_id:
        where.append(exists().where(
            ApplicationSubsegment.application_id == Application.id,
            Participation.subsegment_id == ApplicationSubsegment.subsegment_id,
            Participation.municipality_id == filters.municipality_id))
    return where


def _row(reader: str, actor: Actor, now: datetime, working_days: int, task_id: str,
         case_id: int, bpmn_id: str, lane: str | None, process_id: str,
         due_at: datetime | None, assignee: str | None, reference: str | None,
         provider: str | None, assignee_name: str | None) -> InboxRow | None:
    shown = disclosure.open_task(reader, bpmn_id, lane)
    if shown is None:
        return None
    _step, task_label, role_label = shown
    level = priority(due_at, now, working_days)
    last, target = (last_day(due_at), target_day(due_at, working_days)) if due_at else \
        (None, None)
    return InboxRow(task_id, case_id, reference or "", provider or "", task_label, lane,
                    role_label, labels.process(process_id), due_at, last, target, level,
                    PRIORITIES[level], assignee, assignee_name, assignee == actor.email)


def coordinated_roles(uow: UnitOfWork, actor: Actor) -> tuple[str, ...]:
    """The roles the actor leads as coordinator (team lead), that the actor also holds."""
    if actor.user_id is None:
        return ()
    found = uow.session.scalars(select(UserRole.role).where(
        UserRole.user_id == actor.user_id, UserRole.coordinator.is_(True))).all()
    return tuple(sorted(r for r in found if r in actor.roles and r in OFFICER_ROLES))
