"""Request-scoped access to the database and the signed-in person."""

from __future__ import annotations

from flask import current_app, session

from workflows import people
from workflows.actors import Actor
from workflows.database import Database
from workflows.errors import NotAllowed


def db() -> Database:
    database: Database = current_app.extensions["toelating.db"]
    return database


def current_actor() -> Actor | None:
    user_id = session.get("user_id")
    if user_id is None:
        return None
    with db().reader() as uow:
        return people.actor_for(uow, int(user_id))


def require_actor() -> Actor:
    actor = current_actor()
    if actor is None:
        raise NotAllowed("Log eerst in.")
    return actor
