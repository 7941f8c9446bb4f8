"""Claim, release, reassign, bulk claim and the coordinator's distribution: checked below
the screens, each one an event in the case's log, and a claimed task is done only by its
assignee."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from models import CaseEvent, HumanTask
from tests.integration.workflows.steps import do, open_task
from workflows import assignment, case_page, people, registration
from workflows.actors import SYSTEM
from workflows.errors import Conflict, InvalidInput, NotAllowed, NotFound

BEG = "ambulant_begeleiding"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def team(uow, actors):
    """A second screening officer and a coordinator of the screening team."""
    with uow() as u:
        colleague = people.create_user(u, SYSTEM, email="colleague@test.example",
                                       name="Collega", password="pw",
                                       roles=["screening_officer"])
        lead = people.create_user(u, SYSTEM, email="lead@test.example", name="Teamleider",
                                  password="pw", roles=["screening_officer"])
        assignment.appoint_coordinator(u, SYSTEM, user_id=lead.user_id,
                                       role="screening_officer")
        u.commit()
    return {"colleague": colleague, "lead": lead}


def submit(uow, actors, window_id, count=1):
    ids = []
    with freeze_time(T0), uow() as u:
        for _ in range(count):
            ids.append(registration.submit_application(
                u, actors["applicant_a"], window_id=window_id, subsegment_codes=[BEG]).case_id)
        u.commit()
    return ids


def run(uow, use_case, actor, **kw):
    with freeze_time(T0), uow() as u:
        result = use_case(u, actor, **kw)
        u.commit()
    return result


def assignee(uow, task_id):
    with uow() as u:
        return u.session.scalar(select(HumanTask.assignee).where(HumanTask.task_id == task_id))


def events(uow, case_id):
    with uow() as u:
        rows = u.session.execute(select(CaseEvent.kind, CaseEvent.actor, CaseEvent.payload)
                                 .where(CaseEvent.case_id == case_id)
                                 .order_by(CaseEvent.seq)).all()
    return [(kind, actor, json.loads(payload)) for kind, actor, payload in rows
            if kind.startswith("task_") and kind != "task_completed"]


def test_claim_and_release_are_case_events(uow, actors, window_id):
    (case_id,) = submit(uow, actors, window_id)
    task = open_task(uow, case_id, "check_completeness")
    officer = actors["screening_officer"]
    run(uow, assignment.claim_task, officer, task_id=task)
    assert assignee(uow, task) == officer.email
    run(uow, assignment.release_task, officer, task_id=task)
    assert assignee(uow, task) is None
    assert [(k, a, p["assignee"]) for k, a, p in events(uow, case_id)] == [
        ("task_claimed", officer.email, officer.email),
        ("task_released", officer.email, None)]


def test_a_task_claimed_by_someone_else_cannot_be_claimed_or_completed(uow, actors, window_id,
                                                                       team):
    (case_id,) = submit(uow, actors, window_id)
    task = open_task(uow, case_id, "check_completeness")
    run(uow, assignment.claim_task, team["colleague"], task_id=task)
    with pytest.raises(Conflict, match="al opgepakt door Collega"):
        run(uow, assignment.claim_task, actors["screening_officer"], task_id=task)
    with pytest.raises(NotAllowed, match="opgepakt door Collega; alleen die kan haar afronden"):
        do(uow, actors["screening_officer"], case_id, "check_completeness", complete=True)
    with pytest.raises(NotAllowed, match="zelf heeft opgepakt"):
        run(uow, assignment.release_task, actors["screening_officer"], task_id=task)
    do(uow, team["colleague"], case_id, "check_completeness", complete=True)


def test_a_task_is_claimed_only_by_someone_holding_its_role(uow, actors, window_id):
    (case_id,) = submit(uow, actors, window_id)
    task = open_task(uow, case_id, "check_completeness")
    with pytest.raises(Conflict, match="rol behandelaar toelating"):
        run(uow, assignment.claim_task, actors["quality_assessor"], task_id=task)
    for outsider in ("applicant_a", "auditor"):
        with pytest.raises(NotAllowed):
            run(uow, assignment.claim_task, actors[outsider], task_id=task)
    with pytest.raises(NotFound):
        run(uow, assignment.claim_task, actors["screening_officer"], task_id="no-such-task")


def test_reassign_only_to_someone_holding_the_role(uow, actors, window_id, team):
    (case_id,) = submit(uow, actors, window_id)
    task = open_task(uow, case_id, "check_completeness")
    officer = actors["screening_officer"]
    run(uow, assignment.claim_task, officer, task_id=task)
    with pytest.raises(InvalidInput, match="heeft de rol behandelaar toelating niet"):
        run(uow, assignment.reassign_task, officer, task_id=task,
            to_user_id=actors["quality_assessor"].user_id)
    with pytest.raises(NotAllowed, match="opgepakt of de coördinator"):
        run(uow, assignment.reassign_task, team["colleague"], task_id=task,
            to_user_id=team["colleague"].user_id)
    run(uow, assignment.reassign_task, officer, task_id=task,
        to_user_id=team["colleague"].user_id)
    assert assignee(uow, task) == team["colleague"].email
    with uow() as u:
        names = [p.name for p in assignment.eligible_people(u, officer, task_id=task)]
    assert names == ["Collega", "Screening officer", "Teamleider"]


def test_bulk_claim_takes_the_free_tasks_and_names_the_others(uow, actors, window_id, team):
    case_ids = submit(uow, actors, window_id, 3)
    tasks = [open_task(uow, c, "check_completeness") for c in case_ids]
    run(uow, assignment.claim_task, team["colleague"], task_id=tasks[1])
    result = run(uow, assignment.claim_tasks, actors["screening_officer"], task_ids=tasks)
    assert [a.task_id for a in result.done] == [tasks[0], tasks[2]]
    assert result.skipped == ((tasks[1], "Deze taak is al opgepakt door Collega."),)


def test_the_coordinator_distributes_and_returns_tasks_with_a_reason_in_the_history(
        uow, actors, window_id, team):
    case_ids = submit(uow, actors, window_id, 2)
    tasks = [open_task(uow, c, "check_completeness") for c in case_ids]
    lead, colleague = team["lead"], team["colleague"]
    with pytest.raises(InvalidInput, match="Geef een reden"):
        run(uow, assignment.distribute_tasks, lead, task_ids=tasks,
            to_user_id=colleague.user_id, reason="  ")
    with pytest.raises(NotAllowed, match="geen coördinator"):
        run(uow, assignment.distribute_tasks, colleague, task_ids=tasks,
            to_user_id=colleague.user_id, reason="Verdeling")
    run(uow, assignment.distribute_tasks, lead, task_ids=tasks, to_user_id=colleague.user_id,
        reason="Collega heeft ruimte deze week.")
    assert [assignee(uow, t) for t in tasks] == [colleague.email] * 2
    run(uow, assignment.distribute_tasks, lead, task_ids=tasks[:1], to_user_id=None,
        reason="Collega is ziek.")
    assert [assignee(uow, t) for t in tasks] == [None, colleague.email]
    assert [(k, a, p.get("reason")) for k, a, p in events(uow, case_ids[0])] == [
        ("task_distributed", lead.email, "Collega heeft ruimte deze week."),
        ("task_returned_to_team", lead.email, "Collega is ziek.")]
    with uow() as u:
        page = case_page.show_case_page(u, lead, case_id=case_ids[0])
    assert any(e.text == "Taak toegewezen door coördinator" and
               f"Aan: {colleague.name}." in e.detail for e in page.timeline.entries)


def test_the_coordinator_reassigns_a_claimed_task_only_with_a_reason(uow, actors, window_id,
                                                                     team):
    (case_id,) = submit(uow, actors, window_id)
    task = open_task(uow, case_id, "check_completeness")
    run(uow, assignment.claim_task, actors["screening_officer"], task_id=task)
    with pytest.raises(InvalidInput, match="Geef een reden"):
        run(uow, assignment.reassign_task, team["lead"], task_id=task,
            to_user_id=team["colleague"].user_id)
    run(uow, assignment.reassign_task, team["lead"], task_id=task,
        to_user_id=team["colleague"].user_id, reason="Vakantie.")
    assert events(uow, case_id)[-1][0] == "task_distributed"


def test_a_completed_task_cannot_change_hands(uow, actors, window_id):
    (case_id,) = submit(uow, actors, window_id)
    task = open_task(uow, case_id, "check_completeness")
    do(uow, actors["screening_officer"], case_id, "check_completeness", complete=True)
    with pytest.raises(Conflict, match="al afgerond"):
        run(uow, assignment.claim_task, actors["screening_officer"], task_id=task)
