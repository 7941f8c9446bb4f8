"""The inbox: three tabs with counts over the open-task projection, filters and sorting in
the database, a target date and a priority per row, and a constant number of statements
per page whatever the number of tasks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select, update

from models import HumanTask, Municipality, Participation, Subsegment
from tests.integration.workflows.steps import do, open_task
from tests.integration.workflows.test_queries import STATE_COLUMN, statements
from workflows import assignment, inbox, labels, registration
from workflows.deadlines import moment_after
from workflows.errors import NotAllowed
from workflows.inbox import InboxFilters

BEG, GEZ = "ambulant_begeleiding", "wonen_gezinshuis"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday


def submit(uow, actor, window_id, count=1, codes=(BEG,), at=T0):
    ids = []
    with freeze_time(at), uow() as u:
        for _ in range(count):
            ids.append(registration.submit_application(
                u, actor, window_id=window_id, subsegment_codes=list(codes)).case_id)
        u.commit()
    return ids


def page(uow, actor, at=T0, page_number=1, page_size=25, **filters):
    with freeze_time(at), uow() as u:
        return inbox.list_inbox(u, actor, filters=InboxFilters(**filters), page=page_number,
                                page_size=page_size)


def claim(uow, actor, case_id, bpmn_id="check_completeness"):
    with freeze_time(T0), uow() as u:
        assignment.claim_task(u, actor, task_id=open_task(uow, case_id, bpmn_id))
        u.commit()


def test_the_tabs_count_mine_my_team_and_the_unassigned(uow, actors, window_id):
    officer = actors["screening_officer"]
    ids = submit(uow, actors["applicant_a"], window_id, 3)
    claim(uow, officer, ids[0])
    found = page(uow, officer)
    assert found.counts == {"mine": 1, "team": 3, "unassigned": 2}
    assert [r.case_id for r in found.rows] == ids[:1] and found.rows[0].mine
    assert {r.case_id for r in page(uow, officer, tab="unassigned").rows} == set(ids[1:])
    assert page(uow, actors["quality_assessor"], tab="team").counts == {
        "mine": 0, "team": 0, "unassigned": 0}


def test_counting_stops_past_the_cap_and_the_pages_follow_the_capped_count(uow, actors,
                                                                            window_id):
    officer = actors["screening_officer"]
    submit(uow, actors["applicant_a"], window_id, 5)
    with freeze_time(T0), uow() as u:
        capped = inbox.list_inbox(u, officer, filters=InboxFilters(tab="team"), page=9,
                                  page_size=2, count_cap=3)
        exact = inbox.list_inbox(u, officer, filters=InboxFilters(tab="team"), count_cap=5)
    assert capped.more_than_cap() and capped.total == 3 and capped.pages == 2
    assert capped.page == 2 and len(capped.rows) == 2  # the last page lists what is there
    assert not exact.more_than_cap() and exact.total == 5


def test_each_row_names_the_case_provider_task_dates_and_priority_in_dutch(uow, actors,
                                                                           window_id):
    (case_id,) = submit(uow, actors["applicant_a"], window_id)
    (row,) = page(uow, actors["screening_officer"], tab="team").rows
    assert row.reference.startswith("TW-") and row.provider == "Aanbieder A"
    assert (row.task_label, row.role_label, row.phase_label) == (
        "Volledigheid beoordelen", "Behandelaar toelating", "Behandeling van de aanvraag")
    assert row.due_at is not None and row.target_on == inbox.target_day(row.due_at)
    assert (row.priority, row.priority_label) == ("normal", "Normaal")
    late = page(uow, actors["screening_officer"], at=row.due_at + timedelta(hours=1),
                tab="team").rows[0]
    assert late.priority_label == "Te laat"


def test_integrity_steps_read_as_the_one_assessment_outside_the_integrity_roles(
        uow, actors, window_id):
    (case_id,) = submit(uow, actors["applicant_a"], window_id)
    do(uow, actors["screening_officer"], case_id, "check_completeness", complete=True)
    (row,) = page(uow, actors["integrity_officer"], tab="team").rows
    assert row.task_label == labels.task("review_bibob_questionnaire")
    with freeze_time(T0), uow() as u:  # handed to someone without the integrity role
        u.session.execute(update(HumanTask).where(HumanTask.task_id == row.task_id)
                          .values(assignee=actors["screening_officer"].email))
        (masked,) = inbox.list_inbox(u, actors["screening_officer"],
                                     filters=InboxFilters(tab="mine")).rows
    assert masked.task_label == "Integriteitstoets (vertrouwelijk)"


@pytest.mark.parametrize(("day", "target"), [
    (date(2026, 3, 13), date(2026, 3, 10)),  # Friday -> Tuesday
    (date(2026, 3, 16), date(2026, 3, 11)),  # Monday -> Wednesday before
    (date(2026, 4, 29), date(2026, 4, 23)),  # over Koningsdag (Monday 27 April)
])
def test_the_target_day_lies_three_working_days_before_the_legal_last_day(day, target):
    assert inbox.target_day(moment_after(day)) == target


def test_filters_apply_in_the_database(uow, actors, window_id, world):
    officer = actors["screening_officer"]
    (beg,) = submit(uow, actors["applicant_a"], window_id, codes=(BEG,))
    (gez,) = submit(uow, actors["applicant_b"], window_id, codes=(GEZ,),
                    at=T0 + timedelta(days=20))
    with uow() as u:
        gez_id = u.session.scalar(select(Subsegment.id).where(Subsegment.code == GEZ))
        only_beg = u.session.scalar(select(Municipality.id).where(
            Municipality.id.in_(select(Participation.municipality_id).join(
                Subsegment, Subsegment.id == Participation.subsegment_id)
                .where(Subsegment.code == BEG)),
            Municipality.id.not_in(select(Participation.municipality_id).where(
                Participation.subsegment_id == gez_id))))
    ids = {beg: "beg", gez: "gez"}

    def shown(at=T0, **filters):
        return [ids[r.case_id] for r in page(uow, officer, at=at, tab="team", **filters).rows]

    assert shown() == ["beg", "gez"]
    assert shown(sort="-due") == ["gez", "beg"]
    assert shown(subsegment_id=gez_id) == ["gez"]
    if only_beg is not None:
        assert shown(municipality_id=only_beg) == ["beg"]
    assert shown(phase="integrity") == [] and shown(phase="admission_procedure")
    assert shown(task="check_completeness") == ["beg", "gez"]
    (first,) = page(uow, officer, tab="team", task="check_completeness",
                    page_size=1).rows
    assert shown(due_before=inbox.target_day(first.due_at, 0)) == ["beg"]
    assert shown(at=first.due_at + timedelta(days=1), overdue=True) == ["beg"]


def test_the_inbox_is_for_reviewers_only(uow, actors):
    for outsider in ("applicant_a", "auditor", "admin"):
        with pytest.raises(NotAllowed):
            page(uow, actors[outsider])


def test_a_page_costs_the_same_statements_for_5_and_50_cases(connection, uow, actors,
                                                              window_id):
    officer = actors["screening_officer"]

    def measured():
        with statements(connection) as seen:
            found = page(uow, officer, tab="team", page_size=100)
        assert not [sql for sql, _ in seen if STATE_COLUMN.search(sql)]
        return [len(params) for _, params in seen], found

    ids = submit(uow, actors["applicant_a"], window_id, 5)
    claim(uow, officer, ids[0])
    few, found = measured()
    assert found.total == 5
    more = submit(uow, actors["applicant_b"], window_id, 45)
    claim(uow, officer, more[0])
    many, found = measured()
    assert found.total == len(found.rows) == 50
    assert many == few and len(few) <= 5  # begin, counts, rows, coordinator roles, end
