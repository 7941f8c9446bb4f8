"""`toelating deadlines CASE`: every open deadline with its regime and its reasoning."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from freezegun import freeze_time
from sqlalchemy import update

from models import Region
from tests.integration.workflows.walk import BEG, Walk
from web.app import create_app
from web.cli import deadlines_command
from workflows import deadlines as dl
from workflows import decision_term


@pytest.fixture
def awb_walk(uow, actors, window_id):
    """Admission by decision: the Awb clocks and the Atw apply."""
    with uow() as u:
        u.session.execute(update(Region).values(legal_model="awb"))
        u.commit()
    return Walk(uow, actors, window_id, now=datetime(2026, 10, 30, 9, tzinfo=UTC))


def deadlines_output(uow, case_id, at):
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "DATABASE": SimpleNamespace(uow=uow,
                                                                        reader=uow)})
    with freeze_time(at):
        result = app.test_cli_runner().invoke(deadlines_command, [str(case_id)])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_suspended_case_shows_the_suspension_and_the_moved_decision_day(awb_walk, uow):
    case_id = awb_walk.submit(BEG)  # Friday 30 October 2026: raw end Friday 25 December
    awb_walk.later(days=3)
    awb_walk.check(complete=False)  # Monday 2 November; suspended from the 3rd
    awb_walk.later(days=7)
    awb_walk.supplement()  # Monday 9 November: 7 days suspended
    out = deadlines_output(uow, case_id, awb_walk.now)
    assert "Beslistermijn: uiterlijk 04-01-2027 (wettelijke termijn (Algemene termijnenwet))" in out
    assert "Awb 4:15" in out and "7 dagen" in out
    assert "Eerste Kerstdag" not in out  # the suspension moved the end past Christmas
    assert "WAARSCHUWING" not in out


def test_an_extended_lbb_term_shows_twelve_weeks(awb_walk, uow):
    case_id = awb_walk.submit(BEG)
    awb_walk.check()
    awb_walk.screen(red_flags=1)
    awb_walk.do("integrity_officer", "decide_lbb_request", request_lbb=True)
    awb_walk.expire()  # eight weeks pass without advice
    awb_walk.do("integrity_officer", "register_lbb_extension", lbb_extended=True)
    out = deadlines_output(uow, case_id, awb_walk.now)
    assert ("Adviestermijn LBB: uiterlijk 22-01-2027 "
            "(wettelijke termijn (Algemene termijnenwet))") in out
    assert "12 weken" in out
    assert "84 dagen" in out  # the decision term is suspended for the extended maximum


def test_a_deadline_in_a_year_without_a_royal_decree_warns(uow, actors, window_id):
    with uow() as u:
        u.session.execute(update(Region).values(legal_model="awb"))
        u.commit()
    walk = Walk(uow, actors, window_id, now=datetime(2028, 12, 15, 9, tzinfo=UTC))
    case_id = walk.submit(BEG)
    out = deadlines_output(uow, case_id, walk.now)
    assert "Beslistermijn: uiterlijk 09-02-2029" in out
    assert "WAARSCHUWING" in out and "2029" in out


@pytest.mark.parametrize(("as_of", "euros"), [
    (datetime(2027, 2, 2, 9, tzinfo=UTC), 13 * 23),  # 20 January to 1 February
    (datetime(2027, 3, 1, 9, tzinfo=UTC), 14 * 23 + 14 * 35 + 12 * 45),
    (datetime(2027, 3, 15, 9, tzinfo=UTC), 1442),  # 42 days: the maximum
], ids=["thirteen-days", "forty-days", "capped"])
def test_a_notice_of_default_shows_the_penalty_accrued(awb_walk, uow, as_of, euros):
    case_id = awb_walk.submit(BEG)  # last day Monday 28 December 2026 (after Kerstdagen)
    awb_walk.now = datetime(2027, 1, 5, 9, tzinfo=UTC)
    awb_walk.run(decision_term.register_notice_of_default, "applicant_a", case_id=case_id,
                 received_on=date(2027, 1, 5))  # first penalty day: 20 January
    out = deadlines_output(uow, case_id, as_of)
    assert "Beslistermijn: uiterlijk 28-12-2026" in out
    assert f"Dwangsom bij niet tijdig beslissen (Awb 4:17): EUR {euros}" in out


def lbb_advised_then_quality(walk):
    case_id = walk.submit(BEG)
    walk.check()
    walk.screen(red_flags=1)
    walk.do("integrity_officer", "decide_lbb_request", request_lbb=True)
    walk.later(days=14)
    walk.do("integrity_officer", "register_lbb_advice", lbb_advice="no_risk", lbb_advice_summary="")
    walk.conclude_integrity()
    return case_id


def test_the_lbb_suspension_survives_the_join_when_quality_finishes_last(awb_walk, uow):
    from tests.integration.workflows.trail import task_dues

    case_id = lbb_advised_then_quality(awb_walk)
    while_quality_open = deadlines_output(uow, case_id, awb_walk.now)
    assert "Bibob-advies gevraagd" in while_quality_open  # one branch done, one open
    awb_walk.later(days=2)
    awb_walk.quality(BEG)
    after_join = deadlines_output(uow, case_id, awb_walk.now)
    assert "Bibob-advies gevraagd" in after_join
    last_day = after_join.split("Beslistermijn: uiterlijk ")[1][:10]
    due = task_dues(uow, case_id, "decide_admission")[0]
    assert due.astimezone(dl.AMSTERDAM).strftime("%d-%m-%Y") == (
        datetime.strptime(last_day, "%d-%m-%Y").date() + timedelta(days=1)).strftime("%d-%m-%Y")


def test_an_extended_decision_term_shows_the_extension_and_moves_the_task_due(awb_walk, uow):
    from tests.integration.workflows.trail import task_dues

    case_id = awb_walk.submit(BEG)  # raw last day Friday 25 December: Atw to Monday 28th
    awb_walk.later(days=21)
    new_last_day = awb_walk.run(decision_term.extend_decision_term, "legal_counsel",
                                case_id=case_id, weeks=4, reason="Advies van de GGD nodig.")
    assert new_last_day == date(2027, 1, 22)
    out = deadlines_output(uow, case_id, awb_walk.now)
    assert "Beslistermijn: uiterlijk 22-01-2027 (wettelijke termijn (Algemene termijnenwet))" in out
    assert "Awb 4:14" in out
    assert task_dues(uow, case_id, "check_completeness") == [dl.moment_after(new_last_day)]
    awb_walk.check()
    awb_walk.integrity()
    awb_walk.quality(BEG)
    assert task_dues(uow, case_id, "decide_admission") == [dl.moment_after(new_last_day)]


def test_extending_after_the_term_has_ended_is_refused(awb_walk, uow):
    from workflows.errors import Conflict

    case_id = awb_walk.submit(BEG)
    awb_walk.now = datetime(2026, 12, 29, 9, tzinfo=UTC)
    with pytest.raises(Conflict, match="al verstreken"):
        awb_walk.run(decision_term.extend_decision_term, "legal_counsel", case_id=case_id,
                     weeks=4, reason="Te laat.")


def test_only_counsel_or_the_decision_maker_may_extend(awb_walk, uow):
    from workflows.errors import NotAllowed

    case_id = awb_walk.submit(BEG)
    with pytest.raises(NotAllowed):
        awb_walk.run(decision_term.extend_decision_term, "applicant_a", case_id=case_id, weeks=4,
                     reason="Graag later.")


def test_extensions_together_stay_within_the_maximum(awb_walk, uow):
    from workflows.errors import InvalidInput

    case_id = awb_walk.submit(BEG)
    awb_walk.run(decision_term.extend_decision_term, "legal_counsel", case_id=case_id, weeks=20,
                 reason="Onderzoek.")
    with pytest.raises(InvalidInput, match="al verdaagd: 20"):
        awb_walk.run(decision_term.extend_decision_term, "legal_counsel", case_id=case_id,
                     weeks=7, reason="Nog meer onderzoek.")


def test_a_moved_due_date_gets_its_own_warning_again(awb_walk, uow):
    from tests.integration.workflows.trail import task_dues
    from workflows.actors import SYSTEM
    from workflows.jobs.due_warnings import raise_warnings, warn_from

    case_id = awb_walk.submit(BEG)
    due = task_dues(uow, case_id, "check_completeness")[0]
    with freeze_time(warn_from(due, 2) + timedelta(seconds=1)):
        assert raise_warnings(uow, SYSTEM) == 1
    awb_walk.now = warn_from(due, 2) + timedelta(hours=1)
    awb_walk.run(decision_term.extend_decision_term, "legal_counsel", case_id=case_id, weeks=4,
                 reason="Advies nodig.")
    moved = task_dues(uow, case_id, "check_completeness")[0]
    with freeze_time(warn_from(moved, 2) + timedelta(seconds=1)):
        assert raise_warnings(uow, SYSTEM) == 1
