"""A walker for the path tests: it performs use cases at a frozen moment and moves time
to the case's next timer, so each path of a diagram reads as a short list of steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from freezegun import freeze_time

from tests.integration.workflows.steps import UowFactory, do
from tests.integration.workflows.trail import case_state
from workflows import cases, registration
from workflows.actors import SYSTEM, Actor

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday; Koningsdag falls eight weeks on
BEG, BEH = "ambulant_begeleiding", "ambulant_behandeling"
OK_QUALITY = {"governance_code": True, "wnt_compliant": True, "certified": True,
              "registrations_valid": True}
QUALITY_PASSED = ("score_quality", OK_QUALITY, {
    "quality_passed": True, "quality_finding": "Voldoet aan alle KIT-criteria"})
SECOND = timedelta(seconds=1)


@dataclass
class Walk:
    """Walks one case (the focus) at `now`; `follow` moves the focus to a child case."""

    uow: UowFactory
    actors: dict[str, Actor]
    window_id: int
    now: datetime = T0
    case_id: int = 0

    def submit(self, *codes: str, **kw: Any) -> int:
        with freeze_time(self.now), self.uow() as u:
            view = registration.submit_application(
                u, self.actors["applicant_a"], window_id=self.window_id,
                subsegment_codes=list(codes), **kw)
            u.commit()
        self.case_id = view.case_id
        return view.case_id

    def do(self, role: str, bpmn_id: str, **data: Any) -> None:
        with freeze_time(self.now):
            do(self.uow, self.actors[role], self.case_id, bpmn_id, **data)

    def run(self, use_case: Any, role: str, **kw: Any) -> Any:
        """Any use case as `role`, at the walker's moment, in its own transaction."""
        with freeze_time(self.now), self.uow() as u:
            result = use_case(u, self.actors[role], **kw)
            u.commit()
        return result

    def withdraw(self, reason: str = "Wij trekken de aanvraag in.") -> None:
        self.run(registration.withdraw_application, "applicant_a", case_id=self.case_id,
                 reason=reason)

    def expire(self) -> datetime:
        """Let the next timer of the focus case pass: a tick a second before it changes
        nothing, a tick a second after it fires it. Returns the due moment."""
        due = case_state(self.uow, self.case_id).next_timer_at
        assert due is not None, "no timer is waiting"
        assert due > self.now, "the timer was due before the walk got there"
        assert not self._tick(due - SECOND), f"a timer fired before its moment {due}"
        assert self._tick(due + SECOND), f"no timer fired after its moment {due}"
        self.now = due + SECOND
        return due

    def _tick(self, at: datetime) -> bool:
        with freeze_time(at), self.uow() as u:
            outcome = cases.tick_case(u, SYSTEM, self.case_id)
            u.commit()
        return outcome.changed

    def later(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def follow(self, case_id: int) -> int:
        self.case_id = case_id
        return case_id

    # The usual steps of an admission, with data that passes unless told otherwise.

    def check(self, complete: bool = True) -> None:
        missing = [] if complete else ["Jaarrekening 2025"]
        self.do("screening_officer", "check_completeness", complete=complete,
                missing_items=missing)

    def supplement(self) -> None:
        self.do("applicant_a", "supplement_application", supplement_note="Bijgevoegd.")

    def screen(self, *, red_flags: int = 0, register_hits: int = 0,
               antecedents: bool = False) -> None:
        """The Bibob questionnaire and the own investigation; the DMN follows."""
        self.do("integrity_officer", "review_bibob_questionnaire", questionnaire_complete=True,
                red_flags=red_flags)
        self.do("integrity_officer", "own_investigation", register_hits=register_hits,
                criminal_antecedents=antecedents)

    def conclude_integrity(self, passed: bool = True) -> None:
        self.do("integrity_officer", "conclude_integrity", integrity_passed=passed,
                integrity_motivation="Beoordeeld volgens de Wet Bibob.")

    def integrity(self, passed: bool = True) -> None:
        self.screen()
        self.conclude_integrity(passed)

    def quality(self, *codes: str, **criteria: bool) -> None:
        self.do("quality_assessor", "assess_quality_criteria", **{**OK_QUALITY, **criteria},
                subsegments_meeting_specific_criteria=list(codes))
        self.do("quality_assessor", "conclude_quality", quality_motivation="KIT getoetst.")

    def ask_views(self) -> None:
        self.do("legal_counsel", "prepare_views_request",
                intended_reasons="Niet aan alle voorwaarden voldaan.")

    def give_views(self) -> None:
        self.do("applicant_a", "submit_views", views="Wij zijn het er niet mee eens.")

    def assess_views(self) -> None:
        self.do("legal_counsel", "assess_views",
                views_assessment="De zienswijze leidt niet tot een ander besluit.")

    def decide(self, outcome: str, *codes: str) -> None:
        self.do("decision_maker", "decide_admission", outcome=outcome,
                admitted_subsegments=list(codes), motivation=f"Besluit: {outcome}.")

    def deviate(self, *codes: str, reason: str = "Het LBB zag geen ernstig gevaar.") -> None:
        """Admit although an assessment failed: a reasoned deviation."""
        self.do("decision_maker", "decide_admission", outcome="admitted",
                admitted_subsegments=list(codes), motivation="Toegelaten.",
                deviation_reason=reason)

    def confirm_deviation(self, confirmed: bool = True) -> None:
        """The second decision maker confirms (or not) the deviating decision."""
        self.do("decision_maker_2", "confirm_deviation", deviation_confirmed=confirmed,
                deviation_review="Afwijking gewogen.")

    def send_back(self) -> None:
        """The decision maker sends a positively assessed case back to the views step."""
        self.do("decision_maker", "decide_admission", outcome="back_to_views",
                motivation="Ik overweeg af te wijzen; eerst een zienswijze.")

    def assessed(self, *codes: str, passed: bool = True, **submit: Any) -> int:
        """Submitted, complete, integrity concluded (passed or not), quality for `codes`."""
        case_id = self.submit(*codes, **submit)
        self.check()
        self.integrity(passed=passed)
        self.quality(*codes)
        return case_id

    def refused_after_views(self, *codes: str, **submit: Any) -> int:
        """Integrity fails, the views are asked, given and weighed, then refusal."""
        case_id = self.assessed(*codes, passed=False, **submit)
        self.ask_views()
        self.give_views()
        self.assess_views()
        self.decide("refused")
        return case_id
