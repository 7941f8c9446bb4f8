"""On SQLite a held write lock is a 409 "Iemand anders wijzigt deze zaak", never a raw
database error; reading goes on meanwhile."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.integration.web.conftest import JSON, csrf_token, login
from web.app import create_app
from workflows import people, running
from workflows.actors import SYSTEM
from workflows.database import Database

BUSY = "Iemand anders wijzigt deze zaak; probeer het zo opnieuw."


@pytest.fixture
def sqlite_app(tmp_path):
    url = f"sqlite:///{tmp_path}/contention.db"
    database = Database(url)
    database.migrate()
    running.write(database, people.create_user, SYSTEM, email="officer@test.example",
                  name="Officer", password="pw", roles=["screening_officer"])
    database.dispose()
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": url,
                      "SQLITE_BUSY_TIMEOUT": 0.2})
    yield app, tmp_path / "contention.db"
    app.extensions["toelating.db"].dispose()


@contextmanager
def write_lock_held(path) -> Iterator[None]:
    """Another process's transaction that has taken SQLite's write lock."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_signing_in_while_another_writer_holds_the_lock_is_a_409(sqlite_app):
    app, path = sqlite_app
    client = app.test_client()
    token = csrf_token(client, "/inloggen")
    with write_lock_held(path):
        response = client.post("/inloggen", data={"csrf_token": token, "password": "pw",
                                                  "email": "officer@test.example"})
    assert response.status_code == 409
    assert BUSY in response.get_data(as_text=True)
    assert login(client, "officer@test.example").status_code == 302  # lock gone: it works


def test_pages_are_read_while_the_lock_is_held_and_a_write_is_409_problem_json(sqlite_app):
    app, path = sqlite_app
    client = app.test_client()
    login(client, "officer@test.example")
    token = csrf_token(client, "/zaken/")
    with write_lock_held(path):
        assert client.get("/zaken/").status_code == 200
        response = client.post("/uitloggen", data={"csrf_token": token}, headers=JSON)
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "conflict"
    assert response.get_json()["detail"] == BUSY
