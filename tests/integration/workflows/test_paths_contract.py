"""Every path of `contract`: started for each admitted subsegment right after the decision
task, extended at most three times by two years, ended when its term runs out.

A term is two years and ends the day before the anniversary; the extension decision
falls due three months before the term ends (midnight, Amsterdam time).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from models import Contract
from tests.integration.workflows.steps import open_tasks
from tests.integration.workflows.trail import (
    ContractState,
    case_events,
    case_state,
    chain_break,
    child_cases,
    contracts_of,
    log_lines,
    log_seqs,
    task_history,
)
from tests.integration.workflows.walk import BEG, BEH, Walk
from workflows import audit
from workflows.actors import SYSTEM

START, FIRST_END = date(2026, 3, 3), date(2028, 3, 2)  # decided on Monday 2 March 2026
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def admit(w: Walk, *codes: str) -> int:
    w.submit(*codes)
    w.check()
    w.integrity()
    w.quality(*codes)
    w.decide("admitted", *codes)
    return w.case_id


def admit_partly(w: Walk) -> int:
    w.submit(BEG, BEH)
    w.check()
    w.integrity()
    w.quality(BEG)
    w.ask_views()
    w.give_views()
    w.assess_views()
    w.decide("partly_admitted", BEG)
    return w.case_id


def refuse(w: Walk) -> int:
    return w.refused_after_views(BEG)


def admit_one(w: Walk) -> int:
    return admit(w, BEG)


def admit_two(w: Walk) -> int:
    return admit(w, BEG, BEH)


def contract_case(w: Walk) -> int:
    admit(w, BEG)
    (case_id,) = child_cases(w.uow, w.case_id, "contract")
    return w.follow(case_id)


@pytest.mark.parametrize(("decision", "subsegments"), [
    pytest.param(admit_one, [BEG], id="admitted_one"),
    pytest.param(admit_two, [BEG, BEH], id="admitted_two"),
    pytest.param(admit_partly, [BEG], id="partly_admitted"),
    pytest.param(refuse, [], id="refused"),
])
def test_the_decision_task_starts_a_contract_per_admitted_subsegment(
        walk, uow, decision, subsegments):
    admission = decision(walk)
    cases = child_cases(uow, admission, "contract")
    assert [case_state(uow, c).status for c in cases] == ["active"] * len(subsegments)
    assert contracts_of(uow, admission) == [
        ContractState(code, START, FIRST_END, 0, None) for code in subsegments]


def test_the_decision_logs_the_contract_cases_it_started_so_replay_starts_none(walk, uow):
    admission = admit_two(walk)
    started = [p["result"] for _, kind, p in case_events(uow, admission)
               if kind == "service_called" and p["service"] == "start_contracts"]
    assert started == [{"contract_cases": child_cases(uow, admission, "contract")}]
    with uow() as u:
        assert audit.replay_case(u, SYSTEM, case_id=admission).matches
        assert len(child_cases(uow, admission, "contract")) == 2


def test_other_commands_leave_a_contract_without_a_case_alone(walk, uow):
    """Only the decision's service task starts contract cases: no scan on every command."""
    admit_one(walk)
    with uow() as u:
        contract = u.session.scalars(select(Contract).where(Contract.case_id.is_not(None))).one()
        contract.case_id = None  # as if it were awarded but never started
        u.commit()
    walk.expire()  # the objection period: a tick of the admission case
    walk.submit(BEG)
    walk.check()  # a completion in another case
    with uow() as u:
        assert list(u.session.scalars(select(Contract.case_id))) == [None]


