"""The diagrams of one case's pinned procedure version, with its completed and current
steps, for the case page (drawn in the browser) and as a list of steps in words.

Outside the integrity roles the integrity diagram is not sent at all: the step calling it
shows as one "integrity assessment", current while any integrity task is open, so which
integrity step is open stays hidden (as in `disclosure.open_task`). Lane names are role
codes in the XML; they are replaced by the Dutch role labels.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models import Case, HumanTask, SpecBundle, SpecFile
from workflows import disclosure, labels
from workflows.access import require_read, require_role
from workflows.actors import Actor
from workflows.errors import NotAllowed
from workflows.uow import UnitOfWork

CONFIDENTIAL_PROCESSES = frozenset({"integrity"})
_PROCESS = re.compile(r"<(?:\w+:)?process\s+id=\"([^\"]+)\"")
_CALL = re.compile(r"<(?:\w+:)?callActivity\s+id=\"([^\"]+)\"[^>]*?calledElement=\"([^\"]+)\"")
_LANE = re.compile(r"(<(?:\w+:)?lane\s+id=\"[^\"]+\"\s+name=\")([a-z_]+)(\")")


@dataclass(frozen=True)
class Diagram:
    name: str
    title: str
    xml: str


@dataclass(frozen=True)
class Step:
    label: str
    role_label: str
    state: str  # "done" or "current"
    at: datetime


@dataclass(frozen=True)
class CaseDiagram:
    case_id: int
    diagrams: tuple[Diagram, ...]
    completed: tuple[str, ...]
    current: tuple[str, ...]
    steps: tuple[Step, ...]


def case_diagram(uow: UnitOfWork, actor: Actor, *, case_id: int) -> CaseDiagram:
    """The case's diagrams and step states as the actor's audience may see them."""
    case = require_read(actor, uow.session.get(Case, case_id))
    reader = disclosure.audience(actor)
    if reader == "applicant":
        raise NotAllowed("Het procesdiagram is voor medewerkers.")
    tasks = uow.session.scalars(select(HumanTask).where(HumanTask.case_id == case_id)
                                .order_by(HumanTask.id)).all()
    return _drawn(uow, case, reader, tasks, lambda t: t.completed_at is None, case.completed)


def case_diagram_at(uow: UnitOfWork, actor: Actor, *, case_id: int, at: datetime,
                    ended: bool) -> CaseDiagram:
    """The diagrams with the steps as they stood at `at` (for auditors stepping through a
    case's history): the tasks opened by then, open unless finished by then."""
    require_role(actor, "auditor", "system")
    case = require_read(actor, uow.session.get(Case, case_id))
    tasks = uow.session.scalars(select(HumanTask).where(
        HumanTask.case_id == case_id, HumanTask.created_at <= at)
        .order_by(HumanTask.id)).all()
    return _drawn(uow, case, disclosure.audience(actor), tasks,
                  lambda t: t.completed_at is None or t.completed_at > at, ended)


def _drawn(uow: UnitOfWork, case: Case, reader: str, tasks: Sequence[HumanTask],
           is_open: Callable[[HumanTask], bool], ended: bool) -> CaseDiagram:
    hidden = frozenset() if reader in ("integrity", "auditor") else CONFIDENTIAL_PROCESSES
    files = _files(uow, case.spec_hash)
    wanted = {case.process_id} | {t.process_id for t in tasks}
    diagrams, calls = [], {}
    for name, xml in files:
        processes = set(_PROCESS.findall(xml))
        calls.update({called: call for call, called in _CALL.findall(xml)})
        if processes & wanted and not processes & hidden:
            first = _PROCESS.search(xml)
            title = labels.process(first.group(1)) if first else name
            diagrams.append(Diagram(name, title, _lane_labels(xml)))
    done: set[str] = set()
    current: set[str] = set()
    for t in tasks:
        if t.process_id in hidden:
            target = calls.get(t.process_id)
        else:
            target = t.bpmn_id
        if target:
            (current if is_open(t) else done).add(target)
        if t.process_id in calls:
            open_here = is_open(t) and not ended
            (current if open_here else done).add(calls[t.process_id])
    return CaseDiagram(case.id, tuple(diagrams), tuple(sorted(done - current)),
                       tuple(sorted(current)), _steps(reader, tasks))


def case_steps(uow: UnitOfWork, actor: Actor, *, case_id: int) -> tuple[Step, ...]:
    """The diagram's text alternative without the diagrams: each user task the actor's
    audience may see, done or current, in the order it opened."""
    require_read(actor, uow.session.get(Case, case_id))
    tasks = uow.session.scalars(select(HumanTask).where(HumanTask.case_id == case_id)
                                .order_by(HumanTask.id)).all()
    return _steps(disclosure.audience(actor), tasks)


def _files(uow: UnitOfWork, spec_hash: str) -> list[tuple[str, str]]:
    bundle = uow.session.get(SpecBundle, spec_hash)
    hashes: list[str] = json.loads(bundle.file_hashes) if bundle is not None else []
    rows = uow.session.execute(select(SpecFile.name, SpecFile.xml).where(
        SpecFile.sha256.in_(hashes), SpecFile.kind == "bpmn").order_by(SpecFile.name)).all()
    return [(name, xml) for name, xml in rows]


def _lane_labels(xml: str) -> str:
    return _LANE.sub(lambda m: m.group(1) + labels.role(m.group(2)) + m.group(3), xml)


def _steps(reader: str, tasks: Sequence[HumanTask]) -> tuple[Step, ...]:
    """Each user task of the case that the reader may see, in the order it opened; the
    integrity steps of a masked reader are one step."""
    steps: list[Step] = []
    masked_seen = False
    for t in tasks:
        if t.outcome == "cancelled":
            continue
        shown = disclosure.open_task(reader, t.bpmn_id, t.lane)
        if shown is None:
            continue
        state = "current" if t.completed_at is None else "done"
        if not shown[0]:
            if masked_seen:
                continue
            masked_seen = True
            masked_open = any(o.completed_at is None and o.lane == t.lane for o in tasks)
            state = "current" if masked_open else "done"
        steps.append(Step(shown[1], shown[2], state, t.completed_at or t.created_at))
    return tuple(steps)
