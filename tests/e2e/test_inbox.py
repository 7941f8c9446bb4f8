"""The inbox in the browser: every reviewer lands on it; a task is taken from "Niet
toegewezen", found under "Mijn taken" and given back; the coordinator distributes with a
reason (refused without one); axe-core finds nothing; a screenshot to look at."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from models import Application, RegistrationWindow, User
from tests.e2e.helpers import assert_accessible, screenshot, sign_in, tab_through
from workflows import people, registration, running
from workflows.actors import SYSTEM

REVIEWERS = ["screening_officer", "integrity_officer", "quality_assessor", "legal_counsel",
             "decision_maker", "contract_manager", "coordinator"]


def submit(db, email="applicant2@demo.test"):
    """A new application (its completeness check lands unassigned with the screening
    team): other browser tests work on the demo's tasks in the same database."""
    with db.uow() as uow:
        window_id = uow.session.scalars(select(RegistrationWindow.id)).first()
        user_id = uow.session.scalars(select(User.id).where(User.email == email)).one()
        applicant = people.actor_for(uow, SYSTEM, user_id=user_id)
    view = running.write(db, registration.submit_application, applicant,
                         window_id=window_id, subsegment_codes=["ambulant_begeleiding"])
    with db.uow() as uow:
        return uow.session.scalars(select(Application.reference).where(
            Application.case_id == view.case_id)).one()


def row_of(page, reference):
    return page.locator("tbody tr").filter(has=page.get_by_role(
        "rowheader", name=reference, exact=True))


def tab(page, name):
    page.get_by_role("navigation", name="Takenlijsten").get_by_role(
        "link", name=re.compile(f"^{name} \\(\\d+\\)$")).click()
    page.wait_for_load_state()


def count(page, name):
    link = page.get_by_role("navigation", name="Takenlijsten").get_by_role(
        "link", name=re.compile(f"^{name} \\(\\d+\\)$"))
    return int(re.search(r"\((\d+)\)", link.inner_text()).group(1))


@pytest.mark.parametrize("role", REVIEWERS)
def test_every_reviewer_lands_on_the_inbox(page, role):
    sign_in(page, f"{role}@demo.test")
    assert page.url.endswith("/taken")
    assert page.get_by_role("heading", level=1).inner_text() == "Taken"
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert menu.get_by_role("link", name="Taken").get_attribute("aria-current") == "page"
    for name in ("Mijn taken", "Mijn team", "Niet toegewezen"):
        assert count(page, name) >= 0
    assert_accessible(page)


def test_take_a_task_find_it_under_my_tasks_and_give_it_back(page, live_database):
    reference = submit(live_database)
    sign_in(page, "screening_officer@demo.test")
    mine = count(page, "Mijn taken")
    page.goto("/taken?tab=open&sorteer=-termijn")  # the newest due date first
    row_of(page, reference).get_by_role("button", name=re.compile("^Oppakken")).click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.inner_text().startswith("U heeft de taak opgepakt")
    assert count(page, "Mijn taken") == mine + 1
    tab(page, "Mijn taken")
    taken = row_of(page, reference)
    assert taken.get_by_role("cell", name="U", exact=True).is_visible()
    assert_accessible(page)
    screenshot(page, "inbox")
    assert [s for s in tab_through(page) if not (s["outline"] or s["shadow"])] == []
    taken.get_by_role("link", name=re.compile("^Overdragen")).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Taak overdragen"
    assert page.get_by_role("radio", name="Coördinator screening").is_visible()
    assert_accessible(page)
    screenshot(page, "inbox-overdragen")
    page.get_by_role("link", name="Terug naar de taken").click()
    taken = row_of(page, reference)
    taken.get_by_role("button", name=re.compile("^Teruggeven")).click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.inner_text() == \
        "U heeft de taak teruggegeven aan het team."
    assert count(page, "Mijn taken") == mine


def test_the_coordinator_distributes_with_a_reason_and_returns_the_task_to_the_team(
        page, live_database):
    reference = submit(live_database, "applicant3@demo.test")
    sign_in(page, "coordinator@demo.test")
    page.goto("/taken?tab=open&sorteer=-termijn")
    row_of(page, reference).get_by_role("checkbox").check()
    page.get_by_label("Aan wie").select_option(label="Screening officer")
    page.get_by_role("button", name="Geselecteerde taken verdelen").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").filter(has_text="Geef een reden").is_visible()
    assert_accessible(page)
    screenshot(page, "inbox-verdelen-fout")
    row_of(page, reference).get_by_role("checkbox").check()
    page.get_by_label("Aan wie").select_option(label="Screening officer")
    page.get_by_label("Reden").fill("Screening officer heeft deze week ruimte.")
    page.get_by_role("button", name="Geselecteerde taken verdelen").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.inner_text().startswith("1 taak verdeeld")
    page.goto("/taken?tab=team&sorteer=-termijn")
    row = row_of(page, reference)
    assert row.get_by_role("cell", name="Screening officer").is_visible()
    row.get_by_role("checkbox").check()
    page.get_by_label("Aan wie").select_option(label="Terug naar het team (niemand)")
    page.get_by_label("Reden").fill("Toch zelf verdelen.")
    page.get_by_role("button", name="Geselecteerde taken verdelen").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.inner_text().startswith("1 taak verdeeld")
    page.goto("/taken?tab=open&sorteer=-termijn")
    assert row_of(page, reference).count() == 1