@pytest.mark.parametrize(("decided_at", "starts_on", "ends_on"), [
    pytest.param(datetime(2026, 3, 2, 9, tzinfo=UTC), START, FIRST_END, id="plain"),
    pytest.param(datetime(2026, 3, 2, 23, 30, tzinfo=UTC), date(2026, 3, 4),
                 date(2028, 3, 3), id="after_midnight_in_amsterdam"),
    pytest.param(datetime(2026, 12, 31, 9, tzinfo=UTC), date(2027, 1, 1),
                 date(2028, 12, 31), id="new_year"),
    pytest.param(datetime(2028, 2, 28, 9, tzinfo=UTC), date(2028, 2, 29),
                 date(2030, 2, 28), id="leap_day_start"),
])
def test_a_contract_starts_the_day_after_the_decision_and_runs_two_years(
        uow, actors, window_id, decided_at, starts_on, ends_on):
    walk = Walk(uow, actors, window_id, now=decided_at)
    admission = admit(walk, BEG)
    assert contracts_of(uow, admission) == [ContractState(BEG, starts_on, ends_on, 0, None)]


def test_the_first_extension_decision_is_due_three_months_before_the_term_ends(walk, uow):
    contract = contract_case(walk)
    assert case_state(uow, contract).next_timer_at == datetime(2027, 12, 1, 23, tzinfo=UTC)
    assert open_tasks(uow, contract) == []
    walk.expire()  # extension_decision_due
    assert open_tasks(uow, contract) == [("decide_extension", "contract_manager")]


EXTENDED = ["tick", "task_completed decide_extension",
            "service_called record_contract_extension"]
NOT_EXTENDED = ["tick", "task_completed decide_extension"]
ENDED = ["tick", "service_called record_contract_end"]
DECIDE = "contract_manager: decide_extension"


@pytest.mark.parametrize(("decisions", "log", "extensions", "ends_on"), [
    pytest.param([False], [*NOT_EXTENDED, *ENDED], 0, FIRST_END, id="not_extended"),
    pytest.param([True, False], [*EXTENDED, *NOT_EXTENDED, *ENDED], 1, date(2030, 3, 2),
                 id="extended_once_then_not"),
    pytest.param([True, True, False], [*EXTENDED, *EXTENDED, *NOT_EXTENDED, *ENDED], 2,
                 date(2032, 3, 2), id="extended_twice_then_not"),
    pytest.param([True, True, True], [*EXTENDED, *EXTENDED, *EXTENDED, *ENDED], 3,
                 date(2034, 3, 2), id="extended_three_times_then_final_term"),
])
def test_each_contract_path_ends_when_its_last_term_runs_out(walk, uow, decisions, log,
                                                             extensions, ends_on):
    contract = contract_case(walk)
    for extend in decisions:
        walk.expire()  # extension_decision_due
        walk.do("contract_manager", "decide_extension", extend=extend,
                motivation="Besluit over verlenging.")
    ended_at = walk.expire()  # contract_term_ends
    assert ended_at == datetime.combine(ends_on + timedelta(days=1), time(0), AMSTERDAM)
    case = case_state(uow, contract)
    assert (case.status, case.completed, case.next_timer_at) == ("ended", True, None)
    assert task_history(uow, contract) == [DECIDE] * len(decisions)
    assert log_lines(uow, contract) == ["started contract", *log]
    assert log_seqs(uow, contract) == list(range(1, len(log) + 2))
    assert chain_break(uow, contract) is None
    assert contracts_of(uow, contract) == [
        ContractState(BEG, START, ends_on, extensions, ends_on)]


def test_extension_decisions_fall_due_three_months_before_each_term_ends(walk):
    contract_case(walk)
    moments = []
    for _ in range(3):
        moments.append(walk.expire())
        walk.do("contract_manager", "decide_extension", extend=True)
    moments.append(walk.expire())
    assert moments == [datetime(2027, 12, 1, 23, tzinfo=UTC),
                       datetime(2029, 12, 1, 23, tzinfo=UTC),
                       datetime(2031, 12, 1, 23, tzinfo=UTC),
                       datetime(2034, 3, 2, 23, tzinfo=UTC)]  # the end of the eighth year


def test_a_contract_without_an_extension_decision_still_ends_at_its_term_end(walk, uow):
    contract = contract_case(walk)
    walk.expire()  # extension_decision_due; nobody decides
    walk.expire()  # the term end
    assert case_state(uow, contract).status == "ended"
    assert contracts_of(uow, contract)[0].ended_on == FIRST_END
