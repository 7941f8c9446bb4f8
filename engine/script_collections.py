"""The guards for what makes lists, sets, dicts and tuples, and for the data a script leaves.

A display, copy or comprehension is weighed flat (engine.limits.weight); a copy's source
is weighed before it is copied and a slice is measured before it is cut, so neither is
made when it is too big. A comprehension's elements are weighed and counted as they are
made: `[s.upper() for i in items]` stops at the command's budget, not after building it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sized
from typing import Any

from engine import limits
from engine.limits import (
    MAX_DATA_ITEMS,
    ScriptLimitExceeded,
    spend,
    too_big,
    weight,
)
from engine.script_texts import not_a_type

_COPIES: dict[str, Callable[..., Any]] = {
    "list": list, "tuple": tuple, "set": set, "dict": dict, "sorted": sorted}
# `-` with a dict view makes a set of either operand (sets stay among themselves).
_VIEWS: tuple[type[object], ...] = (type({}.keys()), type({}.items()))
_SET_LIKE: tuple[type[object], ...] = (set, frozenset, *_VIEWS)


def made(value: Any) -> Any:
    """A value just made by a display, method, conversion or copy, or an element (a key,
    a value) of a comprehension as soon as it is made: weigh it."""
    size = weight(value)
    too_big(size, _kind(value) + " van {} elementen", exact=False)
    spend(size)
    return value


def _kind(value: Any) -> str:
    return "tekst" if isinstance(value, str) else "lijst of verzameling"


def collected(value: Any) -> Any:
    """A comprehension's result: its elements were counted as they came, its slots now."""
    too_big(weight(value), "lijst of verzameling van {} elementen", exact=False)
    spend(len(value))
    return value


def copy(kind: str, *args: Any, **kwargs: Any) -> Any:
    """list(), tuple(), set(), dict() and sorted(), by name so that task data cannot stand
    in for the builtin: the source is weighed before it is copied, the copy after (a
    copy of a dict's items makes a tuple per item)."""
    if args:
        source = args[0]
        if isinstance(source, Iterable) and not isinstance(source, Sized):
            raise ScriptLimitExceeded("niet toegestaan: kopie van een bron zonder lengte")
        too_big(weight(source), "kopie van {} elementen", exact=False)
        if kind in ("set", "dict"):
            # Hashing numbers chosen to share a hash costs a probe per earlier item.
            if kind == "dict" and isinstance(source, dict):
                source = source.items()
            args = (limits.timed(source), *args[1:])
    return made(_COPIES[kind](*args, **kwargs))


def difference_operands(left: Any, right: Any) -> tuple[Any, Any]:
    """The operands of `a - b` with a set or dict view, weighed before a set is made of
    them; a list beside a dict view becomes a set per item against the clock first."""
    if not isinstance(left, _SET_LIKE) and not isinstance(right, _SET_LIKE):
        return left, right
    view = isinstance(left, _VIEWS) or isinstance(right, _VIEWS)
    return _operand(left, view), _operand(right, view)


def _operand(value: Any, view: bool) -> Any:
    if view and isinstance(value, Iterable) and not isinstance(value, _SET_LIKE):
        return copy("set", value)
    too_big(weight(value), "verzameling van {} elementen", exact=False)
    return value


def sliced(target: Any, lower: Any, upper: Any, step: Any) -> Any:
    """`x[a:b:c]` makes a copy: its length is known before it is cut (a range slices
    without copying, with the same rules as a list)."""
    if isinstance(target, str | list | tuple):
        size = len(range(len(target))[lower:upper:step])
        too_big(size, "deel van {} elementen")
        spend(size)
    return target[lower:upper:step]


def append(target: Any, element: Any) -> Any:
    not_a_type(target)
    if isinstance(target, list):
        too_big(len(target) + 1, "lijst van {} elementen")
        spend(weight(element) + 1)
    return target.append(element)


def extend(target: Any, items: Any) -> Any:
    not_a_type(target)
    if isinstance(target, list):
        too_big(len(target) + len(items), "lijst van {} elementen")
        spend(weight(items))
    return target.extend(items)


def check_data(data: dict[str, Any]) -> None:
    """What a script leaves in the task data: each value within the limit, and all of
    them together (each is stored, and written out in full however often it is shared:
    `a = big`, `b = big`, ... would multiply the stored state)."""
    total = 0
    for key, value in data.items():
        size = weight(value)
        if isinstance(value, str | list | tuple | dict | set):
            too_big(size, f"waarde '{key}' van {{}} elementen", exact=False)
        total += size
        too_big(total, "taakgegevens van samen {} elementen", MAX_DATA_ITEMS, exact=False)
