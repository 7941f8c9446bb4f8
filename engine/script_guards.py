"""The small functions a compiled script calls instead of operations that can blow up.

engine.script_compile rewrites `a * b` into `_guard_mul(a, b)`, every comprehension's
source into `_guard_iter(...)`, `s.join(x)` into `_guard_join(s, x)` and so on. Each guard
works out the size of the result from its operands and refuses before the work is done;
where the work is bounded by a small factor of what exists already (a shallow copy, a
text of a value that was weighed first) it checks right after. Everything made is spent
from the command's allowance (engine.limits), and comprehensions check its deadline at
every item: scripts have no other loops, so a command's scripts end within its time.
This module guards numbers, `+`, `*` and iteration; engine.script_texts guards text
and engine.script_collections the collections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sized
from typing import Any

from engine import limits
from engine import script_collections as cols
from engine import script_texts as texts
from engine.limits import (
    MAX_FORMAT_WIDTH,
    MAX_INT_BITS,
    MAX_ITEMS,
    current,
    spend,
    too_big,
    weight,
)

# Bytes are refused by the allow-list; should any reach a script, they repeat like text.
_REPEATABLE = (str, list, tuple, bytes, bytearray)


def _bits(bits: int) -> None:
    too_big(bits, "getal van {} bits", MAX_INT_BITS)


def _repeat(sequence: Any, count: int) -> None:
    if count <= 0:
        return
    too_big(len(sequence) * count, "herhaling tot {} elementen")
    flat = isinstance(sequence, str | bytes | bytearray)
    each = len(sequence) if flat else weight(sequence, MAX_ITEMS // count)
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


def iterate(source: Iterable[Any]) -> Iterator[Any]:
    """A comprehension's source: its size counts up front, its deadline at every item."""
    allowance = current()
    size = len(source) if isinstance(source, Sized) else 0  # all a script reaches is sized
    too_big(size, "comprehension over {} elementen")
    spend(size, allowance)
    return limits.timed(source, allowance)


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


GUARDS: dict[str, Callable[..., Any]] = {
    "_guard_mul": mul, "_guard_add": add, "_guard_iadd": iadd, "_guard_imul": imul,
    "_guard_iter": iterate, "_guard_round": rounded, "_guard_sum": total,
    "_guard_mod": texts.mod, "_guard_fmt": texts.fmt, "_guard_str": texts.text,
    "_guard_join": texts.join, "_guard_replace": texts.replace,
    "_guard_made": cols.made, "_guard_collected": cols.collected,
    "_guard_copy": cols.copy, "_guard_slice": cols.sliced, "_guard_append": cols.append,
    "_guard_extend": cols.extend,
}
