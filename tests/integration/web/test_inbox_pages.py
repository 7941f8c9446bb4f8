"""The inbox at /taken: the reviewer's landing page, tabs, filters, claim and release,
reassignment, the coordinator's distribution and work lists, through the test client."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from models import HumanTask, WorkList
from tests.integration.web.conftest import csrf_token, login
from workflows import assignment, people, registration
from workflows.actors import SYSTEM

BEG = "ambulant_begeleiding"


def submit(uow, actor, window_id, count=1):
    ids = []
    with uow() as u:
        for _ in range(count):
            ids.append(registration.submit_application(
                u, actor, window_id=window_id, subsegment_codes=[BEG]).case_id)
        u.commit()
    return ids


def task_ids(uow, case_ids):
    with uow() as u:
        return list(u.session.scalars(select(HumanTask.task_id).where(
            HumanTask.case_id.in_(case_ids), HumanTask.completed_at.is_(None))
            .order_by(HumanTask.case_id)))


def assignee(uow, task_id):
    with uow() as u:
        return u.session.scalar(select(HumanTask.assignee).where(HumanTask.task_id == task_id))


@pytest.fixture
def lead(uow):
    with uow() as u:
        made = people.create_user(u, SYSTEM, email="lead@test.example", name="Teamleider",
                                  password="pw", roles=["screening_officer"])
        assignment.appoint_coordinator(u, SYSTEM, user_id=made.user_id,
                                       role="screening_officer")
        u.commit()
    return made


def post(client, path, data):
    return client.post(path, data={"csrf_token": csrf_token(client, "/taken"), **data})


@pytest.mark.parametrize("role", ["screening_officer", "integrity_officer", "decision_maker",
                                  "contract_manager"])
def test_a_reviewer_lands_on_the_inbox_after_signing_in(client, role):
    response = login(client, f"{role}@test.example")
    assert response.headers["Location"] == "/taken"
    page = client.get("/taken").get_data(as_text=True)
    assert "Mijn taken" in page and "Niet toegewezen" in page
    assert "Geen taken voor u" in page


def test_applicants_and_auditors_keep_their_own_landing_and_cannot_open_the_inbox(client):
    assert login(client, "applicant-a@test.example").headers["Location"] == "/"
    assert client.get("/taken").status_code == 403
    other = client.application.test_client()
    login(other, "auditor@test.example")
    assert other.get("/taken").status_code == 403


def test_claim_from_unassigned_shows_it_under_my_tasks_then_release(client, uow, actors,
                                                                    window_id):
    (case_id,) = submit(uow, actors["applicant_a"], window_id)
    (task,) = task_ids(uow, [case_id])
    login(client, "screening_officer@test.example")
    page = client.get("/taken?tab=open").get_data(as_text=True)
    assert "Niet toegewezen <span class=\"toelating-tabs__count\">(1)</span>" in page
    response = post(client, "/taken/oppakken?tab=open", {"taak": task})
    assert response.status_code == 303 and response.headers["Location"] == "/taken?tab=open"
    assert assignee(uow, task) == "screening_officer@test.example"
    mine = client.get("/taken").get_data(as_text=True)
    assert "Volledigheid beoordelen" in mine and "Teruggeven" in mine
    post(client, "/taken/teruggeven", {"taak": task})
    assert assignee(uow, task) is None


def test_bulk_claim_and_someone_elses_task_is_named(client, uow, actors, window_id, lead):
    tasks = task_ids(uow, submit(uow, actors["applicant_a"], window_id, 3))
    with uow() as u:
        assignment.claim_task(u, lead, task_id=tasks[0])
        u.commit()
    login(client, "screening_officer@test.example")
    response = post(client, "/taken/oppakken", {"taken": tasks})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "U heeft 2 taken opgepakt." in page
    assert "Deze taak is al opgepakt door Teamleider." in page


def test_the_coordinator_needs_a_reason_to_distribute(client, uow, actors, window_id, lead):
    tasks = task_ids(uow, submit(uow, actors["applicant_a"], window_id, 2))
    login(client, "lead@test.example")
    page = client.get("/taken?tab=team").get_data(as_text=True)
    assert "Verdelen als coördinator" in page
    officer = str(actors["screening_officer"].user_id)
    refused = post(client, "/taken/verdelen?tab=team",
                   {"taken": tasks, "persoon": officer, "reden": ""})
    assert refused.status_code == 422
    assert 'id="veld-reden-fout"' in refused.get_data(as_text=True)
    assert assignee(uow, tasks[0]) is None
    done = post(client, "/taken/verdelen?tab=team",
                {"taken": tasks, "persoon": officer, "reden": "Verlof collega."})
    assert done.status_code == 303
    assert [assignee(uow, t) for t in tasks] == ["screening_officer@test.example"] * 2


def test_reassign_lists_only_people_holding_the_role(client, uow, actors, window_id, lead):
    (task,) = task_ids(uow, submit(uow, actors["applicant_a"], window_id))
    login(client, "screening_officer@test.example")
    post(client, "/taken/oppakken", {"taak": task})
    page = client.get(f"/taken/{task}/overdragen").get_data(as_text=True)
    assert "Teamleider" in page and "quality_assessor" not in page
    token = csrf_token(client, f"/taken/{task}/overdragen")
    wrong = client.post(f"/taken/{task}/overdragen", data={
        "csrf_token": token, "persoon": str(actors["quality_assessor"].user_id)})
    assert wrong.status_code == 422 and "alleen wie die rol heeft" in wrong.get_data(
        as_text=True)
    client.post(f"/taken/{task}/overdragen", data={"csrf_token": token,
                                                   "persoon": str(lead.user_id)})
    assert assignee(uow, task) == "lead@test.example"


def test_filters_sort_and_work_lists(client, uow, actors, window_id):
    submit(uow, actors["applicant_a"], window_id, 2)
    login(client, "screening_officer@test.example")
    page = client.get("/taken?tab=team&te_laat=ja&sorteer=-termijn&uiterlijk=gisteren")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Geen taken die aan de filters voldoen" in text
    assert "dat filter is niet gebruikt" in text
    post(client, "/werklijsten", {"naam": "Te laat", "tab": "team", "te_laat": "ja"})
    text = client.get("/taken").get_data(as_text=True)
    link = re.search(r'href="([^"]+)">Te laat</a>', text).group(1)
    assert link == "/taken?tab=team&amp;te_laat=ja"
    with uow() as u:
        (saved,) = u.session.scalars(select(WorkList.id)).all()
    post(client, f"/werklijsten/{saved}/verwijderen", {})
    with uow() as u:
        assert u.session.scalars(select(WorkList.id)).all() == []
    other = client.application.test_client()
    login(other, "quality_assessor@test.example")
    assert post(other, f"/werklijsten/{saved}/verwijderen", {}).status_code == 404
