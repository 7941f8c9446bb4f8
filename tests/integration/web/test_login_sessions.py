"""Sessions live on the server: a copied cookie dies with signing out or a new password."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from freezegun import freeze_time
from sqlalchemy import select

from models import LoginSession
from tests.integration.web.conftest import copy_session, csrf_token, login
from web.transactions import TOKEN

NEW_PASSWORD = "een-nieuw-lang-wachtwoord"


def change_password(client, old="pw", new=NEW_PASSWORD):
    token = csrf_token(client, "/wachtwoord")
    return client.post("/wachtwoord", data={"csrf_token": token, "old_password": old,
                                            "new_password": new})


def test_the_cookie_holds_a_token_whose_sha256_alone_is_stored(client, connection):
    login(client, "admin@test.example")
    with client.session_transaction() as session:
        token = session[TOKEN]
    stored = connection.execute(select(LoginSession.token_sha256)).scalars().all()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]


def test_a_copied_cookie_is_refused_after_signing_out(app, client):
    assert login(client, "screening_officer@test.example").status_code == 302
    thief = app.test_client()
    copy_session(client, thief)
    assert thief.get("/zaken/").status_code == 200
    token = csrf_token(client, "/zaken/")
    assert client.post("/uitloggen", data={"csrf_token": token}).status_code == 302
    assert thief.get("/zaken/").headers["Location"].startswith("/inloggen")


def test_a_copied_cookie_is_refused_after_a_password_change(app, client):
    login(client, "legal_counsel@test.example")
    thief = app.test_client()
    copy_session(client, thief)
    response = change_password(client)
    assert response.status_code == 302 and response.headers["Location"] == "/inloggen"
    assert thief.get("/zaken/").status_code == 302
    assert client.get("/zaken/").status_code == 302  # the changer signs in again too
    assert login(client, "legal_counsel@test.example", "pw").status_code == 401
    assert login(client, "legal_counsel@test.example", NEW_PASSWORD).status_code == 302


def test_a_wrong_current_password_changes_nothing(client):
    login(client, "auditor@test.example")
    response = change_password(client, old="geraden")
    assert response.status_code == 422
    assert "Het huidige wachtwoord klopt niet" in response.get_data(as_text=True)
    assert client.get("/zaken/").status_code == 200


def test_a_short_new_password_is_refused_with_its_rule(client):
    login(client, "auditor@test.example")
    response = change_password(client, new="kort")
    assert response.status_code == 422
    assert "minstens 12 tekens" in response.get_data(as_text=True)


def test_a_session_idle_for_more_than_a_workday_has_ended(client):
    start = datetime.now(UTC)
    with freeze_time(start) as frozen:
        login(client, "auditor@test.example")
        frozen.move_to(start + timedelta(hours=7))
        assert client.get("/zaken/").status_code == 200  # in use: last seen moves on
        frozen.move_to(start + timedelta(hours=14))
        assert client.get("/zaken/").status_code == 200
        frozen.move_to(start + timedelta(hours=22, minutes=1))
        assert client.get("/zaken/").status_code == 302

