"""A walker that, before every step of a path, lets every persona that may not take the
step try it: each is refused (an applicant of another organisation finds no case), with
a message free of codes, and the case's log and open tasks stay exactly as they were."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from models import Case, CaseEvent, HumanTask
from tests.integration.workflows.steps import open_task
from tests.integration.workflows.walk import Walk
from tests.raw_codes import raw_codes_in
from workflows import cases, registration
from workflows.actors import Actor
from workflows.errors import NotAllowed, NotFound, ToelatingError
from workflows.tasks import ASSESSMENT_TASKS, REGISTRY


@dataclass
class GuardedWalk(Walk):
    refusals: list[tuple[str, str, str]] = field(default_factory=list)

    def do(self, role: str, bpmn_id: str, **data: Any) -> None:
        task_id = open_task(self.uow, self.case_id, bpmn_id)
        for persona, actor in self.actors.items():
            if persona != role and not self._may_do(persona, actor, bpmn_id):
                self._refused(persona, bpmn_id, cases.complete_task, actor,
                              task_id=task_id, data=data)
        super().do(role, bpmn_id, **data)

    def withdraw(self, reason: str = "Wij trekken de aanvraag in.") -> None:
        for persona, actor in self.actors.items():
            if persona != "applicant_a":
                self._refused(persona, "withdraw", registration.withdraw_application, actor,
                              case_id=self.case_id, reason=reason)
        Walk.run(self, registration.withdraw_application, "applicant_a",
                 case_id=self.case_id, reason=reason)

    def run(self, use_case: Any, role: str, **kw: Any) -> Any:
        """Any other use case of a path: every persona without the role is refused first."""
        allowed = self.actors[role].roles
        for persona, actor in self.actors.items():
            if persona != role and not actor.roles & allowed:
                self._refused(persona, use_case.__name__, use_case, actor,
                              expected=(NotAllowed, NotFound), **kw)
        return super().run(use_case, role, **kw)

    def _tick(self, at: datetime) -> bool:
        """A timer fires for the system (the worker) only; people are refused."""
        for persona, actor in self.actors.items():
            if persona != "admin":
                self._refused(persona, "tick", cases.tick_case, actor,
                              expected=(NotAllowed,), case_id=self.case_id)
        return super()._tick(at)

    def _may_do(self, persona: str, actor: Actor, bpmn_id: str) -> bool:
        spec = REGISTRY[bpmn_id]
        if spec.role == "applicant":
            return persona == "applicant_a"
        if spec.second_of is not None and self._completed(actor, spec.second_of):
            return False
        return actor.has(spec.role) and not (spec.decides and self._assessed(actor))

    def _completed(self, actor: Actor, bpmn_id: str) -> bool:
        """Who last completed `bpmn_id` in the case is the actor (four-eyes)."""
        with self.uow() as u:
            last = u.session.scalars(select(HumanTask.completed_by).where(
                HumanTask.case_id == self.case_id, HumanTask.bpmn_id == bpmn_id,
                HumanTask.completed_at.is_not(None)).order_by(HumanTask.id.desc())).first()
        return last == actor.email

    def _assessed(self, actor: Actor) -> bool:
        with self.uow() as u:
            return bool(u.session.scalar(select(func.count(HumanTask.id)).where(
                HumanTask.case_id == self.case_id, HumanTask.completed_by == actor.email,
                HumanTask.bpmn_id.in_(ASSESSMENT_TASKS))))

    def _refused(self, persona: str, step: str, use_case: Any, actor: Actor,
                 expected: tuple[type[ToelatingError], ...] | None = None, **kw: Any) -> None:
        before = self._snapshot()
        if expected is None:
            expected = (NotFound,) if persona == "applicant_b" else (NotAllowed,)
        # No frozen clock: a refusal comes before anything that reads the time.
        with self.uow() as u, pytest.raises(ToelatingError) as caught:
            use_case(u, actor, **kw)
            u.commit()
        assert type(caught.value) in expected, (persona, step, caught.value.message)
        assert raw_codes_in(caught.value.message) == set(), caught.value.message
        assert self._snapshot() == before, (persona, step)
        self.refusals.append((persona, step, type(caught.value).__name__))

    def _snapshot(self) -> tuple[Any, ...]:
        with self.uow() as u:
            case = u.session.get(Case, self.case_id)
            assert case is not None
            events = u.session.scalar(select(func.count(CaseEvent.id)).where(
                CaseEvent.case_id == self.case_id))
            tasks = u.session.execute(select(HumanTask.task_id, HumanTask.completed_at,
                                             HumanTask.completed_by).where(
                HumanTask.case_id == self.case_id).order_by(HumanTask.id)).all()
            return (case.event_seq, case.event_hash, case.state, events,
                    [tuple(t) for t in tasks])
