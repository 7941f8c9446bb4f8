"""`toelating verify` and `toelating anchor` through click's runner on the demo: one line
per case, exit codes, the anchor export and a check against it."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from sqlalchemy import update

from models import Case
from tests.integration.workflows import tamper
from web.app import create_app
from web.cli import main


@pytest.fixture(scope="module")
def built(world):
    yield from tamper.build(world["engine"])


@pytest.fixture
def toelating(built):
    """Run the CLI on the demo; whatever a command commits is undone after the test."""
    nested = built.connection.begin_nested()
    database = SimpleNamespace(uow=built.uow, reader=built.uow)
    runner = create_app({"TESTING": True, "SECRET_KEY": "t", "DATABASE": database}
                        ).test_cli_runner()
    yield lambda *args: runner.invoke(main, [str(a) for a in args])
    nested.rollback()


def change(built, *statements):
    with built.uow() as u:
        for statement in statements:
            u.session.execute(statement.execution_options(synchronize_session=False))
        u.commit()


def test_verify_says_ok_per_case_and_exits_0(built, toelating):
    result = toelating("verify", "--replay")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for case in built.cases:
        assert f"zaak {case.case_id}: ok" in lines
    assert lines[-1] == f"Alle {len(built.cases)} zaken kloppen."


def test_verify_names_the_altered_case_and_exits_1(built, toelating):
    first, second = built.cases[0], built.cases[1]
    change(built, update(Case).where(Case.id == first.case_id).values(status="admitted_x"))
    result = toelating("verify", first.case_id, second.case_id)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-2:] == [
        f"zaak {first.case_id}: gewijzigd bij volgnummer {first.last_command}",
        f"zaak {second.case_id}: ok"]
    assert "1 van 2 zaken kloppen niet." in result.stderr
    assert "Traceback" not in result.output


def test_verify_with_replay_names_a_diverging_state(built, toelating):
    case = built.cases[0]
    change(built, update(Case).where(Case.id == case.case_id).values(state=Case.state + " "))
    assert toelating("verify", case.case_id).exit_code == 0
    result = toelating("verify", "--replay", case.case_id)
    assert result.exit_code == 1
    assert f"zaak {case.case_id}: wijkt af bij volgnummer {case.last_command}" in result.stdout


def test_verify_of_an_unknown_case_says_so_in_one_sentence(toelating):
    result = toelating("verify", 2_000_000)
    assert result.exit_code == 2
    assert result.stderr.strip() == "Fout: Zaak 2000000 bestaat niet."


def test_anchor_exports_every_head_and_verify_checks_a_rehash_against_it(built, toelating,
                                                                         tmp_path):
    exported = tmp_path / "ankers.jsonl"
    result = toelating("anchor", "--export", exported)
    assert result.exit_code == 0, result.output
    assert f"{len(built.cases)} hashketen(s) verankerd." in result.stdout
    lines = [json.loads(line) for line in exported.read_text().splitlines()]
    assert {line["case"] for line in lines} == {c.case_id for c in built.cases}
    assert set(lines[0]) == {"case", "seq", "hash", "at"}
    assert toelating("anchor").stdout.startswith("0 hashketen(s)")  # nothing moved since
    case = built.cases[2]
    with built.uow() as u:
        tamper.rehash_from(u.session, case.case_id, 1)
        u.commit()
    result = toelating("verify", "--anchors", exported, case.case_id)
    assert result.exit_code == 1
    assert f"zaak {case.case_id}: gewijzigd bij volgnummer {case.events}" in result.stdout


def test_verify_refuses_an_anchor_file_that_is_not_one(toelating, tmp_path):
    broken = tmp_path / "ankers.jsonl"
    broken.write_text('{"case": 1, "seq": 2}\n')
    result = toelating("verify", "--anchors", broken)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Fout: Regel 1 van {broken} is geen anker."
