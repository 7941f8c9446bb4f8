"""Who works on a task: claim, release, reassign, and a coordinator's distribution.

A task belongs to the role of its lane; anyone holding that role may claim it, and once
claimed only the assignee completes it (`require_assignee`, checked by
`cases.complete_task`). Every change of hands is an event in the case's hash-chained log,
so the case history says who held a task when; a coordinator's distribution or release
back to the team carries its mandatory reason there too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from engine import clock, store
from engine.store import PendingEvent
from models import Application, Case, HumanTask, User, UserRole
from workflows import access, disclosure, labels
from workflows.actors import Actor
from workflows.errors import Conflict, InvalidInput, NotAllowed, NotFound
from workflows.inbox import coordinated_roles, require_officer
from workflows.uow import UnitOfWork

MAX_BULK = 100  # tasks per bulk action: more than a page of the inbox
MAX_REASON = 2000
EVENT_LABELS = {"task_claimed": "Taak opgepakt", "task_released": "Taak teruggelegd",
                "task_reassigned": "Taak overgedragen",
                "task_distributed": "Taak toegewezen door coördinator",
                "task_returned_to_team": "Taak door coördinator teruggelegd bij het team"}


@dataclass(frozen=True)
class Person:
    user_id: int
    name: str
    email: str


@dataclass(frozen=True)
class Assignment:
    task_id: str
    case_id: int
    assignee: str | None


@dataclass(frozen=True)
class BulkResult:
    done: tuple[Assignment, ...]
    skipped: tuple[tuple[str, str], ...]  # (task id, why, in Dutch)


def claim_task(uow: UnitOfWork, actor: Actor, *, task_id: str) -> Assignment:
    """Take an open task of one of your roles for yourself."""
    result = claim_tasks(uow, actor, task_ids=[task_id])
    if result.skipped:
        raise Conflict(result.skipped[0][1])
    return result.done[0]


def claim_tasks(uow: UnitOfWork, actor: Actor, *, task_ids: Sequence[str]) -> BulkResult:
    """Claim several tasks at once; a task someone else holds (or that is done) is skipped
    with the reason, the others are claimed."""
    done, skipped = [], []
    for task in _locked_tasks(uow, actor, task_ids):
        why = _why_not_claimable(uow, actor, task)
        if why:
            skipped.append((task.task_id, why))
            continue
        done.append(_hand_over(uow, actor, task, actor.email, "task_claimed"))
    return BulkResult(tuple(done), tuple(skipped))


def release_task(uow: UnitOfWork, actor: Actor, *, task_id: str) -> Assignment:
    """Give a task you hold back to its team (unassigned)."""
    (task,) = _locked_tasks(uow, actor, [task_id])
    _require_open(task)
    if task.assignee != actor.email:
        raise NotAllowed("U kunt alleen een taak teruggeven die u zelf heeft opgepakt.")
    return _hand_over(uow, actor, task, None, "task_released")


def reassign_task(uow: UnitOfWork, actor: Actor, *, task_id: str, to_user_id: int,
                  reason: str = "") -> Assignment:
    """Hand a task to a colleague who holds its role: by its assignee, or by the role's
    coordinator (who must give a reason)."""
    (task,) = _locked_tasks(uow, actor, [task_id])
    _require_open(task)
    leads = task.lane in coordinated_roles(uow, actor)
    if task.assignee != actor.email and not leads:
        raise NotAllowed("Alleen wie de taak heeft opgepakt of de coördinator van het team "
                         "kan haar aan een ander geven.")
    as_coordinator = leads and task.assignee != actor.email
    reason = _reason(reason) if as_coordinator else reason.strip()[:MAX_REASON]
    person = _eligible(uow, task, to_user_id)
    kind = "task_distributed" if as_coordinator else "task_reassigned"
    return _hand_over(uow, actor, task, person.email, kind, reason)


def distribute_tasks(uow: UnitOfWork, actor: Actor, *, task_ids: Sequence[str],
                     to_user_id: int | None, reason: str) -> BulkResult:
    """As coordinator, give the selected tasks of your team to one person, or (no person)
    back to the team, with a reason that goes into each case's history."""
    reason = _reason(reason)
    tasks = _locked_tasks(uow, actor, task_ids)
    led = coordinated_roles(uow, actor)
    done = []
    for task in tasks:
        _require_open(task)
        if task.lane not in led:
            raise NotAllowed(f"U bent geen coördinator van het team "
                             f"{labels.role(task.lane).lower()}.")
        if to_user_id is None:
            done.append(_hand_over(uow, actor, task, None, "task_returned_to_team", reason))
        else:
            person = _eligible(uow, task, to_user_id)
            done.append(_hand_over(uow, actor, task, person.email, "task_distributed", reason))
    return BulkResult(tuple(done), ())


