"""All time in the engine goes through here.

SpiffWorkflow reads `datetime.now(timezone.utc)` and `time.time()` itself and offers no
clock to inject. We point those two names inside SpiffWorkflow at this module, so that
every command runs at one recorded instant: replaying the command at that instant then
reproduces timer decisions and `last_state_change` values exactly. Outside a command the
wall clock is used (and freezegun controls it in tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_command_time: ContextVar[dt.datetime | None] = ContextVar("command_time", default=None)


def now() -> dt.datetime:
    """The current instant, aware UTC; inside a command, the command's instant."""
    pinned = _command_time.get()
    if pinned is not None:
        return pinned
    return dt.datetime.now(dt.UTC)


@contextmanager
def pinned(at: dt.datetime) -> Iterator[dt.datetime]:
    """Run a block as if no time passes: every clock read returns `at`."""
    if at.tzinfo is None:
        raise ValueError("pinned time must be aware")
    token = _command_time.set(at.astimezone(dt.UTC))
    try:
        yield at
    finally:
        _command_time.reset(token)


class EngineDatetime(dt.datetime):
    """Stands in for `datetime` inside SpiffWorkflow's timer module."""

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> EngineDatetime:
        m = now().astimezone(tz) if tz else now().astimezone().replace(tzinfo=None)
        return cls(m.year, m.month, m.day, m.hour, m.minute, m.second, m.microsecond, m.tzinfo)


class EngineTime:
    """Stands in for the `time` module inside SpiffWorkflow's task module."""

    @staticmethod
    def time() -> float:
        return now().timestamp()
