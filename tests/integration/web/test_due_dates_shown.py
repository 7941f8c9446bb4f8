"""A task is due at the midnight after its legal last day; screens show that last day."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import select

from models import HumanTask
from tests.integration.web.conftest import login
from web.i18n import datum
from workflows import deadlines, demo


def test_the_case_page_and_the_task_screen_show_the_last_day_not_the_day_after(app, uow):
    demo.build_demo(SimpleNamespace(uow=uow))
    with uow() as u:
        task = u.session.scalars(select(HumanTask).where(
            HumanTask.completed_at.is_(None), HumanTask.lane == "screening_officer",
            HumanTask.due_at.is_not(None))).first()
        assert task is not None
        case_id, task_id, due_at = task.case_id, task.task_id, task.due_at
    client = app.test_client()
    login(client, "screening_officer@demo.test", "demo")
    with app.test_request_context():
        last, after = datum(deadlines.last_day(due_at)), datum(deadlines.local_day(due_at))
    assert last != after
    for path in (f"/zaken/{case_id}", f"/taken/{task_id}"):
        page = client.get(path).get_data(as_text=True)
        assert last in page and after not in page, path
