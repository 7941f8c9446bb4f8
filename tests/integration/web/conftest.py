from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from web.app import create_app

JSON = {"Accept": "application/json"}


@pytest.fixture
def app(uow):
    database = SimpleNamespace(uow=uow, reader=uow)
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE": database})


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(client, path):
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def login(client, email, password="pw", path="/inloggen", **headers):
    token = csrf_token(client, path)
    return client.post(path, data={"csrf_token": token, "email": email,
                                   "password": password}, headers=headers)


def copy_session(source, target):
    """Another browser with a copy of the session cookie (as a thief would have it)."""
    target.set_cookie("session", source.get_cookie("session").value)
