"""No input gives a 500: each malformed request is a 4xx with a Dutch message."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from tests.integration.web.conftest import JSON, csrf_token, login
from web.app import create_app
from web.inputs import MAX_ID


@pytest.fixture
def officer(client):
    login(client, "screening_officer@test.example")
    return client


@pytest.mark.parametrize("case_id", ["0", str(2**31), str(2**63 - 1), str(2**63), str(2**64),
                                     "9" * 30, "9" * 5000])
def test_an_id_no_row_can_have_is_no_page(officer, case_id):
    response = officer.get(f"/zaken/{case_id}")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.get_data(as_text=True)


def test_the_largest_possible_id_is_looked_up_and_not_found(officer):
    response = officer.get(f"/zaken/{MAX_ID}")
    assert response.status_code == 404
    assert "Deze zaak bestaat niet" in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["status=%00", "%00=x", "status=a%00b"])
def test_a_nul_byte_in_the_query_string_is_refused(officer, query):
    response = officer.get(f"/zaken/?{query}")
    assert response.status_code == 400
    assert "NUL-teken" in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["status=%ff", "status=%c3%28", "%fe=1"])
def test_a_query_string_that_is_no_utf8_is_refused(officer, query):
    response = officer.get(f"/zaken/?{query}")
    assert response.status_code == 400
    assert "geen geldige UTF-8" in response.get_data(as_text=True)


def test_a_nul_byte_in_a_form_value_is_refused(client):
    token = csrf_token(client, "/inloggen")
    response = client.post("/inloggen", data={"csrf_token": token,
                                              "email": "admin@test.example\x00", "password": "pw"})
    assert response.status_code == 400
    assert "NUL-teken" in response.get_data(as_text=True)


def test_a_form_value_that_is_no_utf8_is_refused(client):
    token = csrf_token(client, "/inloggen")
    body = f"csrf_token={token}&email=admin%40test.example&password=%ff%fe".encode()
    response = client.post("/inloggen", data=body,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "geen geldige UTF-8" in response.get_data(as_text=True)


def test_a_multipart_part_that_is_no_utf8_is_refused(client):
    body = (b"--grens\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n\xff\xfe\r\n"
            b"--grens--\r\n")
    response = client.post("/inloggen", data=body,
                           content_type="multipart/form-data; boundary=grens")
    assert response.status_code == 400
    assert "geen geldige UTF-8" in response.get_data(as_text=True)


@pytest.mark.parametrize("depth", [33, 100_000])
def test_deeply_nested_json_is_refused(client, depth):
    response = client.post("/inloggen", data="[" * depth + "]" * depth,
                           content_type="application/json", headers=JSON)
    assert response.status_code == 400
    problem = response.get_json()
    assert problem["code"] == "bad_request" and "dieper genest" in problem["detail"]


@pytest.mark.parametrize("body", [b'{"email": "a\\u0000b"}', b"\xff\xfe{", b"{niet json"])
def test_json_with_nul_bytes_bad_encoding_or_bad_syntax_is_refused(client, body):
    response = client.post("/inloggen", data=body, content_type="application/json",
                           headers=JSON)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"


def test_json_within_the_depth_limit_reaches_the_view(client):
    nested = json.dumps({"a": [[[["diep genoeg"]]]]})
    response = client.post("/inloggen", data=nested, content_type="application/json")
    assert response.status_code == 400  # no CSRF token: the view's guard, not the parser's
    assert "Formulier verlopen" in response.get_data(as_text=True)


def test_an_oversized_body_is_refused_with_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/inloggen", data={"email": "x" * 4096, "password": "pw"})
    assert response.status_code == 413
    assert "te groot" in response.get_data(as_text=True)


def test_the_body_limit_from_the_environment_is_a_number(monkeypatch, uow):
    monkeypatch.setenv("TOELATING_MAX_CONTENT_LENGTH", "1024")
    app = create_app({"TESTING": True, "SECRET_KEY": "test",
                      "DATABASE": SimpleNamespace(uow=uow, reader=uow)})
    response = app.test_client().post("/inloggen", data={"email": "x" * 4096})
    assert response.status_code == 413


def test_the_default_body_limit_is_ten_megabytes(app, client):
    response = client.post("/inloggen", data=b"x" * (10 * 1024 * 1024 + 1),
                           content_type="application/x-www-form-urlencoded", headers=JSON)
    assert response.status_code == 413
    assert response.get_json()["code"] == "too_large"
