"""One HTML and one problem+json answer for every error, by what the request asks for."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.integration.web.conftest import JSON, login
from web.app import create_app
from workflows import errors, registration


@pytest.fixture
def raising_app(uow):
    """An app with a route that raises what the test asks, and production's 500 path."""
    app = create_app({"SECRET_KEY": "test", "DATABASE": SimpleNamespace(uow=uow, reader=uow),
                      "PROPAGATE_EXCEPTIONS": False})

    @app.get("/fout/<name>")
    def fail(name: str) -> str:
        raise {"invalid": errors.InvalidInput("Controleer het formulier.",
                                              {"weeks": ["1 tot 26"]}),
               "conflict": errors.Conflict("Deze taak is al afgerond."),
               "bug": RuntimeError("geheim detail uit de stack")}[name]

    return app


def test_a_case_of_another_organisation_is_not_found_in_html_and_json(client, uow, actors,
                                                                       window_id):
    with uow() as u:
        other = registration.submit_application(
            u, actors["applicant_b"], window_id=window_id,
            subsegment_codes=["ambulant_begeleiding"]).case_id
        u.commit()
    login(client, "applicant-a@test.example")
    page = client.get(f"/zaken/{other}")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "Deze zaak bestaat niet of u heeft er geen toegang toe." in page.get_data(as_text=True)
    problem = client.get(f"/zaken/{other}", headers=JSON).get_json()
    assert problem["code"] == "not_found" and problem["status"] == 404
    assert problem["title"] == "Niet gevonden" and "fields" not in problem


def test_invalid_input_names_its_fields_in_problem_json(raising_app):
    response = raising_app.test_client().get("/fout/invalid", headers=JSON)
    assert response.status_code == 422
    assert response.get_json()["fields"] == {"weeks": ["1 tot 26"]}
    assert response.get_json()["code"] == "invalid_input"


def test_a_conflict_is_409_with_its_code(raising_app):
    response = raising_app.test_client().get("/fout/conflict", headers=JSON)
    assert response.status_code == 409 and response.get_json()["code"] == "conflict"
    page = raising_app.test_client().get("/fout/conflict")
    assert page.status_code == 409 and "Deze taak is al afgerond." in page.get_data(as_text=True)


def test_an_unexpected_failure_is_a_dutch_500_without_a_stack_trace(raising_app):
    for headers in ({}, JSON):
        response = raising_app.test_client().get("/fout/bug", headers=headers)
        body = response.get_data(as_text=True)
        assert response.status_code == 500
        assert "Er ging iets mis aan onze kant" in body
        assert "Traceback" not in body and "geheim detail" not in body


def test_an_unknown_page_is_a_dutch_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet." in response.get_data(as_text=True)


def test_a_wrong_method_is_a_dutch_405_that_names_the_allowed_ones(client):
    response = client.get("/uitloggen", headers=JSON)
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert response.get_json()["code"] == "method_not_allowed"


def test_a_form_without_csrf_token_is_a_dutch_400(client):
    response = client.post("/inloggen", data={"email": "admin@test.example", "password": "pw"})
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.get_data(as_text=True)
    problem = client.post("/inloggen", data={}, headers=JSON).get_json()
    assert problem["code"] == "csrf_failed"


def test_every_domain_error_has_a_distinct_stable_code():
    classes = [errors.NotFound, errors.NotAllowed, errors.SignInRequired, errors.Conflict,
               errors.InvalidInput, errors.RateLimited, errors.ProcedureFailed,
               errors.DamagedLog]
    assert [c.code for c in classes] == [
        "not_found", "not_allowed", "sign_in_required", "conflict", "invalid_input",
        "rate_limited", "procedure_failed", "damaged_log"]
    assert all(issubclass(c, errors.ToelatingError) for c in classes)
