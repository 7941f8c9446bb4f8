"""Several worker processes, many due timers: every timer fires exactly once, even when
one worker is killed in the middle of its run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engine import clock
from models import Case, CaseEvent, Incident, Outbox
from tests.conftest import ROOT, seed
from tests.integration.workflows.sleeper import deploy_sleeper, start_sleeper
from tests.integration.workflows.test_processes import committed_url
from workflows.database import Database

TIMERS = 1000
WORKERS = 3


@pytest.fixture
def sleeping(tmp_path):
    if not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("TEST_DATABASE_URL is not set (this test is for PostgreSQL)")
    db = Database(committed_url("postgresql", tmp_path))
    db.migrate()
    with db.uow() as uow:
        provider_id = seed(uow)["actors"]["applicant_a"].provider_id
        deploy_sleeper(uow)
        uow.commit()
    # Every case must still be asleep when the last is made, or it wakes without a tick.
    wake_at = clock.now() + timedelta(seconds=30)
    with db.uow() as uow:
        for _ in range(TIMERS):
            start_sleeper(uow, wake_at, provider_id)
        uow.commit()
    assert clock.now() < wake_at, "making the cases took longer than the margin"
    while clock.now() <= wake_at:
        time.sleep(0.2)
    yield db
    db.dispose()


def spawn_worker(db):
    return subprocess.Popen([sys.executable, "-m", "tests.integration.workflows.worker_child",
                             db.url], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def count(db, stmt):
    with db.uow() as uow:
        return uow.session.scalar(stmt)


def test_three_workers_fire_a_thousand_timers_exactly_once_despite_a_kill(sleeping):
    db = sleeping
    workers = [spawn_worker(db) for _ in range(WORKERS)]
    ticks = select(func.count()).where(CaseEvent.kind == "tick")
    while count(db, ticks) < TIMERS // 10:
        assert all(w.poll() is None for w in workers), [w.communicate() for w in workers]
        time.sleep(0.05)
    os.kill(workers[0].pid, signal.SIGKILL)
    workers[0].communicate(timeout=60)
    for worker in workers[1:]:
        _out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err
    per_case = select(CaseEvent.case_id, func.count()).where(
        CaseEvent.kind == "tick").group_by(CaseEvent.case_id)
    with db.uow() as uow:
        fired = dict(uow.session.execute(per_case).all())
        statuses = dict(uow.session.execute(
            select(Case.status, func.count()).group_by(Case.status)).all())
        incidents = uow.session.execute(select(Incident.case_id, Incident.failures,
                                               Incident.error)).all()
    assert len(fired) == TIMERS and set(fired.values()) == {1}, (statuses, incidents)
    assert statuses == {"woke": TIMERS}
    assert count(db, select(func.count(func.distinct(Outbox.idempotency_key)))) == TIMERS
    assert count(db, select(func.count()).select_from(Outbox)) == TIMERS
