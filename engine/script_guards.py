"""The small functions a compiled script calls instead of operations that can blow up.

engine.script_compile rewrites `a * b` into `_guard_mul(a, b)`, every comprehension's
source into `_guard_iter(...)`, `s.join(x)` into `_guard_join(s, x)` and so on. Each guard
works out the size of the result from its operands and refuses before the work is done;
where the work is bounded by a small factor of what exists already (a shallow copy, a
text of a value that was weighed first) it checks right after. Everything made is spent
from the command's allowance (engine.limits), and comprehensions check its deadline at
every item: scripts have no other loops, so a command's scripts end within its time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sized
from typing import Any

from engine.limits import (
    MAX_FORMAT_WIDTH,
    MAX_INT_BITS,
    MAX_ITEMS,
    Allowance,
    ScriptLimitExceeded,
    check_time,
    clock,
    current,
    spend,
    too_big,
    weight,
)
from engine.script_sizes import printf_problem

_REPEATABLE = (str, list, tuple)
_CONTAINERS = (str, list, tuple, dict, set)


def _bits(bits: int) -> None:
    too_big(bits, "getal van {} bits", MAX_INT_BITS)


def _repeat(sequence: Any, count: int) -> None:
    if count <= 0:
        return
    too_big(len(sequence) * count, "herhaling tot {} elementen")
    each = len(sequence) if isinstance(sequence, str) else weight(sequence, MAX_ITEMS // count)
    too_big(each * count, "herhaling tot {} elementen", exact=False)
    spend(each * count)


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        _bits(left.bit_length() + right.bit_length() - 1)  # a lower bound, checked first
    elif isinstance(left, _REPEATABLE) and isinstance(right, int):
        _repeat(left, right)
    elif isinstance(right, _REPEATABLE) and isinstance(left, int):
        _repeat(right, left)


def _int_checked(value: Any) -> Any:
    if isinstance(value, int):
        _bits(value.bit_length())
    return value


def mul(left: Any, right: Any) -> Any:
    _check_product(left, right)
    return _int_checked(left * right)


def imul(target: Any, value: Any) -> Any:
    """`target *= value`, in place for a list as in Python itself."""
    _check_product(target, value)
    target *= value
    return _int_checked(target)


def _joined(left: Any, right: Any) -> None:
    if isinstance(left, str) and isinstance(right, str):
        size = len(left) + len(right)
    elif isinstance(left, list | tuple) and isinstance(right, list | tuple):
        size = weight((left, right)) - 2  # one walk, so it stops at the limit
    else:
        return
    too_big(size, "samenvoeging van {} elementen", exact=False)
    spend(size)


def add(left: Any, right: Any) -> Any:
    _joined(left, right)
    return left + right


def iadd(target: Any, value: Any) -> Any:
    """`target += value`, in place for a list as in Python itself."""
    _joined(target, value)
    target += value
    return target


def mod(left: Any, right: Any) -> Any:
    """`text % values`: printf widths are checked, the values weighed before they are
    written out; numbers pass."""
    if not isinstance(left, str):
        return left % right
    problem = printf_problem(left)
    if problem is not None:
        raise ScriptLimitExceeded(f"script te groot: {problem}")
    _weighed(right)
    return made(left % right)


def _weighed(value: Any) -> None:
    """A value about to be written out as text: its flat size bounds the text."""
    if isinstance(value, _CONTAINERS):
        size = weight(value)
        too_big(size, "waarde van {} elementen om als tekst te schrijven", exact=False)
        spend(size)


def fmt(value: Any) -> Any:
    """The value of an f-string field (its format spec is constant and checked)."""
    if not isinstance(value, str):
        _weighed(value)
    return value


def text(*args: Any, **kwargs: Any) -> str:
    if args:
        _weighed(args[0])
    result: str = made(str(*args, **kwargs))
    return result


def made(value: Any) -> Any:
    """A value just made by a display, comprehension, copy or conversion: weigh it."""
    size = weight(value)
    too_big(size, _kind(value) + " van {} elementen", exact=False)
    spend(size)
    return value


def _kind(value: Any) -> str:
    return "tekst" if isinstance(value, str) else "lijst of verzameling"


def iterate(source: Iterable[Any]) -> Iterator[Any]:
    """A comprehension's source: its size counts up front, its deadline at every item."""
    allowance = current()
    size = len(source) if isinstance(source, Sized) else 0  # all a script reaches is sized
    too_big(size, "comprehension over {} elementen")
    spend(size, allowance)
    return _ticking(source, allowance)


def _ticking(source: Iterable[Any], allowance: Allowance) -> Iterator[Any]:
    deadline = allowance.deadline
    for item in source:
        if clock() > deadline:
            check_time(allowance)
        yield item


def join(separator: Any, parts: Any) -> Any:
    if isinstance(separator, str):
        parts = parts if isinstance(parts, list | tuple) else list(parts)
        size = len(separator) * max(len(parts) - 1, 0)
        size += sum(len(part) for part in parts if isinstance(part, str))
        too_big(size, "tekst van {} tekens")
        spend(size)
    return separator.join(parts)


def replace(target: Any, *args: Any, **kwargs: Any) -> Any:
    """str.replace sized first (datetime.replace and the like pass unchanged)."""
    if isinstance(target, str) and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[0], args[1]
        hits = target.count(old)
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            hits = min(hits, args[2])
        size = len(target) + hits * (len(new) - len(old))
        too_big(size, "tekst van {} tekens")
        spend(size)
    return target.replace(*args, **kwargs)


def append(target: Any, item: Any) -> Any:
    if isinstance(target, list):
        too_big(len(target) + 1, "lijst van {} elementen")
        spend(weight(item) + 1)
    return target.append(item)


def extend(target: Any, items: Any) -> Any:
    if isinstance(target, list):
        too_big(len(target) + len(items), "lijst van {} elementen")
        spend(weight(items))
    return target.extend(items)


def rounded(number: Any, *args: Any) -> Any:
    """round(n, -10**9) computes 10**(10**9) for an integer n."""
    if args and isinstance(args[0], int) and abs(args[0]) > MAX_FORMAT_WIDTH:
        too_big(abs(args[0]), "afronding op {} cijfers", MAX_FORMAT_WIDTH)
    return round(number, *args)


def total(items: Any, *args: Any, **kwargs: Any) -> Any:
    """sum(lists, []) joins lists (quadratically): sized first; numbers pass."""
    start = args[0] if args else kwargs.get("start", 0)
    if not isinstance(start, int | float):
        size = weight((start, items))  # one walk, so it stops at the limit
        too_big(size, "som van lijsten met {} elementen", exact=False)
        spend(size)
    return sum(items, *args, **kwargs)


def check_data(data: dict[str, Any]) -> None:
    """What a script leaves in the task data: each value within the limit (it is stored,
    and loaded again by every later command of the case)."""
    for key, value in data.items():
        if isinstance(value, _CONTAINERS):
            too_big(weight(value), f"waarde '{key}' van {{}} elementen", exact=False)


GUARDS: dict[str, Callable[..., Any]] = {
    "_guard_mul": mul, "_guard_add": add, "_guard_iadd": iadd, "_guard_imul": imul,
    "_guard_mod": mod, "_guard_fmt": fmt, "_guard_str": text, "_guard_made": made,
    "_guard_iter": iterate, "_guard_join": join, "_guard_replace": replace,
    "_guard_append": append, "_guard_extend": extend, "_guard_round": rounded,
    "_guard_sum": total,
}
