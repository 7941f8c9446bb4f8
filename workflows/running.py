"""Running one use case in its own unit of work, for the outer layers (web, command line).

`write` commits, `read` never does (and on SQLite takes no write lock). Both turn the
database's "busy" answers into `Conflict`, so a person reads "someone else is changing
this case" instead of a driver error: SQLite's SQLITE_BUSY/SQLITE_LOCKED (the write lock
was not free within the busy timeout), PostgreSQL's serialization failure, deadlock and
lock timeout, and a stale version column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from workflows.actors import Actor
from workflows.errors import Conflict
from workflows.uow import UnitOfWork

P = ParamSpec("P")
T = TypeVar("T")
UseCase = Callable[Concatenate[UnitOfWork, Actor, P], T]

BUSY = "Iemand anders wijzigt deze zaak; probeer het zo opnieuw."
SQLITE_BUSY_CODES = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED (primary result codes)
POSTGRES_BUSY_STATES = frozenset({"40001", "40P01", "55P03"})  # serialization, deadlock, lock


class UnitsOfWork(Protocol):
    """What `workflows.database.Database` offers (tests hand in one on their savepoint)."""

    def uow(self) -> UnitOfWork: ...

    def reader(self) -> UnitOfWork: ...


def write(units: UnitsOfWork, use_case: UseCase[P, T], actor: Actor, /,
          *args: P.args, **kwargs: P.kwargs) -> T:
    """Run the use case as `actor` in a new unit of work and commit it."""
    with _busy_is_conflict(), units.uow() as uow:
        result = use_case(uow, actor, *args, **kwargs)
        uow.commit()
    return result


def read(units: UnitsOfWork, use_case: UseCase[P, T], actor: Actor, /,
         *args: P.args, **kwargs: P.kwargs) -> T:
    """Run the use case as `actor` in a read-only unit of work; nothing is committed."""
    with _busy_is_conflict(), units.reader() as uow:
        return use_case(uow, actor, *args, **kwargs)


@contextmanager
def _busy_is_conflict() -> Iterator[None]:
    try:
        yield
    except StaleDataError as err:
        raise Conflict(BUSY) from err
    except DBAPIError as err:
        if not is_busy(err):
            raise
        raise Conflict(BUSY) from err


def is_busy(err: DBAPIError) -> bool:
    """True when the database refused for contention, so trying again later can work."""
    sqlite_code = getattr(err.orig, "sqlite_errorcode", None)
    if isinstance(sqlite_code, int):
        return sqlite_code & 0xFF in SQLITE_BUSY_CODES
    return getattr(err.orig, "sqlstate", None) in POSTGRES_BUSY_STATES