def eligible_people(uow: UnitOfWork, actor: Actor, *, task_id: str) -> tuple[Person, ...]:
    """Who may get this task: everyone holding its role, by name."""
    require_officer(actor)
    task = _task(uow, actor, task_id)
    return _holders(uow, task.lane)


@dataclass(frozen=True)
class ReassignOptions:
    task_id: str
    case_id: int
    reference: str
    task_label: str
    role_label: str
    assignee_name: str | None
    people: tuple[Person, ...]  # everyone holding the task's role, but the assignee
    reason_required: bool  # a coordinator takes a task from someone else


def reassignment_options(uow: UnitOfWork, actor: Actor, *,
                         task_id: str) -> ReassignOptions:
    """What the reassignment screen offers; refused to whom may not reassign the task."""
    require_officer(actor)
    task = _task(uow, actor, task_id)
    _require_open(task)
    leads = task.lane in coordinated_roles(uow, actor)
    if task.assignee != actor.email and not leads:
        raise NotAllowed("Alleen wie de taak heeft opgepakt of de coördinator van het team "
                         "kan haar aan een ander geven.")
    case = uow.session.get(Case, task.case_id)
    reference = uow.session.scalar(select(Application.reference).where(
        Application.case_id == (case.parent_case_id or case.id if case else 0)))
    shown = disclosure.open_task(disclosure.audience(actor), task.bpmn_id, task.lane)
    label, role_label = (shown[1], shown[2]) if shown else ("Taak", labels.role(task.lane))
    holder = uow.session.scalar(select(User.name).where(User.email == task.assignee))
    return ReassignOptions(task.task_id, task.case_id, reference or "", label, role_label,
                           holder, tuple(p for p in _holders(uow, task.lane)
                                         if p.email != task.assignee),
                           leads and task.assignee != actor.email)


def team_people(uow: UnitOfWork, actor: Actor) -> tuple[Person, ...]:
    """The members of the teams the actor coordinates (empty for others)."""
    led = coordinated_roles(uow, actor)
    return tuple(sorted({p for role in led for p in _holders(uow, role)},
                        key=lambda p: (p.name.casefold(), p.email)))


def appoint_coordinator(uow: UnitOfWork, actor: Actor, *, user_id: int, role: str) -> None:
    """Make a holder of the role its team's coordinator (by an admin)."""
    access.require_role(actor, "admin", "system")
    held = uow.session.scalars(select(UserRole).where(UserRole.user_id == user_id,
                                                      UserRole.role == role)).first()
    if held is None:
        raise InvalidInput("Deze persoon heeft die rol niet.", {"role": ["rol ontbreekt"]})
    held.coordinator = True


def require_assignee(uow: UnitOfWork, actor: Actor, task: HumanTask) -> None:
    """A claimed task is completed by its assignee only (the system excepted)."""
    if task.assignee is None or task.assignee == actor.email or actor.has("system"):
        return
    name = uow.session.scalar(select(User.name).where(User.email == task.assignee))
    raise NotAllowed(f"Deze taak is opgepakt door {name or task.assignee}; alleen die kan "
                     "haar afronden. Vraag of die de taak teruggeeft of aan u overdraagt.")


