"""A refused or failed command leaves the case exactly as it was, and usable."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import Case, CaseEvent, HumanTask, Outbox
from tests.integration.workflows.fragile import start_fragile
from tests.integration.workflows.steps import do, open_task
from workflows import cases
from workflows.errors import Conflict, InvalidInput, ProcedureFailed


def snapshot(uow, case_id):
    with uow() as u:
        case = u.session.get(Case, case_id)
        return {
            "state": case.state, "status": case.status, "version": case.version,
            "next_timer_at": case.next_timer_at,
            "events": u.session.scalar(select(func.count()).where(CaseEvent.case_id == case_id)),
            "tasks": u.session.execute(select(HumanTask.task_id, HumanTask.completed_at)
                                       .where(HumanTask.case_id == case_id)).all(),
            "outbox": u.session.scalar(select(func.count()).where(Outbox.case_id == case_id)),
        }


@pytest.fixture
def fragile_case(uow, actors):
    with uow() as u:
        case_id = start_fragile(u, actors["applicant_a"])
        u.commit()
    return case_id


def attempt(uow, actor, case_id, bpmn_id, **data):
    task_id = open_task(uow, case_id, bpmn_id)
    with uow() as u:
        cases.complete_task(u, actor, task_id=task_id, data=data)
        u.commit()


def assert_next_valid_command_succeeds(uow, actors, case_id):
    view = do(uow, actors["contract_manager"], case_id, "decide_extension", extend=False,
              motivation="withdrawal_confirmation")
    assert [t.bpmn_id for t in view.open_tasks] == ["register_client_transfer"]
    view = do(uow, actors["contract_manager"], case_id, "register_client_transfer",
              clients_remaining=0)
    assert view.status == "done"


@pytest.mark.parametrize(("motivation", "task", "reason"), [
    ("", "compute_ratio", "ZeroDivisionError"),
    ("bogus", "notify_provider", "onbekende brief"),
], ids=["failing-script", "failing-handler"])
def test_a_failing_step_leaves_the_case_as_it_was_and_says_which_and_why(
        uow, actors, fragile_case, motivation, task, reason):
    before = snapshot(uow, fragile_case)
    with pytest.raises(ProcedureFailed) as caught:
        attempt(uow, actors["contract_manager"], fragile_case, "decide_extension",
                extend=False, motivation=motivation)
    assert caught.value.task == task
    assert reason in caught.value.message
    assert "ongewijzigd" in caught.value.message
    assert snapshot(uow, fragile_case) == before
    assert_next_valid_command_succeeds(uow, actors, fragile_case)


def test_invalid_data_leaves_the_task_open(uow, actors, fragile_case):
    before = snapshot(uow, fragile_case)
    with pytest.raises(InvalidInput) as caught:
        attempt(uow, actors["contract_manager"], fragile_case, "decide_extension",
                extend="soms")
    assert set(caught.value.fields) == {"extend"}
    assert snapshot(uow, fragile_case) == before
    assert_next_valid_command_succeeds(uow, actors, fragile_case)


def test_completing_a_task_twice_is_a_conflict_and_the_case_goes_on(uow, actors, fragile_case):
    task_id = open_task(uow, fragile_case, "decide_extension")
    with uow() as u:
        cases.complete_task(u, actors["contract_manager"], task_id=task_id,
                            data={"extend": False, "motivation": "withdrawal_confirmation"})
        u.commit()
    before = snapshot(uow, fragile_case)
    with pytest.raises(Conflict), uow() as u:
        cases.complete_task(u, actors["contract_manager"], task_id=task_id,
                            data={"extend": False, "motivation": "withdrawal_confirmation"})
    assert snapshot(uow, fragile_case) == before
    view = do(uow, actors["contract_manager"], fragile_case, "register_client_transfer",
              clients_remaining=0)
    assert view.status == "done"


def test_a_failed_start_leaves_no_case_behind(uow, actors):
    from tests.integration.workflows.fragile import deploy_fragile
    from workflows import commands
    from workflows.actors import SYSTEM

    with uow() as u:
        deploy_fragile(u)
        u.commit()
    with pytest.raises(ProcedureFailed), uow() as u:
        commands.start_case(u, SYSTEM, process_id="integrity", data={}, provider_id=None)
    with uow() as u:
        assert u.session.scalar(select(func.count()).where(Case.process_id == "integrity")) == 0
