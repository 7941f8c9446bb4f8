"""The inbox in the browser: every reviewer lands on it; a task is taken from "Niet
toegewezen", found under "Mijn taken" and given back; the coordinator distributes with a
reason (refused without one); axe-core finds nothing; a screenshot to look at."""

from __future__ import annotations

import re

import pytest

from tests.e2e.helpers import assert_accessible, screenshot, sign_in, tab_through

REVIEWERS = ["screening_officer", "integrity_officer", "quality_assessor", "legal_counsel",
             "decision_maker", "contract_manager", "coordinator"]


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


def test_take_a_task_find_it_under_my_tasks_and_give_it_back(page):
    sign_in(page, "screening_officer@demo.test")
    mine = count(page, "Mijn taken")
    tab(page, "Niet toegewezen")
    row = page.locator("tbody tr").filter(has=page.get_by_role("button", name=re.compile(
        "^Oppakken"))).first
    reference = row.get_by_role("rowheader").inner_text()
    row.get_by_role("button", name=re.compile("^Oppakken")).click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.inner_text().startswith("U heeft de taak opgepakt")
    assert count(page, "Mijn taken") == mine + 1
    tab(page, "Mijn taken")
    taken = page.locator("tbody tr").filter(has_text=reference)
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
    taken = page.locator("tbody tr").filter(has_text=reference)
    taken.get_by_role("button", name=re.compile("^Teruggeven")).click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.inner_text() == \
        "U heeft de taak teruggegeven aan het team."
    assert count(page, "Mijn taken") == mine


def test_the_coordinator_distributes_with_a_reason_and_returns_the_task_to_the_team(page):
    sign_in(page, "coordinator@demo.test")
    tab(page, "Niet toegewezen")
    row = page.locator("tbody tr").first
    reference = row.get_by_role("rowheader").inner_text()
    row.get_by_role("checkbox").check()
    page.get_by_label("Aan wie").select_option(label="Screening officer")
    page.get_by_role("button", name="Geselecteerde taken verdelen").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").filter(has_text="Geef een reden").is_visible()
    assert_accessible(page)
    screenshot(page, "inbox-verdelen-fout")
    page.locator("tbody tr").filter(has_text=reference).get_by_role("checkbox").check()
    page.get_by_label("Aan wie").select_option(label="Screening officer")
    page.get_by_label("Reden").fill("Screening officer heeft deze week ruimte.")
    page.get_by_role("button", name="Geselecteerde taken verdelen").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.inner_text().startswith("1 taak verdeeld")
    tab(page, "Mijn team")
    row = page.locator("tbody tr").filter(has_text=reference)
    assert row.get_by_role("cell", name="Screening officer").is_visible()
    row.get_by_role("checkbox").check()
    page.get_by_label("Aan wie").select_option(label="Terug naar het team (niemand)")
    page.get_by_label("Reden").fill("Toch zelf verdelen.")
    page.get_by_role("button", name="Geselecteerde taken verdelen").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.inner_text().startswith("1 taak verdeeld")
    tab(page, "Niet toegewezen")
    assert page.locator("tbody tr").filter(has_text=reference).count() == 1
