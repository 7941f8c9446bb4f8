"""Saved work lists (named inbox filters, each user's own) and the choices the inbox's
filter form offers."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from engine import clock
from models import Municipality, Subsegment, WorkList
from workflows import assignment, disclosure, labels
from workflows.actors import Actor
from workflows.assignment import Person
from workflows.errors import Conflict, InvalidInput, NotFound
from workflows.inbox import (
    TARGET_WORKING_DAYS,
    InboxFilters,
    InboxPage,
    list_inbox,
    require_officer,
)
from workflows.tasks import REGISTRY
from workflows.uow import UnitOfWork

MAX_NAME = 100
MAX_LISTS = 50


@dataclass(frozen=True)
class SavedList:
    list_id: int
    name: str
    filters: InboxFilters


@dataclass(frozen=True)
class FilterChoices:
    """(value, Dutch label) pairs for each filter of the inbox."""

    phases: tuple[tuple[str, str], ...]
    tasks: tuple[tuple[str, str], ...]
    subsegments: tuple[tuple[int, str], ...]
    municipalities: tuple[tuple[int, str], ...]


def save_work_list(uow: UnitOfWork, actor: Actor, *, name: str,
                   filters: InboxFilters) -> SavedList:
    """Keep the current inbox filters under a name, for the actor only."""
    require_officer(actor)
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        message = f"Geef de werklijst een naam van ten hoogste {MAX_NAME} tekens."
        raise InvalidInput(message, {"name": [message]})
    own = uow.session.scalars(select(WorkList.name).where(
        WorkList.user_id == actor.user_id)).all()
    if name in own:
        raise Conflict(f"U heeft al een werklijst met de naam '{name}'.")
    if len(own) >= MAX_LISTS:
        raise Conflict(f"U kunt ten hoogste {MAX_LISTS} werklijsten bewaren.")
    row = WorkList(user_id=actor.user_id, name=name, created_at=clock.now(),
                   filters=json.dumps(filters.as_dict(), sort_keys=True))
    uow.session.add(row)
    uow.session.flush()
    return SavedList(row.id, row.name, filters)


def list_work_lists(uow: UnitOfWork, actor: Actor) -> tuple[SavedList, ...]:
    """The actor's own work lists, by name."""
    require_officer(actor)
    rows = uow.session.scalars(select(WorkList).where(WorkList.user_id == actor.user_id)
                               .order_by(WorkList.name)).all()
    return tuple(SavedList(r.id, r.name, InboxFilters.from_dict(json.loads(r.filters)))
                 for r in rows)


def delete_work_list(uow: UnitOfWork, actor: Actor, *, list_id: int) -> None:
    """Delete one of the actor's own work lists (someone else's does not exist for you)."""
    require_officer(actor)
    row = uow.session.get(WorkList, list_id)
    if row is None or row.user_id != actor.user_id:
        raise NotFound("Deze werklijst bestaat niet.")
    uow.session.delete(row)


def filter_choices(uow: UnitOfWork, actor: Actor) -> FilterChoices:
    """The phases and kinds of task of the actor's roles, and the region's subsegments
    and municipalities, all by their Dutch names."""
    lanes = require_officer(actor)
    reader = disclosure.audience(actor)
    specs = [s for s in REGISTRY.values() if s.role in lanes]
    tasks = {}
    for spec in specs:
        shown = disclosure.open_task(reader, spec.bpmn_id, spec.role)
        if shown is not None and shown[0]:
            tasks[spec.bpmn_id] = shown[1]
    phases = {s.process_id: labels.process(s.process_id) for s in specs}
    subsegments = uow.session.execute(select(Subsegment.id, Subsegment.name)
                                      .order_by(Subsegment.name)).all()
    municipalities = uow.session.execute(select(Municipality.id, Municipality.name)
                                         .order_by(Municipality.name)).all()
    return FilterChoices(tuple(sorted(phases.items(), key=lambda p: p[1])),
                         tuple(sorted(tasks.items(), key=lambda t: t[1])),
                         tuple((i, n) for i, n in subsegments),
                         tuple((i, n) for i, n in municipalities))


@dataclass(frozen=True)
class Workspace:
    """Everything the inbox screen shows, read in one transaction."""

    inbox: InboxPage
    choices: FilterChoices
    work_lists: tuple[SavedList, ...]
    team: tuple[Person, ...]  # whom a coordinator can give tasks to (others: empty)


def open_workspace(uow: UnitOfWork, actor: Actor, *, filters: InboxFilters, page: int = 1,
                   target_working_days: int = TARGET_WORKING_DAYS) -> Workspace:
    """The inbox page with its filter choices, the actor's work lists and, for a
    coordinator, the team."""
    found = list_inbox(uow, actor, filters=filters, page=page,
                       target_working_days=target_working_days)
    return Workspace(found, filter_choices(uow, actor), list_work_lists(uow, actor),
                     assignment.team_people(uow, actor) if found.coordinates else ())
