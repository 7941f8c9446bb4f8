"""Running demo steps: each step is a real use case at a pinned moment in the past."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from engine import clock
from models import Case, HumanTask
from workflows import cases, registration
from workflows.actors import SYSTEM, Actor
from workflows.database import Database

OK_BIBOB = {"questionnaire_complete": True, "red_flags": 0}
OK_OWN = {"register_hits": 0, "criminal_antecedents": False}
MOTIVATIONS = {
    "admitted": "De aanbieder voldoet aan de integriteits- en kwaliteitseisen.",
    "partly_admitted": "Voor de andere subsegmenten voldoet de aanbieder niet aan de "
                       "specifieke criteria.",
    "refused": "De aanbieder voldoet niet aan de integriteitseisen; de zienswijze geeft "
               "geen aanleiding tot een ander besluit.",
    "not_considered": "De aanvraag is niet binnen de gestelde termijn aangevuld.",
}
OK_QUALITY = {"governance_code": True, "wnt_compliant": True, "certified": True,
              "registrations_valid": True}


class Demo:
    def __init__(self, db: Database, now: datetime) -> None:
        self.db, self.now = db, now
        self.staff: dict[str, Actor] = {}
        self.applicants: list[Actor] = []
        self.window_id = 0

    def run(self, days_ago: float, use_case: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        with clock.pinned(self.now - timedelta(days=days_ago)), self.db.uow() as uow:
            result = use_case(uow, *args, **kw)
            uow.commit()
        return result

    def submit(self, days_ago: float, n: int, codes: list[str], **kw: Any) -> int:
        view = self.run(days_ago, registration.submit_application, self.applicants[n],
                        window_id=self.window_id, subsegment_codes=codes, **kw)
        return int(view.case_id)

    def do(self, days_ago: float, role: str, case_id: int, bpmn_id: str, **data: Any) -> None:
        task_id = self._task(case_id, bpmn_id)
        self.run(days_ago, cases.complete_task, self.staff.get(role) or self._owner(case_id),
                 task_id=task_id, data=data)

    def tick(self, days_ago: float, case_id: int) -> None:
        self.run(days_ago, cases.tick_case, SYSTEM, case_id)

    def _task(self, case_id: int, bpmn_id: str) -> str:
        with self.db.uow() as uow:
            task_id = uow.session.scalars(select(HumanTask.task_id).where(
                HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id,
                HumanTask.completed_at.is_(None))).first()
        if task_id is None:
            raise RuntimeError(f"demo: taak {bpmn_id} staat niet open in zaak {case_id}")
        return task_id

    def _owner(self, case_id: int) -> Actor:
        with self.db.uow() as uow:
            case = uow.session.get(Case, case_id)
            provider_id = case.provider_id if case else None
        return next(a for a in self.applicants if a.provider_id == provider_id)

    def assess(self, start: float, case_id: int, codes: list[str], *, bibob: dict[str, Any]
               | None = None, own: dict[str, Any] | None = None,
               quality: dict[str, Any] | None = None, passed: bool = True) -> None:
        """Completeness, then the integrity and quality assessment, a day per step."""
        self.do(start, "screening_officer", case_id, "check_completeness", complete=True)
        self.do(start - 1, "integrity_officer", case_id, "review_bibob_questionnaire",
                **(bibob or OK_BIBOB))
        self.do(start - 2, "integrity_officer", case_id, "own_investigation", **(own or OK_OWN))
        if self._open(case_id, "decide_lbb_request"):
            self.do(start - 2.5, "integrity_officer", case_id, "decide_lbb_request",
                    request_lbb=False, lbb_motivation="Geen aanleiding voor LBB-advies.")
        self.do(start - 3, "integrity_officer", case_id, "conclude_integrity",
                integrity_passed=passed, integrity_motivation="Beoordeeld volgens Wet Bibob.")
        self.quality(start - 3, case_id, codes, quality)

    def quality(self, days_ago: float, case_id: int, codes: list[str],
                quality: dict[str, Any] | None = None) -> None:
        self.do(days_ago, "quality_assessor", case_id, "assess_quality_criteria",
                **(quality or OK_QUALITY), subsegments_meeting_specific_criteria=codes)
        self.do(days_ago - 0.5, "quality_assessor", case_id, "conclude_quality",
                quality_motivation="KIT-criteria getoetst.")

    def views(self, start: float, case_id: int, *, answer: bool = True) -> None:
        self.do(start, "legal_counsel", case_id, "prepare_views_request",
                intended_reasons="Niet aan alle voorwaarden voldaan.")
        if answer:
            self.do(start - 3, "applicant", case_id, "submit_views",
                    views="Wij zijn het niet eens met het voornemen.")
            self.do(start - 5, "legal_counsel", case_id, "assess_views",
                    views_assessment="De zienswijze leidt niet tot een ander besluit.")

    def decide(self, days_ago: float, case_id: int, outcome: str, codes: list[str]) -> None:
        self.do(days_ago, "decision_maker", case_id, "decide_admission", outcome=outcome,
                admitted_subsegments=codes, motivation=MOTIVATIONS[outcome])

    def _open(self, case_id: int, bpmn_id: str) -> bool:
        with self.db.uow() as uow:
            count = uow.session.scalar(select(func.count(HumanTask.id)).where(
                HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id,
                HumanTask.completed_at.is_(None)))
        return bool(count)

    def withdraw(self, days_ago: float, case_id: int, reason: str) -> None:
        self.run(days_ago, registration.withdraw_application, self._owner(case_id),
                 case_id=case_id, reason=reason)

    def contract_case(self, parent_case_id: int) -> int:
        return self._child(parent_case_id, "contract")

    def bridging_case(self, parent_case_id: int) -> int:
        return self._child(parent_case_id, "bridging")

    def _child(self, parent_case_id: int, process_id: str) -> int:
        with self.db.uow() as uow:
            case_id = uow.session.scalars(select(Case.id).where(
                Case.parent_case_id == parent_case_id, Case.process_id == process_id)).first()
        if case_id is None:
            raise RuntimeError(f"demo: geen {process_id} bij zaak {parent_case_id}")
        return case_id