def _locked_tasks(uow: UnitOfWork, actor: Actor, task_ids: Iterable[str]) -> list[HumanTask]:
    """The tasks, after locking their cases (in case order, so two bulk actions never wait
    on each other crosswise); each one checked: the actor reads the case."""
    require_officer(actor)
    wanted = list(dict.fromkeys(task_ids))
    if not wanted:
        message = "Kies ten minste één taak."
        raise InvalidInput(message, {"task_ids": [message]})
    if len(wanted) > MAX_BULK:
        message = f"Kies ten hoogste {MAX_BULK} taken tegelijk."
        raise InvalidInput(message, {"task_ids": [message]})
    case_ids = sorted(set(uow.session.scalars(select(HumanTask.case_id).where(
        HumanTask.task_id.in_(wanted))).all()))
    for case_id in case_ids:
        access.require_read(actor, store.lock_case(uow.session, case_id))
    found = {t.task_id: t for t in uow.session.scalars(
        select(HumanTask).where(HumanTask.task_id.in_(wanted))
        .execution_options(populate_existing=True))}
    if len(found) != len(wanted):
        raise NotFound("Deze taak bestaat niet.")
    return [found[t] for t in wanted]


def _task(uow: UnitOfWork, actor: Actor, task_id: str) -> HumanTask:
    task = uow.session.scalars(select(HumanTask).where(HumanTask.task_id == task_id)).first()
    if task is None:
        raise NotFound("Deze taak bestaat niet.")
    access.require_read(actor, uow.session.get(Case, task.case_id))
    return task


def _why_not_claimable(uow: UnitOfWork, actor: Actor, task: HumanTask) -> str:
    if task.completed_at is not None:
        return "Deze taak is al afgerond."
    if task.lane is None or not actor.has(task.lane):
        return (f"Deze taak is voor de rol {labels.role(task.lane).lower()}; die rol heeft "
                "u niet.")
    if task.assignee == actor.email:
        return "U heeft deze taak al opgepakt."
    if task.assignee is not None:
        name = uow.session.scalar(select(User.name).where(User.email == task.assignee))
        return f"Deze taak is al opgepakt door {name or task.assignee}."
    return ""


def _require_open(task: HumanTask) -> None:
    if task.completed_at is not None:
        raise Conflict("Deze taak is al afgerond.")


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON:
        message = f"Geef een reden (ten hoogste {MAX_REASON} tekens); die komt in de " \
                  "geschiedenis van de zaak."
        raise InvalidInput(message, {"reason": [message]})
    return reason


def _eligible(uow: UnitOfWork, task: HumanTask, user_id: int) -> Person:
    for person in _holders(uow, task.lane):
        if person.user_id == user_id:
            return person
    message = (f"Deze persoon heeft de rol {labels.role(task.lane).lower()} niet; alleen "
               "wie die rol heeft kan deze taak doen.")
    raise InvalidInput(message, {"to_user_id": [message]})


def _holders(uow: UnitOfWork, role: str | None) -> tuple[Person, ...]:
    rows = uow.session.execute(select(User.id, User.name, User.email).join(
        UserRole, UserRole.user_id == User.id).where(UserRole.role == (role or ""))).all()
    return tuple(sorted((Person(*row) for row in rows),
                        key=lambda p: (p.name.casefold(), p.email)))


def _hand_over(uow: UnitOfWork, actor: Actor, task: HumanTask, to: str | None, kind: str,
               reason: str = "") -> Assignment:
    payload = {"task_id": task.task_id, "task": task.bpmn_id, "assignee": to,
               "previous": task.assignee}
    if to is not None:  # the history names the person, as they were called then
        payload["assignee_name"] = uow.session.scalars(
            select(User.name).where(User.email == to)).first() or to
    if reason:
        payload["reason"] = reason
    task.assignee = to
    store.append_events(uow.session, task.case_id, actor.email, clock.now(),
                        [PendingEvent(kind, payload)])
    return Assignment(task.task_id, task.case_id, to)
