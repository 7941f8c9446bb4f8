"""The case list: paged and filtered in the database, the same few parameters whatever the
number of cases, never the stored workflow state, and only the cases the reader may see."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from tests.integration.workflows.steps import do
from workflows import queries, registration

BEG = "ambulant_begeleiding"
STATE_COLUMN = re.compile(r"\bstate\b", re.IGNORECASE)


def submit(uow, actor, window_id, count):
    ids = []
    with uow() as u:
        for _ in range(count):
            ids.append(registration.submit_application(
                u, actor, window_id=window_id, subsegment_codes=[BEG]).case_id)
        u.commit()
    return ids


@contextmanager
def statements(connection):
    """Every (SQL, parameters) the connection executes inside the block."""
    seen = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(connection, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(connection, "before_cursor_execute", record)


def list_page(uow, actor, **kw):
    with uow() as u:
        return queries.list_cases(u, actor, **kw)


def parameter_counts(connection, uow, actor):
    with statements(connection) as seen:
        found = list_page(uow, actor, page_size=200)
    assert seen and not [sql for sql, _ in seen if STATE_COLUMN.search(sql)]
    return [len(params) for _, params in seen], found


def test_the_list_binds_the_same_parameters_for_3_and_60_cases_and_never_the_state(
        connection, uow, actors, window_id):
    officer = actors["screening_officer"]
    submit(uow, actors["applicant_a"], window_id, 3)
    few, found = parameter_counts(connection, uow, officer)
    assert found.total == 3
    submit(uow, actors["applicant_a"], window_id, 57)
    many, found = parameter_counts(connection, uow, officer)
    assert found.total == len(found.rows) == 60
    assert many == few
    assert all(row.open_tasks == ("check_completeness",) for row in found.rows)


def test_pages_run_newest_first_and_a_page_past_the_end_is_the_last(uow, actors, window_id):
    ids = submit(uow, actors["applicant_a"], window_id, 7)
    officer = actors["screening_officer"]
    pages = [list_page(uow, officer, page=n, page_size=3) for n in (1, 2, 3, 9)]
    assert [[r.case_id for r in p.rows] for p in pages[:3]] == [
        ids[:3:-1], ids[3:0:-1], ids[:1]]
    assert [(p.page, p.pages, p.total) for p in pages] == [(1, 3, 7), (2, 3, 7), (3, 3, 7),
                                                          (3, 3, 7)]
    assert (pages[0].has_previous, pages[0].has_next) == (False, True)
    assert (pages[2].has_previous, pages[2].has_next) == (True, False)


def test_the_open_tasks_and_names_come_with_each_row(uow, actors, window_id):
    (case_id,) = submit(uow, actors["applicant_a"], window_id, 1)
    do(uow, actors["screening_officer"], case_id, "check_completeness", complete=True)
    (row,) = list_page(uow, actors["integrity_officer"]).rows
    assert row.open_tasks == ("review_bibob_questionnaire", "assess_quality_criteria")
    assert (row.provider, row.status, row.process_id) == ("Aanbieder A", "assessment",
                                                          "admission")
    assert row.reference.startswith("TW-")
    (outside,) = list_page(uow, actors["screening_officer"]).rows  # which integrity step
    assert outside.task_labels == ("Integriteitstoets (vertrouwelijk)",  # is open: hidden
                                   "KIT-criteria beoordelen")


@pytest.mark.parametrize(("filters", "expected"), [
    pytest.param({}, ["b", "a2", "a1"], id="none"),
    pytest.param({"status": "assessment"}, ["a1"], id="status"),
    pytest.param({"status": "nothing_like_it"}, [], id="unknown_status"),
    pytest.param({"process_id": "contract"}, [], id="process"),
    pytest.param({"process_id": "admission", "status": "completeness"}, ["b", "a2"],
                 id="process_and_status"),
    pytest.param({"provider": "b"}, ["b"], id="provider"),
])
def test_filters_apply_in_the_database(uow, actors, window_id, filters, expected):
    (a1,) = submit(uow, actors["applicant_a"], window_id, 1)
    (a2,) = submit(uow, actors["applicant_a"], window_id, 1)
    (b,) = submit(uow, actors["applicant_b"], window_id, 1)
    do(uow, actors["screening_officer"], a1, "check_completeness", complete=True)
    names = {a1: "a1", a2: "a2", b: "b"}
    if "provider" in filters:  # the parameters are shared by the backends: do not pop
        filters = {"provider_id": actors[f"applicant_{filters['provider']}"].provider_id}
    found = list_page(uow, actors["screening_officer"], **filters)
    assert [names[r.case_id] for r in found.rows] == expected
    assert found.total == len(expected)


def test_an_applicant_sees_only_its_own_organisations_cases(uow, actors, window_id):
    own = submit(uow, actors["applicant_a"], window_id, 2)
    other = submit(uow, actors["applicant_b"], window_id, 1)
    mine = list_page(uow, actors["applicant_a"])
    assert [r.case_id for r in mine.rows] == own[::-1] and mine.total == 2
    theirs = list_page(uow, actors["applicant_a"], provider_id=actors["applicant_b"].provider_id)
    assert (theirs.rows, theirs.total) == ((), 0)
    assert [r.case_id for r in list_page(uow, actors["applicant_b"]).rows] == other
    for reader in ("auditor", "admin", "decision_maker"):
        assert list_page(uow, actors[reader]).total == 3
