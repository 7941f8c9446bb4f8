"""Real processes on a committed database: a race for one task, and a crash mid-command."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from models import CaseEvent, HumanTask
from models.db import make_engine
from tests.conftest import ROOT, seed
from tests.integration.workflows.fragile import start_fragile
from workflows import cases
from workflows.database import Database

CHILD = "tests.integration.workflows.child"


def committed_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path}/committed.db"
    base = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"{base.database}_committed"
    admin = make_engine(base.render_as_string(hide_password=False),
                        isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def committed(request, tmp_path):
    if request.param == "postgresql" and not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("TEST_DATABASE_URL is not set")
    db = Database(committed_url(request.param, tmp_path))
    db.migrate()
    with db.uow() as uow:
        world = seed(uow)
        uow.commit()
    with db.uow() as uow:
        case_id = start_fragile(uow, world["actors"]["applicant_a"])
        uow.commit()
    yield db, world, case_id
    db.dispose()


def open_task_id(db, case_id, bpmn_id):
    with db.uow() as uow:
        return uow.session.scalars(select(HumanTask.task_id).where(
            HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id,
            HumanTask.completed_at.is_(None))).one()


def spawn(db, task_id, *options):
    data = json.dumps({"extend": False, "motivation": "withdrawal_confirmation"})
    args = [sys.executable, "-m", CHILD, db.url, "contract_manager@test.example", task_id,
            data, *options]
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def completions(db, case_id):
    with db.uow() as uow:
        return uow.session.scalar(select(func.count()).where(
            CaseEvent.case_id == case_id, CaseEvent.kind == "task_completed"))


def test_two_processes_completing_one_task_at_once_one_wins_one_conflicts(committed, tmp_path):
    db, _world, case_id = committed
    task_id = open_task_id(db, case_id, "decide_extension")
    go = tmp_path / "go"
    children = [spawn(db, task_id, "--go", str(go)) for _ in range(2)]
    go.write_text("go")
    results = [child.communicate(timeout=120)[0].strip() for child in children]
    assert results.count("OK") == 1
    lost = next(r for r in results if r != "OK")
    assert lost.startswith(("Conflict: ", "TaskAlreadyDone: "))
    assert "al afgerond door" in lost or "tegelijk" in lost
    assert completions(db, case_id) == 1


def test_a_process_killed_mid_command_leaves_the_case_usable(committed, tmp_path):
    db, world, case_id = committed
    task_id = open_task_id(db, case_id, "decide_extension")
    marker = tmp_path / "in-handler"
    child = spawn(db, task_id, "--hang-in-handler", str(marker))
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, "child never reached the handler"
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)
    assert completions(db, case_id) == 0
    with db.uow() as uow:
        view = cases.complete_task(uow, world["actors"]["contract_manager"], task_id=task_id,
                                   data={"extend": False, "motivation": "withdrawal_confirmation"})
        uow.commit()
    assert [t.bpmn_id for t in view.open_tasks] == ["register_client_transfer"]
    assert completions(db, case_id) == 1
