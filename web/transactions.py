"""The web's one way to run a use case: who acts, in which transaction, committed or not.

Views call `write` for anything that changes data and `read` for the rest; both run the
use case as the signed-in person (or send the visitor to the sign-in page). Signing in
and out act as the anonymous visitor (`write_as_visitor`). No view opens a unit of work
or commits itself, so none can forget to, and an after-request check refuses a request
that changes data (POST, PUT, PATCH, DELETE) and succeeds without passing through here.
"""

from __future__ import annotations

from contextlib import suppress
from typing import ParamSpec, TypeVar

from flask import Flask, current_app, g, request, session
from werkzeug.wrappers import Response

from workflows import people, running
from workflows.actors import Actor
from workflows.errors import Conflict, SignInRequired
from workflows.running import UnitsOfWork, UseCase

P = ParamSpec("P")
T = TypeVar("T")
TOKEN = "login_token"  # the session cookie's key for the login-session token
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def write(use_case: UseCase[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run the use case as the signed-in person and commit."""
    g.wrote = True
    return running.write(database(), use_case, require_actor(), *args, **kwargs)


def read(use_case: UseCase[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run the use case as the signed-in person, read-only."""
    return running.read(database(), use_case, require_actor(), *args, **kwargs)


def write_as_visitor(use_case: UseCase[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run the use case as the anonymous visitor and commit (signing in and out)."""
    g.wrote = True
    return running.write(database(), use_case, people.ANONYMOUS, *args, **kwargs)


def read_as_visitor(use_case: UseCase[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run the use case as the anonymous visitor, read-only (a link mailed to someone)."""
    return running.read(database(), use_case, people.ANONYMOUS, *args, **kwargs)


def database() -> UnitsOfWork:
    units: UnitsOfWork = current_app.extensions["toelating.db"]
    return units


def current_actor() -> Actor | None:
    """The signed-in person of this request (looked up once), or None."""
    if "actor" not in g:
        g.actor = _resume_session()
    actor: Actor | None = g.actor
    return actor


def require_actor() -> Actor:
    actor = current_actor()
    if actor is None:
        raise SignInRequired("Log eerst in.")
    return actor


def _resume_session() -> Actor | None:
    token = session.get(TOKEN)
    if not isinstance(token, str):
        return None
    resumed = running.read(database(), people.resume_session, people.ANONYMOUS, token=token)
    if resumed is None:
        session.pop(TOKEN, None)  # ended, idle too long, or never ours
        return None
    if resumed.needs_touch:
        # Only bookkeeping for the idle limit: a busy database must not fail the page.
        with suppress(Conflict):
            running.write(database(), people.touch_session, people.ANONYMOUS, token=token)
    return resumed.actor


def refused() -> None:
    """Mark the answer as a refusal (an error handler made it): nothing was written."""
    g.refused = True


def init_app(app: Flask) -> None:
    app.after_request(_require_write_path)


def _require_write_path(response: Response) -> Response:
    """A request that changes data and succeeded must have written through `write`
    (a refusal, such as the redirect to sign in, changed nothing and needs no write)."""
    if (request.method in UNSAFE_METHODS and response.status_code < 400
            and not g.get("wrote", False) and not g.get("refused", False)):
        raise RuntimeError(f"{request.method} {request.endpoint} answered "
                           f"{response.status_code} without going through web.transactions")
    return response
