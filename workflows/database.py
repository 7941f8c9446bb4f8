"""The database as the outer layers see it: a URL in, units of work out."""

from __future__ import annotations

from models.db import DEFAULT_URL, make_engine, make_session_factory
from workflows.migrate import migrate
from workflows.uow import UnitOfWork


class Database:
    def __init__(self, url: str = DEFAULT_URL, *, busy_timeout: float = 30.0) -> None:
        self.url = url
        self.engine = make_engine(url, busy_timeout=busy_timeout)
        self.sessions = make_session_factory(self.engine)
        # One snapshot per read on PostgreSQL too (SQLite's WAL reader already has one):
        # verification compares a case row, its log and its task rows, and a command
        # committing between those statements would otherwise look like tampering.
        snapshot = {"isolation_level": "REPEATABLE READ"} if url.startswith("postgresql") \
            else {}
        self.read_sessions = make_session_factory(
            self.engine.execution_options(read_only=True, **snapshot))

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessions)

    def reader(self) -> UnitOfWork:
        """A unit of work that only reads: on SQLite it takes no write lock."""
        return UnitOfWork(self.read_sessions)

    def migrate(self) -> None:
        migrate(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
