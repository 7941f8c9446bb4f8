"""The guards for what writes text: %-formats, f-string fields, str(), join and replace.

Each works out the length of the text from its operands and refuses before the text is
made (engine.script_guards has the guards for numbers and collections). A value written
out is weighed flat (engine.limits.weight): its characters, plus one per item, which
bounds its text up to a small factor (quotes, separators, escapes).
"""

from __future__ import annotations

from typing import Any

from engine.limits import (
    ScriptLimitExceeded,
    spend,
    too_big,
    weight,
)
from engine.script_sizes import printf_problem

_CONTAINERS = (str, list, tuple, dict, set)


def not_a_type(target: Any) -> None:
    """`str.join(s, parts)` would name the text as an argument, where no guard looks; the
    allow-list refuses it, and this keeps a guard from skipping its check all the same."""
    if isinstance(target, type):
        raise ScriptLimitExceeded(f"niet toegestaan: methode via het type {target.__name__}")


def weighed(value: Any) -> None:
    """A value about to be written out as text: its flat size bounds the text."""
    if isinstance(value, _CONTAINERS):
        size = weight(value)
        too_big(size, "waarde van {} elementen om als tekst te schrijven", exact=False)
        spend(size)


def mod(left: Any, right: Any) -> Any:
    """`text % values`: printf widths are checked, the values weighed before they are
    written out; numbers pass."""
    if not isinstance(left, str):
        return left % right
    problem = printf_problem(left)
    if problem is not None:
        raise ScriptLimitExceeded(f"script te groot: {problem}")
    weighed(right)
    result = left % right
    too_big(len(result), "tekst van {} tekens")
    spend(len(result))
    return result


def fmt(value: Any) -> Any:
    """The value of an f-string field (its format spec is constant and checked)."""
    if not isinstance(value, str):
        weighed(value)
    return value


def text(*args: Any, **kwargs: Any) -> str:
    if args:
        weighed(args[0])
    result = str(*args, **kwargs)
    too_big(len(result), "tekst van {} tekens")
    spend(len(result))
    return result


def join(separator: Any, parts: Any) -> Any:
    not_a_type(separator)
    if isinstance(separator, str):
        parts = parts if isinstance(parts, list | tuple) else list(parts)
        size = len(separator) * max(len(parts) - 1, 0)
        size += sum(len(part) for part in parts if isinstance(part, str))
        too_big(size, "tekst van {} tekens")
        spend(size)
    return separator.join(parts)


def replace(target: Any, *args: Any, **kwargs: Any) -> Any:
    """str.replace sized first (datetime.replace and the like pass unchanged)."""
    not_a_type(target)
    if isinstance(target, str) and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[0], args[1]
        hits = target.count(old)
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            hits = min(hits, args[2])
        size = len(target) + hits * (len(new) - len(old))
        too_big(size, "tekst van {} tekens")
        spend(size)
    return target.replace(*args, **kwargs)

