"""A script bomb fed by form data is stopped with a Dutch reason naming the task; the
case stays exactly as it was and the same task can then be completed with sane data."""

from __future__ import annotations

import os
import threading

import pytest

from engine import limits
from tests.conftest import seed
from tests.integration.workflows.bounded import deploy_bounded, start_bounded
from tests.integration.workflows.steps import do
from tests.integration.workflows.test_processes import committed_url
from tests.integration.workflows.test_robustness import snapshot
from workflows.database import Database
from workflows.errors import ProcedureFailed

N = 10_000  # the largest number the form accepts


@pytest.fixture
def bounded_case(uow, actors):
    with uow() as u:
        deploy_bounded(u)
        case_id = start_bounded(u, actors["applicant_a"])
        u.commit()
    return case_id


@pytest.fixture
def generous_time(monkeypatch):
    """Size limits, not the clock, must stop these: a slow test machine changes nothing."""
    monkeypatch.setattr(limits, "TIME_LIMIT_SECONDS", 600.0)


@pytest.mark.usefixtures("generous_time")
@pytest.mark.parametrize(("note", "reason"), [
    ("repeat", "herhaling tot 600.000.000 elementen (grens 1.000.000)"),
    ("list", "herhaling tot 100.000.000 elementen (grens 1.000.000)"),
    ("power", "bits (grens 4.096)"),
    ("join", "tekst van 15.960.400 tekens (grens 1.000.000)"),
    ("replace", "tekst van 700.060.000 tekens (grens 1.000.000)"),
    ("comprehension", "samen meer dan 5.000.000 elementen in één opdracht"),
], ids=["string-repeat", "list-repeat", "big-power", "huge-join", "huge-replace",
        "comprehension-over-big-input"])
def test_a_script_bomb_is_stopped_and_the_case_stays_usable(uow, actors, bounded_case, note,
                                                             reason):
    before = snapshot(uow, bounded_case)
    with pytest.raises(ProcedureFailed) as caught:
        do(uow, actors["contract_manager"], bounded_case, "register_client_transfer",
           clients_remaining=N, transfer_note=note)
    assert caught.value.task == "compute_from_form"
    assert "De stap 'Rekenen met de invoer' is mislukt" in caught.value.message
    assert "script te groot" in caught.value.message
    assert reason in caught.value.message
    assert "ongewijzigd" in caught.value.message
    assert snapshot(uow, bounded_case) == before
    assert_completes_with_sane_data(uow, actors, bounded_case)


def test_a_slow_comprehension_is_stopped_by_the_time_limit(uow, actors, bounded_case,
                                                           monkeypatch):
    monkeypatch.setattr(limits, "TIME_LIMIT_SECONDS", 0.5)
    before = snapshot(uow, bounded_case)
    with pytest.raises(ProcedureFailed) as caught:
        do(uow, actors["contract_manager"], bounded_case, "register_client_transfer",
           clients_remaining=N, transfer_note="slow")
    assert caught.value.task == "compute_from_form"
    assert "script te traag: de tijdslimiet van 0.5 s per opdracht" in caught.value.message
    assert snapshot(uow, bounded_case) == before
    assert_completes_with_sane_data(uow, actors, bounded_case)


def assert_completes_with_sane_data(uow, actors, case_id):
    view = do(uow, actors["contract_manager"], case_id, "register_client_transfer",
              clients_remaining=N, transfer_note="ok")
    assert view.status == "done"


@pytest.fixture(params=["sqlite", "postgresql"])
def committed(request, tmp_path):
    if request.param == "postgresql" and not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("TEST_DATABASE_URL is not set")
    db = Database(committed_url(request.param, tmp_path))
    db.migrate()
    with db.uow() as uow:
        world = seed(uow)
        deploy_bounded(uow)
        slow_case = start_bounded(uow, world["actors"]["applicant_a"])
        other_case = start_bounded(uow, world["actors"]["applicant_a"])
        uow.commit()
    yield db, world["actors"], slow_case, other_case
    db.dispose()


def test_another_case_is_completed_while_a_slow_script_runs(committed, monkeypatch):
    """On SQLite the slow command holds the only write lock: the other command waits for
    it, and no longer than until the time limit stops the slow script."""
    db, actors, slow_case, other_case = committed
    monkeypatch.setattr(limits, "TIME_LIMIT_SECONDS", 1.0)
    script_running = threading.Event()
    real_ticking = limits.timed

    def ticking(source, allowance=None):
        script_running.set()
        yield from real_ticking(source, allowance)

    monkeypatch.setattr(limits, "timed", ticking)
    failures = []

    def run_slow_script():
        try:
            do(db.uow, actors["contract_manager"], slow_case, "register_client_transfer",
               clients_remaining=N, transfer_note="slow")
        except ProcedureFailed as err:
            failures.append(err)

    slow = threading.Thread(target=run_slow_script)
    slow.start()
    assert script_running.wait(timeout=120)
    view = do(db.uow, actors["contract_manager"], other_case, "register_client_transfer",
              clients_remaining=3, transfer_note="ok")
    slow.join(timeout=120)
    assert view.status == "done"
    assert [f.task for f in failures] == ["compute_from_form"]
    assert "tijdslimiet" in failures[0].message
    assert_completes_with_sane_data(db.uow, actors, slow_case)
