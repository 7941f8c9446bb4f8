"""Security headers on every response; the session cookie is HttpOnly, Lax, Secure on HTTPS."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.integration.web.conftest import JSON, login
from web.app import create_app

TEMPLATES = Path(__file__).resolve().parents[3] / "web" / "templates"


def assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(("path", "headers", "status"), [
    ("/", {}, 200),  # an HTML page
    ("/static/toelating.css", {}, 200),
    ("/bestaat-niet", {}, 404),  # an HTML error page
    ("/zaken/", JSON, 401),  # a problem+json error
    ("/api/v1/zaken", {}, 404),
    ("/uitloggen", {}, 405),
])
def test_every_kind_of_response_carries_the_security_headers(client, path, headers, status):
    with client.get(path, headers=headers) as response:  # closes the static file
        assert response.status_code == status
        assert_security_headers(response)


def test_a_redirect_and_a_signed_in_page_carry_them_too(client):
    assert_security_headers(login(client, "auditor@test.example"))
    assert_security_headers(client.get("/zaken/"))


def test_no_template_holds_inline_script_or_style(client):
    """Scripts only from a file of our own (src=...), never inline, no handlers."""
    for template in TEMPLATES.glob("**/*.html"):
        text = re.sub(r"\{#.*?#\}", "", template.read_text(), flags=re.S)  # Jinja comments
        assert "<style" not in text and " style=" not in text, template
        assert not re.search(r"\son[a-z]+=", text), template
        for tag in re.findall(r"<script\b[^>]*>(.*?)</script>", text, flags=re.S):
            assert tag.strip() == "", template
        assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", text)), template


def test_the_session_cookie_is_http_only_and_same_site_lax(client):
    login(client, "auditor@test.example")
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure


def test_with_https_configured_the_cookie_is_secure_and_http_is_redirected(uow):
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "HTTPS": "1",
                      "DATABASE": SimpleNamespace(uow=uow, reader=uow)})
    client = app.test_client()
    assert client.get("http://localhost/").headers["Location"].startswith("https://")
    secure = app.test_client()
    response = secure.get("https://localhost/inloggen")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in response.headers["Set-Cookie"]
