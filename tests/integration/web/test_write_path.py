"""Every route that changes data goes through web.transactions, which commits; no other
web module opens a unit of work or commits."""

from __future__ import annotations

import ast
import inspect
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.integration.web.conftest import csrf_token
from web.app import create_app
from web.transactions import UNSAFE_METHODS

WEB = Path(__file__).resolve().parents[3] / "web"
WRITE_HELPERS = {"write", "write_as_visitor"}
TRANSACTION_CALLS = {"uow", "reader", "commit", "rollback"}


def called_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


def changing_rules(app):
    return [r for r in app.url_map.iter_rules() if r.methods & UNSAFE_METHODS]


def test_every_route_that_changes_data_calls_the_write_helper(app):
    rules = changing_rules(app)
    assert {r.endpoint for r in rules} >= {"auth.login", "auth.logout", "auth.change_password"}
    for rule in rules:
        view = inspect.unwrap(app.view_functions[rule.endpoint])
        tree = ast.parse(textwrap.dedent(inspect.getsource(view)))
        assert called_names(tree) & WRITE_HELPERS, f"{rule.rule} does not call write()"


def test_nothing_in_web_opens_a_unit_of_work_or_commits_outside_transactions():
    for path in sorted(WEB.rglob("*.py")):
        if path.name == "transactions.py":
            continue
        found = called_names(ast.parse(path.read_text())) & TRANSACTION_CALLS
        assert not found, f"{path.name} calls {sorted(found)}"


@pytest.fixture
def app_with_a_forgetful_route(uow):
    def make(propagate: bool):
        app = create_app({"SECRET_KEY": "test", "WTF_CSRF_ENABLED": False,
                          "PROPAGATE_EXCEPTIONS": propagate,
                          "DATABASE": SimpleNamespace(uow=uow, reader=uow)})
        app.add_url_rule("/vergeten", "forgetful", lambda: ("opgeslagen?", 200),
                         methods=["POST"])
        return app
    return make


def test_a_route_that_changes_data_without_the_write_helper_is_stopped(
        app_with_a_forgetful_route):
    with pytest.raises(RuntimeError, match="without going through web.transactions"):
        app_with_a_forgetful_route(True).test_client().post("/vergeten")


def test_in_production_that_route_answers_500_not_success(app_with_a_forgetful_route):
    response = app_with_a_forgetful_route(False).test_client().post("/vergeten")
    assert response.status_code == 500
    assert "opgeslagen?" not in response.get_data(as_text=True)


def test_a_refused_change_is_not_held_against_the_route(client):
    """A refused POST wrote nothing and needs no write: no CSRF token (400), or not
    signed in (the redirect to the sign-in page)."""
    assert client.post("/uitloggen").status_code == 400
    token = csrf_token(client, "/inloggen")
    response = client.post("/wachtwoord", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/inloggen?volgende=/wachtwoord"
