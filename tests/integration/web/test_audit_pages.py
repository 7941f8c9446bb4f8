"""The auditor's pages over HTTP: the search's date checks, the access log of every case
an auditor reads (also through the case page), and the refusal of everyone else."""

from __future__ import annotations

from sqlalchemy import select

from models import CaseAccess
from tests.integration.web.conftest import login
from tests.integration.web.test_cases_pages import submit


def test_a_date_that_does_not_exist_or_a_reversed_range_is_named(client):
    login(client, "auditor@test.example")
    impossible = client.get("/audit/?van=31-02-2026").get_data(as_text=True)
    assert "Deze datum bestaat niet" in impossible and 'href="#veld-van"' in impossible
    reversed_range = client.get("/audit/?van=02-03-2026&tot=01-03-2026")
    assert "vóór de begindatum" in reversed_range.get_data(as_text=True)
    assert "Gevonden zaken" not in reversed_range.get_data(as_text=True)


def test_every_case_an_auditor_reads_is_in_the_access_log(client, uow, actors, window_id):
    case_id = submit(uow, actors["applicant_a"], window_id)
    login(client, "auditor@test.example")
    assert client.get(f"/audit/zaken/{case_id}").status_code == 200
    assert client.get(f"/zaken/{case_id}").status_code == 200  # the case page too
    with uow() as u:
        read = list(u.session.execute(select(CaseAccess.case_id, CaseAccess.actor,
                                             CaseAccess.action)))
    assert read == [(case_id, "auditor@test.example", "opened")] * 2


def test_an_applicant_or_officer_gets_no_audit_page(client, uow, actors, window_id):
    case_id = submit(uow, actors["applicant_a"], window_id)
    for email in ("applicant-a@test.example", "decision_maker@test.example"):
        login(client, email)
        assert client.get("/audit/").status_code == 403
        assert client.get(f"/audit/zaken/{case_id}").status_code in (403, 404)
        client.post("/uitloggen", data={})
