"""Drafts of a task form: saved by one person, seen only by that person, until the task
is done. A draft is no case history (only the completion is logged), so it is kept
apart from the case and its log."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from engine import clock
from models import Case, HumanTask, TaskDraft
from workflows import access
from workflows.actors import Actor
from workflows.errors import InvalidInput, NotAllowed, NotFound
from workflows.tasks import MAX_PAYLOAD_BYTES
from workflows.uow import UnitOfWork

MAX_VALUES = 200  # per form: more values than any task form has fields and lines


@dataclass(frozen=True)
class Draft:
    values: Mapping[str, tuple[str, ...]]
    saved_at: datetime


def save_draft(uow: UnitOfWork, actor: Actor, *, task_id: str,
               form: Mapping[str, list[str]]) -> Draft:
    """Keep what the actor typed in an open task's form, for the actor only."""
    row = _open_task(uow, actor, task_id)
    values = _clean(form)
    if actor.user_id is None:
        raise NotAllowed("Alleen een persoon met een account kan een concept bewaren.")
    draft = uow.session.scalars(select(TaskDraft).where(
        TaskDraft.task_id == row.task_id, TaskDraft.user_id == actor.user_id)).first()
    now = clock.now()
    if draft is None:
        draft = TaskDraft(task_id=row.task_id, user_id=actor.user_id, data="", saved_at=now)
        uow.session.add(draft)
    draft.data = json.dumps(values, sort_keys=True, ensure_ascii=False)
    draft.saved_at = now
    uow.session.flush()
    return Draft({k: tuple(v) for k, v in values.items()}, now)


def own_draft(uow: UnitOfWork, actor: Actor, task_id: str) -> Draft | None:
    """The actor's own draft of the task, or None; nobody sees another's draft."""
    if actor.user_id is None:
        return None
    draft = uow.session.scalars(select(TaskDraft).where(
        TaskDraft.task_id == task_id, TaskDraft.user_id == actor.user_id)).first()
    if draft is None:
        return None
    values = json.loads(draft.data)
    return Draft({str(k): tuple(str(x) for x in v) for k, v in values.items()},
                 draft.saved_at)


def discard_draft(uow: UnitOfWork, actor: Actor, *, task_id: str) -> None:
    """Forget the actor's own draft of the task (after completing it, or on request)."""
    if actor.user_id is not None:
        uow.session.execute(delete(TaskDraft).where(
            TaskDraft.task_id == task_id, TaskDraft.user_id == actor.user_id))


def _open_task(uow: UnitOfWork, actor: Actor, task_id: str) -> HumanTask:
    found = uow.session.execute(select(HumanTask, Case).join(
        Case, Case.id == HumanTask.case_id).where(HumanTask.task_id == task_id)).first()
    if found is None:
        raise NotFound("Deze taak bestaat niet.")
    row, case = found
    access.require_read(actor, case)
    access.require_task(actor, case, row)
    if row.completed_at is not None:
        raise InvalidInput("Deze taak is al afgerond; een concept bewaren kan niet meer.")
    return row


def _clean(form: Mapping[str, list[str]]) -> dict[str, list[str]]:
    values = {str(k): [str(v) for v in vs if isinstance(v, str)] for k, vs in form.items()
              if k not in ("csrf_token", "actie", "bevestigd", "terug")}
    if sum(len(v) for v in values.values()) > MAX_VALUES:
        raise InvalidInput("Het concept heeft te veel velden.")
    if len(json.dumps(values).encode()) > MAX_PAYLOAD_BYTES:
        raise InvalidInput(f"Het concept is groter dan {MAX_PAYLOAD_BYTES // 1024} kB.")
    return values
