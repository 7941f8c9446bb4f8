"""The `toelating` command line on a real database file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def toelating(tmp_path, *args):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/cli.db", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "web.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("cli")
    init = toelating(tmp_path, "init")
    assert init.returncode == 0, init.stderr
    demo = toelating(tmp_path, "demo", "--if-empty")
    assert demo.returncode == 0, demo.stderr
    return tmp_path, demo.stdout


HELP_THEN_MODULES = """
import sys
from web.cli import main
try:
    main(["--help"])
except SystemExit as done:
    assert done.code == 0, done.code
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_help_imports_neither_the_engine_nor_the_database_layer_nor_flask():
    result = subprocess.run([sys.executable, "-c", HELP_THEN_MODULES], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Commands:" in result.stdout
    loaded = set(result.stdout.splitlines()[-1].split())
    assert "click" in loaded
    assert not loaded & {"SpiffWorkflow", "sqlalchemy", "flask", "werkzeug", "alembic",
                         "marshmallow", "engine", "workflows", "models"}


def test_demo_prints_one_user_per_role(demo_db):
    _, out = demo_db
    for role in ("screening_officer", "integrity_officer", "quality_assessor", "legal_counsel",
                 "decision_maker", "contract_manager", "auditor", "admin", "applicant"):
        assert f"{role}@demo.test" in out


def test_demo_if_empty_does_nothing_the_second_time(demo_db):
    tmp_path, _ = demo_db
    again = toelating(tmp_path, "demo", "--if-empty")
    assert again.returncode == 0
    assert "overgeslagen" in again.stdout


def test_cases_lists_state_and_open_tasks_as_json(demo_db):
    tmp_path, _ = demo_db
    result = toelating(tmp_path, "cases", "--state", "decision", "--json")
    found = json.loads(result.stdout)
    assert (found["page"], found["pages"], found["total"]) == (1, 1, 1)
    assert [r["open_tasks"] for r in found["rows"]] == [["decide_admission"]]
    assert found["rows"][0]["provider"] and found["rows"][0]["status"] == "decision"


def test_cases_pages_through_every_case(demo_db):
    tmp_path, _ = demo_db
    pages = [json.loads(toelating(tmp_path, "cases", "--page-size", "4", "--page", str(n),
                                  "--json").stdout) for n in (1, 2)]
    assert pages[0]["total"] == pages[1]["total"] > 8
    assert pages[0]["pages"] == -(-pages[0]["total"] // 4)
    ids = [r["case_id"] for page in pages for r in page["rows"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 8
    text = toelating(tmp_path, "cases", "--process", "contract").stdout
    assert "Overeenkomst" in text and "Aanvraag om toelating" not in text
    assert "Pagina 1 van 1" in text


def test_verify_passes_then_fails_on_the_altered_event(demo_db):
    tmp_path, _ = demo_db
    ok = toelating(tmp_path, "verify")
    assert ok.returncode == 0, ok.stderr
    assert "kloppen" in ok.stdout
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        conn.execute("UPDATE case_event SET actor = 'mallory' WHERE case_id = 3 AND seq = 2")
    broken = toelating(tmp_path, "verify")
    assert broken.returncode == 1
    assert "zaak 3: gewijzigd bij volgnummer 2" in broken.stdout.splitlines()
    assert "zaak 1: ok" in broken.stdout.splitlines()
    assert "kloppen niet" in broken.stderr


def test_replay_reports_an_identical_state(demo_db):
    tmp_path, _ = demo_db
    result = toelating(tmp_path, "replay", "1")
    assert result.returncode == 0, result.stderr
    assert "stand identiek" in result.stdout


def test_worker_once_ticks_due_cases(demo_db):
    tmp_path, _ = demo_db
    result = toelating(tmp_path, "worker", "--once")
    assert result.returncode == 0, result.stderr
    assert "bijgewerkt" in result.stdout


def test_a_second_worker_on_sqlite_is_refused(demo_db):
    tmp_path, _ = demo_db
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/cli.db", "PATH": "/usr/bin:/bin"}
    first = subprocess.Popen([sys.executable, "-m", "web.cli", "worker", "--interval", "60"],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        assert "bijgewerkt" in first.stdout.readline()  # the first round is done
        second = toelating(tmp_path, "worker", "--once")
    finally:
        first.kill()
        first.communicate(timeout=30)
    assert second.returncode == 1
    assert "al een worker" in second.stderr


@pytest.fixture
def damaged(demo_db, tmp_path):
    """A copy of the demo database to damage; returns a function that runs SQL on it."""
    source_dir, _ = demo_db
    with sqlite3.connect(source_dir / "cli.db") as source, \
            sqlite3.connect(tmp_path / "cli.db") as copy:
        source.backup(copy)

    def run_sql(sql):
        with sqlite3.connect(tmp_path / "cli.db") as conn:
            conn.execute(sql)
        return tmp_path

    return run_sql


def assert_one_dutch_sentence(result, *words):
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def test_replay_names_an_event_whose_payload_is_no_json(damaged):
    tmp_path = damaged("UPDATE case_event SET payload = '{niet json' WHERE case_id = 2 AND seq = 1")
    result = toelating(tmp_path, "replay", "2")
    assert_one_dutch_sentence(result, "zaak 2 is beschadigd", "volgnummer 1", "geen geldige JSON")


def test_replay_names_a_log_that_does_not_begin_with_started(damaged):
    tmp_path = damaged("UPDATE case_event SET kind = 'begonnen' WHERE case_id = 2 AND seq = 1")
    result = toelating(tmp_path, "replay", "2")
    assert_one_dutch_sentence(result, "zaak 2 is beschadigd", "'started'")


def test_replay_names_a_command_of_an_unknown_kind(damaged):
    tmp_path = damaged("UPDATE case_event SET kind = 'taak_klaar' WHERE case_id = 2 AND seq = "
                       "(SELECT MIN(seq) FROM case_event WHERE case_id = 2 "
                       "AND kind = 'task_completed')")
    result = toelating(tmp_path, "replay", "2")
    assert_one_dutch_sentence(result, "Zaak 2")


def test_replay_of_a_case_that_does_not_exist_says_so(demo_db):
    tmp_path, _ = demo_db
    result = toelating(tmp_path, "replay", "9999")
    assert_one_dutch_sentence(result, "Deze zaak bestaat niet")


def test_verify_names_the_event_whose_payload_is_no_json(damaged):
    tmp_path = damaged("UPDATE case_event SET payload = 'kapot' WHERE case_id = 2 AND seq = 3")
    result = toelating(tmp_path, "verify")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "zaak 2: gewijzigd bij volgnummer 3" in result.stdout


def test_replay_names_an_event_whose_moment_is_no_time(damaged):
    tmp_path = damaged("UPDATE case_event SET at = 'kapot' WHERE case_id = 2 AND seq = 2")
    result = toelating(tmp_path, "replay", "2")
    assert_one_dutch_sentence(result, "zaak 2 is beschadigd", "volgnummer 2", "onleesbaar")


def test_verify_names_the_event_whose_moment_is_no_time(damaged):
    tmp_path = damaged("UPDATE case_event SET at = 'kapot' WHERE case_id = 2 AND seq = 2")
    result = toelating(tmp_path, "verify")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "zaak 2: gewijzigd bij volgnummer 2" in result.stdout


def test_replay_of_a_case_whose_row_is_damaged_says_so(damaged):
    tmp_path = damaged("UPDATE case_instance SET created_at = 'kapot' WHERE id = 2")
    result = toelating(tmp_path, "replay", "2")
    assert_one_dutch_sentence(result, "zaak 2", "beschadigd")
