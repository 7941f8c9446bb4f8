"""The guards for what writes text: %-formats, f-string fields, str(), join, replace, strip.

Each works out the length of the text from its operands and refuses before the text is
made (engine.script_guards has the guards for numbers and collections). A value written
out is weighed flat (engine.limits.weight): its characters, plus one per item, which
bounds its text up to a small factor (quotes, separators, escapes).
"""

from __future__ import annotations

import re
from typing import Any

from engine.limits import (
    MAX_ITEMS,
    ScriptLimitExceeded,
    check_time,
    spend,
    too_big,
    weight,
)
from engine.script_sizes import PRINTF, conversion_problem

_CONTAINERS = (str, list, tuple, dict, set)
# s.strip(chars) looks every end character up in chars: a million of each takes minutes.
MAX_STRIP_CHARS = 100
# A key opening a parenthesis after an odd run of % (an even run writes % signs).
_NESTED_KEY = re.compile(r"(?:^|[^%])(?:%%)*%\([^)]*\(")


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
    """`text % values`: widths are checked and the text is sized before it is written;
    numbers pass."""
    if not isinstance(left, str):
        return left % right
    size = _printf_size(left, right)
    too_big(size, "waarde van {} elementen om als tekst te schrijven", exact=False)
    spend(size)
    # A number writes more digits than its weight shows (a float's 309): measured too.
    result: str = left % right
    too_big(len(result), "tekst van {} tekens")
    return result


def _printf_size(template: str, values: Any) -> int:
    """At most what `template % values` writes: the template, each width and precision,
    and the values (from a mapping: each named one, as often as it is named). Stops
    counting past the limit; a template of many conversions is read against the clock."""
    if isinstance(values, dict) and _NESTED_KEY.search(template):
        # Python reads `%(a(b))s` as the key "a(b)", which PRINTF does not: refused.
        raise ScriptLimitExceeded("niet toegestaan: haakjes in een sleutel van een %-opmaak")
    size, keys, whole = len(template), [], False
    for match in PRINTF.finditer(template):
        check_time()
        problem = conversion_problem(match)
        if problem is not None:
            raise ScriptLimitExceeded(f"script te groot: {problem}")
        size += sum(int(part) for part in (match["width"], match["precision"]) if part)
        if match["key"] is not None:
            keys.append(match["key"])
        else:
            whole = whole or match["type"] != "%"
        if size > MAX_ITEMS:
            return size
    if not isinstance(values, dict):
        return size + weight(values)
    named: dict[str, int] = {}
    for key in keys:
        if key not in named:
            named[key] = weight(values.get(key))
        size += named[key]
        if size > MAX_ITEMS:
            return size
    return size + (weight(values) if whole else 0)


def fmt(value: Any) -> Any:
    """The value of an f-string field (its format spec is constant and checked): a text
    counts its length, so many fields of one big text stop before they are joined."""
    if isinstance(value, str):
        spend(len(value))
    else:
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


def strip(target: Any, *args: Any) -> Any:
    not_a_type(target)
    if isinstance(target, str) and args and isinstance(args[0], str):
        too_big(len(args[0]), "strip met {} tekens om weg te halen", MAX_STRIP_CHARS)
    result = target.strip(*args)
    if isinstance(result, str):
        spend(len(result))
    return result
