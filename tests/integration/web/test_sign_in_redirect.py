"""A page that needs sign-in sends the visitor to /inloggen and back; JSON gets 401."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.integration.web.conftest import JSON, login


def test_an_anonymous_visitor_is_sent_to_sign_in_with_the_way_back(client):
    response = client.get("/zaken/?status=decision")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/inloggen"
    assert parse_qs(location.query) == {"volgende": ["/zaken/?status=decision"]}


def test_after_signing_in_the_visitor_is_back_on_the_page_asked_for(client):
    location = client.get("/zaken/?status=decision").headers["Location"]
    response = login(client, "screening_officer@test.example", path=location)
    assert response.status_code == 302
    assert response.headers["Location"] == "/zaken/?status=decision"
    assert client.get(response.headers["Location"]).status_code == 200


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example",
    "javascript:alert(1)", "evil.example", "", "/\n/evil.example",
])
def test_a_way_back_off_this_site_leads_to_the_home_page(client, target):
    response = login(client, "auditor@test.example",
                     path="/inloggen?" + urlencode({"volgende": target}))
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_a_json_request_gets_401_problem_json(client):
    response = client.get("/zaken/", headers=JSON)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem == {"type": "urn:toelating:problem:sign_in_required",
                       "title": "Inloggen nodig", "status": 401,
                       "detail": "Log eerst in.", "code": "sign_in_required"}


def test_a_path_under_api_is_answered_in_json_whatever_it_accepts(client):
    response = client.get("/api/v1/zaken")
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"

