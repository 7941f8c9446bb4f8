"""Database engine and session factory, the same for production and tests.

pysqlite opens transactions lazily and commits on its own around DDL, which breaks
"lock the case, read, write" as one transaction and makes savepoint-based tests leak
rows. We switch its own handling off and emit BEGIN ourselves (IMMEDIATE, so the
write lock is taken up front and two writers serialize instead of deadlocking; a plain
BEGIN for sessions made read-only with the `read_only` execution option).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///instance/toelating.db"


def make_engine(url: str = DEFAULT_URL, *, busy_timeout: float = 30.0,
                **kwargs: Any) -> Engine:
    """Create an engine; on SQLite with WAL, foreign keys and explicit BEGIN IMMEDIATE.

    `busy_timeout` (seconds, SQLite only) is how long a writer waits for the write lock
    before the database answers "busy" (which the application turns into a conflict)."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": busy_timeout})
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine, memory=":memory:" in url or url == "sqlite://",
                          busy_timeout_ms=int(busy_timeout * 1000))
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def _configure_sqlite(engine: Engine, *, memory: bool, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={busy_timeout_ms:d}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Readers take no write lock, so pages and reports never wait for the worker.
        read_only = conn.get_execution_options().get("read_only", False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
