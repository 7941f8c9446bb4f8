"""Every path of `integrity` (Bibob), called from `admission_procedure`.

The subprocess ends at `integrity_concluded`; a path is done when the procedure has
moved on to the decision (quality passes in every row). Each row checks the integrity
tasks and their lane, the whole event log of the case, the risk the DMN recorded for
the inputs given, and the letters (the LBB request goes to the LBB, not the applicant).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from tests.integration.workflows.steps import open_tasks
from tests.integration.workflows.trail import (
    case_state,
    chain_break,
    dmn_results,
    letters,
    log_lines,
    log_seqs,
    task_dues,
    task_history,
)
from tests.integration.workflows.walk import BEG, QUALITY_PASSED, Walk


@dataclass(frozen=True)
class Path:
    steps: Callable[[Walk], None]
    signals: tuple[bool, int, int]  # criminal antecedents, red flags, register hits
    risk: str
    tasks: list[str]
    log: list[str]
    letters: list[str]  # recipients


def ask_lbb(w: Walk, request: bool) -> None:
    w.do("integrity_officer", "decide_lbb_request", request_lbb=request,
         lbb_motivation="Signalen gewogen.")


def advise(w: Walk) -> None:
    w.do("integrity_officer", "register_lbb_advice", lbb_advice="limited_risk",
         lbb_advice_summary="Mindere mate van gevaar.")


def extend(w: Walk, extended: bool) -> None:
    w.do("integrity_officer", "register_lbb_extension", lbb_extended=extended)


def low_risk(w: Walk) -> None:
    pass


def medium_risk_without_lbb(w: Walk) -> None:
    ask_lbb(w, False)


def lbb_advice_in_time(w: Walk) -> None:
    ask_lbb(w, True)
    w.later(weeks=4)
    advise(w)


def lbb_advice_after_extension(w: Walk) -> None:
    ask_lbb(w, True)
    w.expire()  # lbb_term_expired
    extend(w, True)
    advise(w)


def lbb_term_not_extended(w: Walk) -> None:
    ask_lbb(w, True)
    w.expire()
    extend(w, False)


def lbb_term_exhausted(w: Walk) -> None:
    ask_lbb(w, True)
    w.expire()
    extend(w, True)
    w.expire()  # already extended once: flow_lbb_exhausted


IO = "integrity_officer: "
SCREENED = [IO + "review_bibob_questionnaire", IO + "own_investigation"]
ADVICE, EXTENSION = IO + "register_lbb_advice", IO + "register_lbb_extension"
CONCLUDED = [IO + "conclude_integrity"]
# The request is confidential (to the LBB only); the applicant gets the notice that
# advice was asked (Wet Bibob art. 31 lid 2).
LBB = ["lbb@justis.example", "aanbieder-a@test.example"]
# An extension of the LBB's term is told to the applicant too (Wet Bibob art. 15 lid 3).
LBB_EXTENDED = [*LBB, "aanbieder-a@test.example"]
L_NOTIFIED = ["service_called send_letter(lbb_notice)"]
L_SCREENED = ["started admission", "task_completed check_completeness",
              "task_completed review_bibob_questionnaire", "task_completed own_investigation",
              "dmn_evaluated assess_integrity_risk"]
L_ASKED = ["task_completed decide_lbb_request", "service_called send_letter(lbb_request)"]
L_CONCLUDED = ["task_completed conclude_integrity", "task_completed assess_quality_criteria",
               "dmn_evaluated score_quality", "task_completed conclude_quality",
               "service_called compute_decision_term"]

PATHS = [
    pytest.param(Path(low_risk, (False, 0, 0), "low", [*SCREENED, *CONCLUDED],
                      [*L_SCREENED, *L_CONCLUDED], []), id="low_risk"),
    pytest.param(Path(medium_risk_without_lbb, (False, 1, 1), "medium",
                      [*SCREENED, IO + "decide_lbb_request", *CONCLUDED],
                      [*L_SCREENED, "task_completed decide_lbb_request", *L_CONCLUDED], []),
                 id="medium_risk_without_lbb"),
    pytest.param(Path(lbb_advice_in_time, (True, 0, 0), "high",
                      [*SCREENED, IO + "decide_lbb_request", ADVICE, *CONCLUDED],
                      [*L_SCREENED, *L_ASKED, "task_completed register_lbb_advice",
                       *L_CONCLUDED], LBB), id="lbb_advice_in_time"),
    pytest.param(Path(lbb_advice_after_extension, (False, 3, 0), "high",
                      [*SCREENED, IO + "decide_lbb_request", ADVICE + " (cancelled)",
                       EXTENSION, ADVICE, *CONCLUDED],
                      [*L_SCREENED, *L_ASKED, "tick", "task_completed register_lbb_extension",
                       *L_NOTIFIED, "task_completed register_lbb_advice", *L_CONCLUDED],
                      LBB_EXTENDED), id="lbb_term_expired_extended_then_advice"),
    pytest.param(Path(lbb_term_not_extended, (False, 0, 3), "high",
                      [*SCREENED, IO + "decide_lbb_request", ADVICE + " (cancelled)",
                       EXTENSION, *CONCLUDED],
                      [*L_SCREENED, *L_ASKED, "tick", "task_completed register_lbb_extension",
                       *L_CONCLUDED], LBB), id="lbb_term_expired_not_extended"),
    pytest.param(Path(lbb_term_exhausted, (False, 2, 1), "high",
                      [*SCREENED, IO + "decide_lbb_request", ADVICE + " (cancelled)",
                       EXTENSION, ADVICE + " (cancelled)", *CONCLUDED],
                      [*L_SCREENED, *L_ASKED, "tick", "task_completed register_lbb_extension",
                       *L_NOTIFIED, "tick", *L_CONCLUDED], LBB_EXTENDED),
                 id="lbb_extended_then_expired_again"),
]


def screen(w: Walk, signals: tuple[bool, int, int]) -> None:
    antecedents, red_flags, register_hits = signals
    w.submit(BEG)
    w.check()
    w.screen(red_flags=red_flags, register_hits=register_hits, antecedents=antecedents)


@pytest.mark.parametrize("path", PATHS)
def test_each_integrity_path_ends_and_hands_over_to_the_decision(walk, uow, path):
    screen(walk, path.signals)
    path.steps(walk)
    walk.conclude_integrity()
    walk.quality(BEG)
    assert task_history(uow, walk.case_id, "integrity") == path.tasks
    assert open_tasks(uow, walk.case_id) == [("decide_admission", "decision_maker")]
    assert log_lines(uow, walk.case_id) == path.log
    assert log_seqs(uow, walk.case_id) == list(range(1, len(path.log) + 1))
    assert chain_break(uow, walk.case_id) is None
    assert [r["to"] for r in letters(uow, walk.case_id)] == path.letters
    antecedents, red_flags, register_hits = path.signals
    signals = {"criminal_antecedents": antecedents,
               "red_flags + register_hits": red_flags + register_hits}
    assert dmn_results(uow, walk.case_id) == [
        ("assess_integrity_risk", signals, {"integrity_risk": path.risk}), QUALITY_PASSED]


@pytest.mark.parametrize(("signals", "risk", "next_task"), [
    pytest.param((False, 0, 0), "low", "conclude_integrity", id="no_signals_low"),
    pytest.param((False, 1, 0), "medium", "decide_lbb_request", id="one_flag_medium"),
    pytest.param((False, 0, 2), "medium", "decide_lbb_request", id="two_hits_medium"),
    pytest.param((False, 2, 1), "high", "decide_lbb_request", id="three_signals_high"),
    pytest.param((True, 0, 0), "high", "decide_lbb_request", id="antecedents_high"),
    pytest.param((True, 5, 5), "high", "decide_lbb_request", id="antecedents_and_flags_high"),
])
def test_the_risk_table_decides_whether_the_lbb_question_is_asked(walk, uow, signals, risk,
                                                                  next_task):
    screen(walk, signals)
    assert [outputs for _, _, outputs in dmn_results(uow, walk.case_id)] == [
        {"integrity_risk": risk}]
    assert task_history(uow, walk.case_id, "integrity")[-1] == IO + next_task + " (open)"


def test_lbb_terms_are_eight_weeks_then_four_more_after_the_termijnenwet(walk, uow):
    screen(walk, (True, 0, 0))
    ask_lbb(walk, True)
    first = walk.expire()
    extend(walk, True)
    second = walk.expire()
    # 2 March + 8 weeks is Koningsdag (Monday 27 April 2026): the term moves a day on.
    assert (first, second) == (datetime(2026, 4, 28, 22, tzinfo=UTC),
                               datetime(2026, 5, 26, 22, tzinfo=UTC))
    assert task_dues(uow, walk.case_id, "register_lbb_advice") == [first, second]


def test_withdrawal_while_awaiting_lbb_advice_cancels_its_clock(walk, uow):
    screen(walk, (True, 0, 0))
    ask_lbb(walk, True)
    walk.withdraw()
    case = case_state(uow, walk.case_id)
    assert (case.status, case.completed, case.next_timer_at) == ("withdrawn", True, None)
    assert task_history(uow, walk.case_id, "integrity")[-1] == ADVICE + " (cancelled)"
    assert [r["kind"] for r in letters(uow, walk.case_id)] == [
        "lbb_request", "lbb_notice", "withdrawal_confirmation"]


def test_an_extension_of_the_lbb_term_is_told_to_the_applicant_with_the_new_day(walk, uow):
    from sqlalchemy import select

    from models import Letter
    from tests.integration.letters.conftest import pdf_text
    screen(walk, (True, 0, 0))
    ask_lbb(walk, True)
    walk.expire()
    extend(walk, True)
    with uow() as u:
        notices = u.session.scalars(select(Letter).where(
            Letter.case_id == walk.case_id, Letter.kind == "lbb_notice")
            .order_by(Letter.id)).all()
        texts = [pdf_text(n.content) for n in notices]
    assert len(texts) == 2 and "met vier weken verlengd" in texts[1]
    assert "26 mei 2026" in texts[1] and "verlengd (artikel 15" not in texts[0]
