"""How big a value a script may make, and how long one command's scripts may run.

A command holds its case's lock (on SQLite the only write lock) while its scripts run, so
a script that allocates gigabytes or runs for minutes stops every other case. Every
value a script makes is therefore weighed before (or, when the work is bounded by a small
factor, right after) it is made, and every command gets an allowance: the seconds and
the number of items its scripts may use together. The guards (`engine.script_guards`
and the modules beside it) spend it; `command_limits` hands it out
(engine.workflow.command_scope opens one per command, so replay is bounded the same
way). Only time inside scripts counts: not the wait for the lock, the database, or a
service task calling a register.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import TypeVar

MAX_ITEMS = 1_000_000  # characters of a text, items of a list/tuple/set/dict, counted flat
MAX_INT_BITS = 4096  # an integer product; str/int conversion stops at 4300 digits itself
MAX_FORMAT_WIDTH = 1000  # width or precision in an f-string or %-format
MAX_ITEMS_PER_COMMAND = 5 * MAX_ITEMS  # everything the scripts of one command make together
MAX_DATA_ITEMS = 5 * MAX_ITEMS  # a task's data as stored, a shared value counted each time
TIME_LIMIT_SECONDS = 2.0  # script time per command, checked between items of a comprehension

# freezegun (tests) replaces time.monotonic and every module attribute that holds it; the
# time limit is about real time, so the real clock is kept where freezegun does not look.
_REAL_CLOCK = (time.monotonic,)
T = TypeVar("T")


class ScriptError(Exception):
    """A script or expression broke a rule; the message says which, in Dutch."""


class ScriptRefused(ScriptError):
    """The source is outside the allow-list or provably too big (checked before it runs)."""


class ScriptLimitExceeded(ScriptError):
    """A script made something too big, or its command ran out of time or items."""


@dataclass
class Allowance:
    seconds_left: float
    items_left: int
    deadline: float  # of the script running now: when it started plus seconds_left
    running: bool = False


_allowance: ContextVar[Allowance | None] = ContextVar("script_allowance", default=None)


def clock() -> float:
    return _REAL_CLOCK[0]()


def _fresh() -> Allowance:
    return Allowance(TIME_LIMIT_SECONDS, MAX_ITEMS_PER_COMMAND, clock() + TIME_LIMIT_SECONDS)


@contextmanager
def command_limits() -> Iterator[Allowance]:
    """A fresh allowance (seconds and items) for the scripts of one command."""
    token = _allowance.set(_fresh())
    try:
        yield current()
    finally:
        _allowance.reset(token)


def current() -> Allowance:
    """The command's allowance; outside a command (a bench, a unit test) one per call."""
    return _allowance.get() or _fresh()


class ScriptTime:
    """`with ScriptTime():` times one script or expression against its command's
    seconds (outside a command, against an allowance of its own)."""

    __slots__ = ("allowance", "started", "token")
    allowance: Allowance
    started: float
    token: Token[Allowance | None] | None

    def __enter__(self) -> Allowance:
        allowance, self.token = _allowance.get(), None
        if allowance is None:
            allowance = _fresh()
            self.token = _allowance.set(allowance)
        if allowance.seconds_left <= 0:
            if self.token is not None:
                _allowance.reset(self.token)
            raise _too_slow()
        self.allowance, self.started = allowance, clock()
        allowance.deadline = self.started + allowance.seconds_left
        return allowance

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.allowance.seconds_left -= clock() - self.started
        if self.token is not None:
            _allowance.reset(self.token)


def spend(items: int, allowance: Allowance | None = None) -> None:
    """Count items made against the command's budget, and check its deadline."""
    allowance = allowance or current()
    allowance.items_left -= items
    if allowance.items_left < 0:
        raise ScriptLimitExceeded("script te groot: samen meer dan "
                                  f"{number(MAX_ITEMS_PER_COMMAND)} elementen in één opdracht")
    check_time(allowance)


def timed(source: Iterable[T], allowance: Allowance | None = None) -> Iterator[T]:
    """The items of `source`, the deadline checked before each: what a comprehension or
    a copy does per item (hashing numbers chosen to collide costs a probe per earlier
    item) then stops at the deadline, not after."""
    allowance = allowance or current()
    deadline = allowance.deadline
    for item in source:
        if clock() > deadline:
            check_time(allowance)
        yield item


def check_time(allowance: Allowance | None = None) -> None:
    if clock() > (allowance or current()).deadline:
        raise _too_slow()


def _too_slow() -> ScriptLimitExceeded:
    return ScriptLimitExceeded(f"script te traag: de tijdslimiet van {TIME_LIMIT_SECONDS:g} s "
                               "per opdracht is overschreden")


def too_big(size: int, phrase: str, limit: int = MAX_ITEMS, *, exact: bool = True) -> None:
    """Refuse `size` past `limit`; `phrase` names the thing, "{}" standing for its size
    (a weighed size stops counting past the limit: shown as "meer dan" the limit)."""
    if size > limit:
        shown = number(size) if exact else f"meer dan {number(limit)}"
        raise ScriptLimitExceeded(
            f"script te groot: {phrase.format(shown)} (grens {number(limit)})")


def number(value: int) -> str:
    """Dutch thousands separator: 1.000.000."""
    return f"{value:,}".replace(",", ".")


_CHUNK = 64  # a collection bigger than this is weighed a chunk at a time
_TEXTS = (str, bytes, bytearray)  # bytes: refused by the allow-list, weighed all the same
_COLLECTIONS: tuple[type[Collection[object]], ...] = (
    list, tuple, set, frozenset, type({}.keys()), type({}.values()), type({}.items()))


def weight(value: object, limit: int = MAX_ITEMS) -> int:
    """Items and characters reachable from `value`: every slot of a collection counts
    one, a text its characters and a big integer its 64-bit words; a shared part counts
    each time it occurs (as str() and the stored JSON write it out). Stops counting past
    `limit`, so a cycle or a structure that repeats itself costs at most `limit` steps.

    A big collection is read a chunk at a time, so weighing holds no copy of what it
    weighs before it can refuse it (a dict's items would all be made as tuples)."""
    total, items, big = 0, [value], list[Iterator[object]]()
    while items or big:
        if not items:
            items.extend(islice(big[-1], _CHUNK))
            if not items:
                big.pop()
            continue
        item = items.pop()
        # The most common types first: this loop runs once per item.
        if isinstance(item, int):
            total += item.bit_length() // 64
        elif isinstance(item, _TEXTS):
            total += len(item)
        elif isinstance(item, _COLLECTIONS):
            size = len(item)
            total += size
            if size > _CHUNK:
                big.append(iter(item))
            else:
                items.extend(item)
        elif isinstance(item, dict):
            total += len(item)
            if len(item) > _CHUNK:
                big += [iter(item), iter(item.values())]
            else:
                items += [*item, *item.values()]
        if total > limit:
            return total
    return total
