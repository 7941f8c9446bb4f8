"""workflows.running: a use case in its own unit of work; contention is a Conflict."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from models import User
from models.db import make_engine
from workflows import people, running
from workflows.actors import SYSTEM
from workflows.database import Database
from workflows.errors import Conflict


def lock_first_user(uow, actor):
    """Wait at most 200 ms for the row lock on PostgreSQL (SQLite: the busy timeout)."""
    if uow.session.get_bind().dialect.name == "postgresql":
        uow.session.execute(text("SET LOCAL lock_timeout = '200ms'"))
    return uow.session.scalars(select(User.id).order_by(User.id).limit(1)
                               .with_for_update()).one()


def test_a_lock_held_by_another_transaction_is_a_conflict(world, db_url):
    database = Database(db_url, busy_timeout=0.2)
    holder = make_engine(db_url)
    try:
        with holder.connect() as other, other.begin():
            # SQLite: BEGIN IMMEDIATE takes the write lock; PostgreSQL: the row lock.
            other.execute(select(User.id).order_by(User.id).limit(1).with_for_update())
            with pytest.raises(Conflict, match="Iemand anders wijzigt deze zaak"):
                running.write(database, lock_first_user, SYSTEM)
        assert running.write(database, lock_first_user, SYSTEM) >= 1  # free again
    finally:
        holder.dispose()
        database.dispose()


def test_read_never_commits(world, db_url):
    database = Database(db_url)
    try:
        running.read(database, people.create_user, SYSTEM, email="gelezen@test.example",
                     name="x", password="pw", roles=["auditor"])
        found = running.read(database, lambda uow, _actor: uow.session.scalars(
            select(User).where(User.email == "gelezen@test.example")).first(), SYSTEM)
        assert found is None
    finally:
        database.dispose()
