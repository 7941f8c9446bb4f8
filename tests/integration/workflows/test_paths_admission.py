"""Every path of `admission` and `admission_procedure` to each of its end states.

Each path is one row: the steps, then the human tasks that appeared (lane and bpmn id,
in order), the event log line by line, the DMN evaluations, the letters in the outbox
and the status of the end event reached. `integrity` and `quality` run as called
processes here with their plain paths; their own paths are in test_paths_integrity.py
and test_paths_quality.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.integration.workflows.trail import (
    DmnResult,
    case_state,
    chain_break,
    dmn_decisions,
    dmn_results,
    letter_kinds,
    log_lines,
    log_seqs,
    task_dues,
    task_history,
)
from tests.integration.workflows.walk import BEG, BEH, QUALITY_PASSED, Walk
from workflows.errors import Conflict


@dataclass(frozen=True)
class Path:
    steps: Callable[[Walk], None]
    status: str
    tasks: list[str]
    log: list[str]
    letters: list[str]
    dmn: list[DmnResult]


def low_risk(hits: int = 0) -> DmnResult:
    inputs = {"criminal_antecedents": False, "red_flags + register_hits": hits}
    return ("assess_integrity_risk", inputs, {"integrity_risk": "low" if not hits else "medium"})


# Human tasks, as "lane: bpmn id", in the order they opened.
COMPLETENESS = ["screening_officer: check_completeness"]
SUPPLEMENT = ["applicant: supplement_application"]
ASSESSMENT = ["integrity_officer: review_bibob_questionnaire",
              "quality_assessor: assess_quality_criteria",
              "integrity_officer: own_investigation", "integrity_officer: conclude_integrity",
              "quality_assessor: conclude_quality"]
VIEWS = ["legal_counsel: prepare_views_request", "applicant: submit_views",
         "legal_counsel: assess_views"]
DECISION = ["decision_maker: decide_admission"]
CONFIRMATION = ["decision_maker: confirm_deviation"]

# The event log, one line per event.
STARTED = ["started admission"]
COMPLETE = ["task_completed check_completeness"]
INCOMPLETE = ["task_completed check_completeness",
              "service_called send_letter(supplement_request)"]
SUPPLEMENTED = ["task_completed supplement_application"]
INTEGRITY = ["task_completed review_bibob_questionnaire", "task_completed own_investigation",
             "dmn_evaluated assess_integrity_risk", "task_completed conclude_integrity"]
QUALITY = ["task_completed assess_quality_criteria", "dmn_evaluated score_quality",
           "task_completed conclude_quality",
           "service_called compute_decision_term"]  # after the join of both assessments
VIEWS_ASKED = ["task_completed prepare_views_request",
               "service_called send_letter(views_request)"]
VIEWS_GIVEN = ["task_completed submit_views", "task_completed assess_views"]
DECIDED = ["task_completed decide_admission", "service_called record_decision",
           "service_called start_contracts",  # one contract case per admitted subsegment
           "service_called send_letter(decision)", "tick"]
WITHDRAWN = ["message withdrawal_requested",
             "service_called send_letter(withdrawal_confirmation)"]


def admitted(w: Walk) -> None:
    w.submit(BEG)
    w.check()
    w.integrity()
    w.quality(BEG)
    w.decide("admitted", BEG)
    w.expire()  # the objection period


def partly_admitted(w: Walk) -> None:
    w.submit(BEG, BEH)
    w.check()
    w.integrity()
    w.quality(BEG)  # only BEG meets its specific criteria
    w.ask_views()
    w.give_views()
    w.assess_views()
    w.decide("partly_admitted", BEG)
    w.expire()


def refused_after_views(w: Walk) -> None:
    w.refused_after_views(BEG)
    w.expire()


def refused_without_views(w: Walk) -> None:
    w.assessed(BEG, passed=False)
    w.ask_views()
    w.expire()  # views_term_expired
    w.assess_views()
    w.decide("refused")
    w.expire()


def not_considered_after_supplement_term(w: Walk) -> None:
    w.submit(BEG)
    w.check(complete=False)
    w.expire()  # supplement_term_expired
    w.decide("not_considered")
    w.expire()


def not_considered_after_last_round(w: Walk) -> None:
    w.submit(BEG)
    for _ in range(2):  # max_supplement_rounds
        w.check(complete=False)
        w.supplement()
    w.check(complete=False)  # flow_incomplete_final
    w.decide("not_considered")
    w.expire()


def admitted_after_supplement(w: Walk) -> None:
    w.submit(BEG)
    w.check(complete=False)
    w.later(days=5)
    w.supplement()
    w.check()
    w.integrity()
    w.quality(BEG)
    w.decide("admitted", BEG)
    w.expire()


def admitted_after_confirmed_deviation(w: Walk) -> None:
    w.assessed(BEG, passed=False)
    w.ask_views()
    w.give_views()
    w.assess_views()
    w.deviate(BEG)
    w.confirm_deviation()
    w.expire()


def refused_after_unconfirmed_deviation(w: Walk) -> None:
    w.assessed(BEG, passed=False)
    w.ask_views()
    w.give_views()
    w.assess_views()
    w.deviate(BEG)
    w.confirm_deviation(confirmed=False)
    w.decide("refused")
    w.expire()


def refused_after_sending_back_to_views(w: Walk) -> None:
    w.assessed(BEG)
    w.send_back()
    w.ask_views()
    w.give_views()
    w.assess_views()
    w.decide("refused")
    w.expire()


def withdrawn_in_completeness(w: Walk) -> None:
    w.submit(BEG)
    w.withdraw()


def withdrawn_awaiting_supplement(w: Walk) -> None:
    w.submit(BEG)
    w.check(complete=False)
    w.withdraw()


def withdrawn_in_assessment(w: Walk) -> None:
    w.submit(BEG)
    w.check()
    w.screen(red_flags=1)  # medium risk: the LBB question is open in `integrity`
    w.withdraw()


def withdrawn_in_views(w: Walk) -> None:
    w.assessed(BEG, passed=False)
    w.ask_views()
    w.withdraw()


def withdrawn_awaiting_decision(w: Walk) -> None:
    w.submit(BEG)
    w.check()
    w.integrity()
    w.quality(BEG)
    w.withdraw()


PATHS = [
    pytest.param(Path(
        admitted, "admitted", [*COMPLETENESS, *ASSESSMENT, *DECISION],
        [*STARTED, *COMPLETE, *INTEGRITY, *QUALITY, *DECIDED],
        ["decision"], [low_risk(), QUALITY_PASSED]), id="admitted"),
    pytest.param(Path(
        partly_admitted, "partly_admitted", [*COMPLETENESS, *ASSESSMENT, *VIEWS, *DECISION],
        [*STARTED, *COMPLETE, *INTEGRITY, *QUALITY, *VIEWS_ASKED, *VIEWS_GIVEN, *DECIDED],
        ["views_request", "decision"], [low_risk(), QUALITY_PASSED]), id="partly_admitted"),
    pytest.param(Path(
        refused_after_views, "refused", [*COMPLETENESS, *ASSESSMENT, *VIEWS, *DECISION],
        [*STARTED, *COMPLETE, *INTEGRITY, *QUALITY, *VIEWS_ASKED, *VIEWS_GIVEN, *DECIDED],
        ["views_request", "decision"], [low_risk(), QUALITY_PASSED]),
        id="refused_after_views"),
    pytest.param(Path(
        refused_without_views, "refused",
        [*COMPLETENESS, *ASSESSMENT, "legal_counsel: prepare_views_request",
         "applicant: submit_views (cancelled)", "legal_counsel: assess_views", *DECISION],
        [*STARTED, *COMPLETE, *INTEGRITY, *QUALITY, *VIEWS_ASKED, "tick",
         "task_completed assess_views", *DECIDED],
        ["views_request", "decision"], [low_risk(), QUALITY_PASSED]),
        id="refused_views_term_expired"),
    pytest.param(Path(
        not_considered_after_supplement_term, "not_considered",
        [*COMPLETENESS, "applicant: supplement_application (cancelled)", *DECISION],
        [*STARTED, *INCOMPLETE, "tick", *DECIDED], ["supplement_request", "decision"], []),
        id="not_considered_supplement_term_expired"),
    pytest.param(Path(
        not_considered_after_last_round, "not_considered",
        [*COMPLETENESS, *SUPPLEMENT, *COMPLETENESS, *SUPPLEMENT, *COMPLETENESS, *DECISION],
        [*STARTED, *INCOMPLETE, *SUPPLEMENTED, *INCOMPLETE, *SUPPLEMENTED, *COMPLETE,
         *DECIDED], ["supplement_request", "supplement_request", "decision"], []),
        id="not_considered_incomplete_after_two_rounds"),
    pytest.param(Path(
        admitted_after_supplement, "admitted",
        [*COMPLETENESS, *SUPPLEMENT, *COMPLETENESS, *ASSESSMENT, *DECISION],
        [*STARTED, *INCOMPLETE, *SUPPLEMENTED, *COMPLETE, *INTEGRITY, *QUALITY, *DECIDED],
        ["supplement_request", "decision"], [low_risk(), QUALITY_PASSED]),
        id="supplemented_in_time_then_admitted"),
    pytest.param(Path(
        admitted_after_confirmed_deviation, "admitted",
        [*COMPLETENESS, *ASSESSMENT, *VIEWS, *DECISION, *CONFIRMATION],
        [*STARTED, *COMPLETE, *INTEGRITY, *QUALITY, *VIEWS_ASKED, *VIEWS_GIVEN,
         "task_completed decide_admission", "task_completed confirm_deviation", *DECIDED[1:]],
        ["views_request", "decision"], [low_risk(), QUALITY_PASSED]),
        id="admitted_against_failed_integrity_confirmed_by_second_decision_maker"),
    pytest.param(Path(
        refused_after_unconfirmed_deviation, "refused",
        [*COMPLETENESS, *ASSESSMENT, *VIEWS, *DECISION, *CONFIRMATION, *DECISION],
        [*STARTED, *COMPLETE, *INTEGRITY, *QUALITY, *VIEWS_ASKED, *VIEWS_GIVEN,
         "task_completed decide_admission", "task_completed confirm_deviation", *DECIDED],
        ["views_request", "decision"], [low_risk(), QUALITY_PASSED]),
        id="deviation_not_confirmed_then_refused"),
    pytest.param(Path(
        refused_after_sending_back_to_views, "refused",
        [*COMPLETENESS, *ASSESSMENT, *DECISION, *VIEWS, *DECISION],
        [*STARTED, *COMPLETE, *INTEGRITY, *QUALITY, "task_completed decide_admission",
         *VIEWS_ASKED, *VIEWS_GIVEN, *DECIDED],
        ["views_request", "decision"], [low_risk(), QUALITY_PASSED]),
        id="positive_assessment_sent_back_to_views_then_refused"),
    pytest.param(Path(
        withdrawn_in_completeness, "withdrawn",
        ["screening_officer: check_completeness (cancelled)"],
        [*STARTED, *WITHDRAWN], ["withdrawal_confirmation"], []),
        id="withdrawn_during_completeness"),
    pytest.param(Path(
        withdrawn_awaiting_supplement, "withdrawn",
        [*COMPLETENESS, "applicant: supplement_application (cancelled)"],
        [*STARTED, *INCOMPLETE, *WITHDRAWN], ["supplement_request", "withdrawal_confirmation"],
        []), id="withdrawn_awaiting_supplement"),
    pytest.param(Path(
        withdrawn_in_assessment, "withdrawn",
        [*COMPLETENESS, "integrity_officer: review_bibob_questionnaire",
         "quality_assessor: assess_quality_criteria (cancelled)",
         "integrity_officer: own_investigation",
         "integrity_officer: decide_lbb_request (cancelled)"],
        [*STARTED, *COMPLETE, *INTEGRITY[:3], *WITHDRAWN], ["withdrawal_confirmation"],
        [low_risk(hits=1)]), id="withdrawn_during_assessment"),
    pytest.param(Path(
        withdrawn_in_views, "withdrawn",
        [*COMPLETENESS, *ASSESSMENT, "legal_counsel: prepare_views_request",
         "applicant: submit_views (cancelled)"],
        [*STARTED, *COMPLETE, *INTEGRITY, *QUALITY, *VIEWS_ASKED, *WITHDRAWN],
        ["views_request", "withdrawal_confirmation"], [low_risk(), QUALITY_PASSED]),
        id="withdrawn_during_views"),
    pytest.param(Path(
        withdrawn_awaiting_decision, "withdrawn",
        [*COMPLETENESS, *ASSESSMENT, "decision_maker: decide_admission (cancelled)"],
        [*STARTED, *COMPLETE, *INTEGRITY, *QUALITY, *WITHDRAWN],
        ["withdrawal_confirmation"], [low_risk(), QUALITY_PASSED]),
        id="withdrawn_awaiting_decision"),
]


@pytest.mark.parametrize("path", PATHS)
def test_each_admission_path_reaches_its_end_state_and_records_it(walk, uow, path):
    path.steps(walk)
    case = case_state(uow, walk.case_id)
    assert (case.status, case.completed, case.next_timer_at) == (path.status, True, None)
    assert task_history(uow, walk.case_id) == path.tasks
    assert log_lines(uow, walk.case_id) == path.log
    assert log_seqs(uow, walk.case_id) == list(range(1, len(path.log) + 1))
    assert chain_break(uow, walk.case_id) is None
    assert dmn_results(uow, walk.case_id) == path.dmn
    assert letter_kinds(uow, walk.case_id) == path.letters


def decided(w: Walk) -> None:
    w.submit(BEG)
    w.check()
    w.integrity()
    w.quality(BEG)
    w.decide("admitted", BEG)


def decided_and_ended(w: Walk) -> None:
    decided(w)
    w.expire()


@pytest.mark.parametrize(("steps", "status"), [
    pytest.param(decided, "objection_period", id="in_the_objection_period"),
    pytest.param(decided_and_ended, "admitted", id="after_the_end_state"),
])
def test_withdrawal_after_the_decision_is_refused_and_changes_nothing(walk, uow, steps,
                                                                     status):
    steps(walk)
    log = log_lines(uow, walk.case_id)
    with pytest.raises(Conflict, match="al besloten"):
        walk.withdraw()
    assert case_state(uow, walk.case_id).status == status
    assert log_lines(uow, walk.case_id) == log
    assert letter_kinds(uow, walk.case_id) == ["decision"]


def test_a_refused_withdrawal_leaves_the_objection_period_running_to_admitted(walk, uow):
    decided(walk)
    with pytest.raises(Conflict):
        walk.withdraw()
    walk.expire()
    assert case_state(uow, walk.case_id).status == "admitted"
    assert log_lines(uow, walk.case_id)[-1] == "tick"


def test_dmn_events_name_the_decision_the_bpmn_calls(walk, uow):
    walk.submit(BEG)
    walk.check()
    walk.integrity()
    walk.quality(BEG)
    assert dmn_decisions(uow, walk.case_id) == ["integrity_risk", "quality_score"]


def test_a_supplement_round_moves_the_decision_due_by_the_suspension(walk, uow):
    walk.submit(BEG)
    walk.check(complete=False)
    walk.later(days=9)
    walk.supplement()
    walk.check()
    walk.integrity()
    walk.quality(BEG)
    unsuspended = task_dues(uow, walk.case_id, "check_completeness")[0]
    assert task_dues(uow, walk.case_id, "decide_admission")[0] > unsuspended
