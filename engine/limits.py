"""How big a value a script may make, and how long one command's scripts may run.

A command holds its case's lock (on SQLite the only write lock) while its scripts run, so
a script that allocates gigabytes or runs for minutes stops every other case. Every
value a script makes is therefore weighed before (or, when the work is bounded by a small
factor, right after) it is made, and every command gets an allowance: a deadline and a
number of items its scripts may make together. The guards in `engine.script_guards`
spend it; `command_limits` hands it out (engine.workflow.command_scope opens one per
command, so replay is bounded the same way).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

MAX_ITEMS = 1_000_000  # characters of a text, items of a list/tuple/set/dict, counted flat
MAX_INT_BITS = 4096  # an integer product; str/int conversion stops at 4300 digits itself
MAX_FORMAT_WIDTH = 1000  # width or precision in an f-string or %-format
MAX_ITEMS_PER_COMMAND = 5 * MAX_ITEMS  # everything the scripts of one command make together
TIME_LIMIT_SECONDS = 2.0  # real time per command, checked between items of a comprehension

# freezegun (tests) replaces time.monotonic and every module attribute that holds it; the
# time limit is about real time, so the real clock is kept where freezegun does not look.
_REAL_CLOCK = (time.monotonic,)


class ScriptError(Exception):
    """A script or expression broke a rule; the message says which, in Dutch."""


class ScriptRefused(ScriptError):
    """The source is outside the allow-list or provably too big (checked before it runs)."""


class ScriptLimitExceeded(ScriptError):
    """A script made something too big, or its command ran out of time or items."""


@dataclass
class Allowance:
    deadline: float
    items_left: int


_allowance: ContextVar[Allowance | None] = ContextVar("script_allowance", default=None)


def clock() -> float:
    return _REAL_CLOCK[0]()


@contextmanager
def command_limits() -> Iterator[Allowance]:
    """A fresh allowance (deadline and item budget) for the scripts of one command."""
    allowance = Allowance(clock() + TIME_LIMIT_SECONDS, MAX_ITEMS_PER_COMMAND)
    token = _allowance.set(allowance)
    try:
        yield allowance
    finally:
        _allowance.reset(token)


def active() -> bool:
    return _allowance.get() is not None


def current() -> Allowance:
    """The command's allowance; outside a command (a bench, a unit test) one per call."""
    allowance = _allowance.get()
    if allowance is None:
        return Allowance(clock() + TIME_LIMIT_SECONDS, MAX_ITEMS_PER_COMMAND)
    return allowance


def spend(items: int, allowance: Allowance | None = None) -> None:
    """Count items made against the command's budget, and check its deadline."""
    allowance = allowance or current()
    allowance.items_left -= items
    if allowance.items_left < 0:
        raise ScriptLimitExceeded("script te groot: samen meer dan "
                                  f"{number(MAX_ITEMS_PER_COMMAND)} elementen in één opdracht")
    check_time(allowance)


def check_time(allowance: Allowance | None = None) -> None:
    if clock() > (allowance or current()).deadline:
        raise ScriptLimitExceeded(f"script te traag: de tijdslimiet van {TIME_LIMIT_SECONDS:g} s "
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


_COLLECTIONS: tuple[type[Collection[object]], ...] = (
    list, tuple, set, frozenset, type({}.keys()), type({}.values()), type({}.items()))


def weight(value: object, limit: int = MAX_ITEMS) -> int:
    """Items and characters reachable from `value`: every slot of a collection counts
    one, a text its characters and a big integer its 64-bit words; a shared part counts
    each time it occurs (as str() and the stored JSON write it out). Stops counting past
    `limit`, so a cycle or a structure that repeats itself costs at most `limit` steps."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        # The most common types first: this loop runs once per item.
        if isinstance(item, int):
            total += item.bit_length() // 64
        elif isinstance(item, str):
            total += len(item)
        elif isinstance(item, _COLLECTIONS):
            total += len(item)
            stack.extend(item)
        elif isinstance(item, dict):
            total += len(item)
            stack.extend(item)
            stack.extend(item.values())
        if total > limit:
            return total
    return total
