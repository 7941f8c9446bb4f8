"""Every path of `bridging`: an incumbent that is not (re)admitted keeps its current
clients for six months; the agreement ends when the clients have moved or the term ends.

Registering transfers is bounded by `max_transfer_rounds`, which workflows/bridging.py
puts in the case data from its constant MAX_TRANSFER_ROUNDS (20); the rounds-bound path
lowers that constant to 2 so the path takes two registrations instead of twenty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from tests.integration.workflows.steps import open_task, open_tasks
from tests.integration.workflows.trail import (
    BridgingState,
    bridging_of,
    case_events,
    case_state,
    chain_break,
    child_cases,
    letter_kinds,
    log_lines,
    log_seqs,
    task_history,
)
from tests.integration.workflows.walk import BEG, Walk
from workflows import bridging

CLIENTS = 7
END_AT = datetime(2026, 9, 2, 22, tzinfo=UTC)  # six months from Monday 2 March 2026


def withdrawn(w: Walk) -> None:
    w.submit(BEG, incumbent=True, current_clients=CLIENTS)
    w.withdraw()


def not_considered(w: Walk) -> None:
    w.submit(BEG, incumbent=True, current_clients=CLIENTS)
    w.check(complete=False)
    w.expire()  # supplement_term_expired
    w.decide("not_considered")
    w.expire()  # objection period


def refused_in_objection_period(w: Walk) -> None:
    w.refused_after_views(BEG, incumbent=True, current_clients=CLIENTS)


def refused(w: Walk) -> None:
    refused_in_objection_period(w)
    w.expire()


def start_bridging(w: Walk) -> list[int]:
    return w.run(bridging.start_bridging_for_incumbents, "contract_manager",
                 window_id=w.window_id)


@pytest.mark.parametrize(("outcome", "starts_on", "ends_on"), [
    pytest.param(withdrawn, date(2026, 3, 2), date(2026, 9, 2), id="withdrawn"),
    pytest.param(not_considered, date(2026, 4, 29), date(2026, 10, 29), id="not_considered"),
    pytest.param(refused, date(2026, 4, 14), date(2026, 10, 14), id="refused"),
])
def test_bridging_starts_for_an_incumbent_that_was_not_readmitted(walk, uow, outcome,
                                                                  starts_on, ends_on):
    outcome(walk)
    admission = walk.case_id
    started = start_bridging(walk)
    assert len(started) == 1
    assert started == child_cases(uow, admission, "bridging")
    assert start_bridging(walk) == []  # once per application and subsegment
    bridging_case = walk.follow(started[0])
    assert case_state(uow, bridging_case).status == "active"
    assert task_history(uow, bridging_case) == [
        "contract_manager: register_client_transfer (open)"]
    assert letter_kinds(uow, bridging_case) == ["bridging_start"]
    assert bridging_of(uow, bridging_case) == BridgingState(CLIENTS, starts_on, ends_on,
                                                            None, None)


def admitted_incumbent(w: Walk) -> None:
    w.submit(BEG, incumbent=True, current_clients=CLIENTS)
    w.check()
    w.integrity()
    w.quality(BEG)
    w.decide("admitted", BEG)
    w.expire()


def incumbent_without_clients(w: Walk) -> None:
    w.submit(BEG, incumbent=True, current_clients=0)
    w.withdraw()


def newcomer(w: Walk) -> None:
    w.submit(BEG)
    w.withdraw()


@pytest.mark.parametrize("outcome", [
    pytest.param(admitted_incumbent, id="admitted_incumbent"),
    pytest.param(refused_in_objection_period, id="refused_before_the_objection_period_ends"),
    pytest.param(incumbent_without_clients, id="incumbent_without_clients"),
    pytest.param(newcomer, id="not_an_incumbent"),
])
def test_bridging_is_not_started_for(walk, uow, outcome):
    outcome(walk)
    assert start_bridging(walk) == []
    assert child_cases(uow, walk.case_id, "bridging") == []


def bridging_case(walk: Walk) -> int:
    withdrawn(walk)
    (case_id,) = start_bridging(walk)
    return walk.follow(case_id)


def transfer(w: Walk, remaining: int) -> None:
    w.do("contract_manager", "register_client_transfer", clients_remaining=remaining,
         transfer_note="Cliënten overgedragen.")


def moved_at_once(w: Walk) -> None:
    transfer(w, 0)


def moved_in_two_rounds(w: Walk) -> None:
    transfer(w, 3)
    w.later(days=10)
    transfer(w, 0)


def reminded_then_moved(w: Walk) -> None:
    w.expire()  # bridging_reminder, non-interrupting
    w.later(hours=10)
    transfer(w, 0)


def term_expired(w: Walk) -> None:
    w.expire()  # bridging_reminder
    w.expire()  # bridging_term_expires


def rounds_exhausted(w: Walk) -> None:
    transfer(w, 5)
    transfer(w, 2)  # the second of max_transfer_rounds = 2: wait for the term end
    w.expire()  # bridging_term_wait


@dataclass(frozen=True)
class Path:
    steps: Callable[[Walk], None]
    status: str
    ended: tuple[date, str]  # ended_on and end_reason of the agreement
    tasks: list[str]
    log: list[str]
    letters: list[str]


REGISTER = "contract_manager: register_client_transfer"
STARTED = ["started bridging", "service_called send_letter(bridging_start)"]
REGISTERED = ["task_completed register_client_transfer"]
REMINDED = ["tick", "service_called send_letter(bridging_reminder)"]
ENDED = ["service_called record_bridging_end"]

MOVED, EXPIRED = "clients_moved", "term_expired"  # end reasons on the agreement
TERM_END = date(2026, 9, 2)

PATHS = [
    pytest.param(Path(moved_at_once, "clients_moved", (date(2026, 3, 2), MOVED), [REGISTER],
                      [*STARTED, *REGISTERED, *ENDED], ["bridging_start"]),
                 id="clients_moved_at_once"),
    pytest.param(Path(moved_in_two_rounds, "clients_moved", (date(2026, 3, 12), MOVED),
                      [REGISTER, REGISTER], [*STARTED, *REGISTERED, *REGISTERED, *ENDED],
                      ["bridging_start"]), id="clients_moved_in_two_rounds"),
    pytest.param(Path(reminded_then_moved, "clients_moved", (date(2026, 3, 31), MOVED),
                      [REGISTER], [*STARTED, *REMINDED, *REGISTERED, *ENDED],
                      ["bridging_start", "bridging_reminder"]), id="reminded_then_moved"),
    pytest.param(Path(term_expired, "expired", (TERM_END, EXPIRED), [REGISTER + " (cancelled)"],
                      [*STARTED, *REMINDED, "tick", *ENDED],
                      ["bridging_start", "bridging_reminder"]), id="term_expired"),
    pytest.param(Path(rounds_exhausted, "expired", (TERM_END, EXPIRED), [REGISTER, REGISTER],
                      [*STARTED, *REGISTERED, *REGISTERED, "tick", *ENDED],
                      ["bridging_start"]), id="rounds_bound_then_term_end"),
]


@pytest.mark.parametrize("path", PATHS)
def test_each_bridging_path_reaches_its_end_state(walk, uow, monkeypatch, path):
    monkeypatch.setattr(bridging, "MAX_TRANSFER_ROUNDS", 2)
    case_id = bridging_case(walk)
    path.steps(walk)
    case = case_state(uow, case_id)
    assert (case.status, case.completed, case.next_timer_at) == (path.status, True, None)
    assert task_history(uow, case_id) == path.tasks
    assert log_lines(uow, case_id) == path.log
    assert log_seqs(uow, case_id) == list(range(1, len(path.log) + 1))
    assert chain_break(uow, case_id) is None
    assert letter_kinds(uow, case_id) == path.letters
    agreement = bridging_of(uow, case_id)
    assert (agreement.ended_on, agreement.end_reason) == path.ended


def test_the_reminder_leaves_the_transfer_task_open_and_fires_once(walk, uow):
    case_id = bridging_case(walk)
    before = open_task(uow, case_id, "register_client_transfer")
    reminded_at = walk.expire()
    assert reminded_at == datetime(2026, 3, 30, 22, tzinfo=UTC)  # four weeks on
    assert open_task(uow, case_id, "register_client_transfer") == before
    case = case_state(uow, case_id)
    assert (case.status, case.next_timer_at) == ("active", END_AT)  # only the term end left
    assert letter_kinds(uow, case_id) == ["bridging_start", "bridging_reminder"]


def test_after_the_last_round_the_case_waits_for_the_term_end_without_a_task(
        walk, uow, monkeypatch):
    monkeypatch.setattr(bridging, "MAX_TRANSFER_ROUNDS", 2)
    case_id = bridging_case(walk)
    transfer(walk, 5)
    transfer(walk, 2)
    assert open_tasks(uow, case_id) == []
    case = case_state(uow, case_id)
    assert (case.status, case.completed, case.next_timer_at) == ("active", False, END_AT)


def test_the_rounds_bound_comes_from_the_module_constant_into_the_case_data(walk, uow):
    case_id = bridging_case(walk)
    (_, kind, started) = case_events(uow, case_id)[0]
    assert kind == "started"
    assert started["data"]["max_transfer_rounds"] == bridging.MAX_TRANSFER_ROUNDS == 20


def test_clients_moved_just_after_midnight_end_the_agreement_on_the_amsterdam_day(walk, uow):
    case_id = bridging_case(walk)
    walk.now = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)  # 00:30 on 3 March in Amsterdam
    transfer(walk, 0)
    assert bridging_of(uow, case_id).ended_on == date(2026, 3, 3)
