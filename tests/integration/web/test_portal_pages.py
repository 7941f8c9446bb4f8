"""The applicant portal's pages: my applications, the status page, and the screens to
respond, each only for the applicant's own organisation whatever id is in the URL."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from models import CaseEvent, Document
from tests.integration.web.conftest import csrf_token, login
from workflows import cases, registration
from workflows.uow import UnitOfWork

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def app(uow, tmp_path):
    from types import SimpleNamespace

    from web.app import create_app
    database = SimpleNamespace(uow=uow, reader=uow)
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE": database,
                       "DOCUMENT_DIR": str(tmp_path / "documenten")})


def _incomplete(uow, actors, window_id) -> int:
    with uow() as u:
        case_id = registration.submit_application(
            u, actors["applicant_a"], window_id=window_id,
            subsegment_codes=["ambulant_begeleiding"]).case_id
        u.commit()
    with uow() as u:
        task = _task(u, case_id, "check_completeness")
        cases.complete_task(u, actors["screening_officer"], task_id=task, data={
            "complete": False, "missing_items": ["Jaarrekening 2025"]})
        u.commit()
    return case_id


def _task(u: UnitOfWork, case_id: int, bpmn_id: str) -> str:
    from models import HumanTask
    return u.session.scalars(select(HumanTask.task_id).where(
        HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id)).one()


def _events(uow) -> int:
    with uow() as u:
        return u.session.scalar(select(func.count(CaseEvent.id))) or 0


def test_an_applicant_lands_on_my_applications_after_signing_in(client):
    response = login(client, "applicant-a@test.example")
    assert response.headers["Location"] == "/portaal/"
    page = client.get("/portaal/").get_data(as_text=True)
    assert "Mijn aanvragen" in page and "Op dit moment hoeft u niets te doen" in page


def test_my_applications_shows_the_request_to_supplement_first(client, uow, actors, window_id):
    case_id = _incomplete(uow, actors, window_id)
    login(client, "applicant-a@test.example")
    page = client.get("/portaal/").get_data(as_text=True)
    assert "Wij wachten op uw aanvulling" in page
    assert f"/portaal/aanvragen/{case_id}/aanvullen" in page
    status = client.get(f"/portaal/aanvragen/{case_id}").get_data(as_text=True)
    assert "staat stil zolang wij op uw aanvulling wachten" in status
    assert "Verzoek om aanvulling" in status


def test_supplementing_through_the_form_stores_the_pdf(client, uow, actors, window_id, tmp_path):
    case_id = _incomplete(uow, actors, window_id)
    login(client, "applicant-a@test.example")
    url = f"/portaal/aanvragen/{case_id}/aanvullen"
    response = client.post(url, data={
        "csrf_token": csrf_token(client, url), "supplement_note": "Hierbij de jaarrekening.",
        "bestanden": (io.BytesIO(PDF), "jaarrekening.pdf", "application/pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    assert "de beslistermijn loopt weer" in client.get(response.location).get_data(as_text=True)
    assert list((tmp_path / "documenten").iterdir())


def test_a_renamed_file_is_refused_with_a_clear_message(client, uow, actors, window_id, tmp_path):
    case_id = _incomplete(uow, actors, window_id)
    login(client, "applicant-a@test.example")
    url = f"/portaal/aanvragen/{case_id}/aanvullen"
    response = client.post(url, data={
        "csrf_token": csrf_token(client, url), "supplement_note": "Zie bijlage.",
        "bestanden": (io.BytesIO(b"<html>nee</html>"), "nep.pdf", "application/pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert "dit bestand is geen echte PDF" in response.get_data(as_text=True)
    with uow() as u:
        assert u.session.scalar(select(func.count(Document.id))) == 0
    assert not (tmp_path / "documenten").exists()


def test_withdrawal_asks_for_confirmation_first(client, uow, actors, window_id):
    case_id = _incomplete(uow, actors, window_id)
    login(client, "applicant-a@test.example")
    url = f"/portaal/aanvragen/{case_id}/intrekken"
    token = csrf_token(client, url)
    before = _events(uow)
    asked = client.post(url, data={"csrf_token": token, "reason": "Andere regio."})
    assert asked.status_code == 200 and "Weet u het zeker?" in asked.get_data(as_text=True)
    assert _events(uow) == before
    done = client.post(url, data={"csrf_token": token, "reason": "Andere regio.",
                                  "bevestigd": "ja"})
    assert done.status_code == 302
    assert "U heeft uw aanvraag ingetrokken" in client.get(done.location).get_data(as_text=True)


@pytest.mark.parametrize("suffix", ["", "/aanvullen", "/zienswijze", "/lbb", "/intrekken",
                                    "/bezwaar"])
def test_another_organisations_application_does_not_exist(client, uow, actors, window_id,
                                                          suffix):
    case_id = _incomplete(uow, actors, window_id)
    login(client, "applicant-b@test.example")
    before = _events(uow)
    for guessed in (case_id, case_id + 1, 999_999):
        url = f"/portaal/aanvragen/{guessed}{suffix}"
        assert client.get(url).status_code == 404
        if suffix:
            token = csrf_token(client, "/portaal/")
            assert client.post(url, data={"csrf_token": token, "bevestigd": "ja",
                                          "reason": "x", "views": "x", "answers": "x",
                                          "supplement_note": "x"}).status_code == 404
    assert _events(uow) == before


def test_officers_have_no_portal(client):
    login(client, "screening_officer@test.example")
    assert client.get("/portaal/").status_code == 403
