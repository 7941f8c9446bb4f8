"""The small functions a compiled script calls instead of operations that can blow up.

engine.script_compile rewrites `a * b` into `_guard_mul(a, b)`, every comprehension's
source into `_guard_iter(...)`, `s.join(x)` into `_guard_join(s, x)` and so on. Each guard
works out the size of the result from its operands and refuses before the work is done;
where the work is bounded by a small factor of what exists already (a set difference, a
text of a value that was weighed first) it checks right after. Everything made is spent
from the command's allowance (engine.limits); comprehensions check its deadline at every
item and scripts at every statement: scripts have no other loops, so a command's
scripts end within its time. This module guards numbers, `+`, `-`, `*` and iteration;
engine.script_texts guards text and engine.script_collections the collections.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sized
from typing import Any

from engine import limits
from engine import script_collections as cols
from engine import script_texts as texts
from engine.limits import (
    MAX_FORMAT_WIDTH,
    MAX_INT_BITS,
    MAX_ITEMS,
    MAX_ITEMS_PER_COMMAND,
    check_time,
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


def sub(left: Any, right: Any) -> Any:
    """`a - b`: numbers pass; a difference of sets or dict views is a new set, no bigger
    than its operands, which are weighed first."""
    left, right = cols.difference_operands(left, right)
    result = left - right
    return result if isinstance(result, int | float) else cols.made(result)


def isub(target: Any, value: Any) -> Any:
    """`target -= value`: a set shrinks in place; a dict view makes a new set."""
    result, value = cols.difference_operands(target, value)
    result -= value
    if result is target or isinstance(result, int | float):
        return result
    return cols.made(result)


def integer(*args: Any, **kwargs: Any) -> Any:
    """int() of a hexadecimal text of a million digits is a number of four million bits."""
    return _int_checked(int(*args, **kwargs))


def iterate(source: Iterable[Any]) -> Iterator[Any]:
    """A comprehension's source: its size counts up front, its deadline at every item."""
    allowance = current()
    size = len(source) if isinstance(source, Sized) else 0  # all a script reaches is sized
    too_big(size, "comprehension over {} elementen")
    spend(size, allowance)
    return limits.timed(source, allowance)


def tick() -> None:
    """Before every statement: a long script of slow lines stops at its deadline too."""
    check_time()


def rounded(number: Any, *args: Any) -> Any:
    """round(n, -10**9) computes 10**(10**9) for an integer n."""
    if args and isinstance(args[0], int) and abs(args[0]) > MAX_FORMAT_WIDTH:
        too_big(abs(args[0]), "afronding op {} cijfers", MAX_FORMAT_WIDTH)
    return round(number, *args)


def total(items: Any, *args: Any, **kwargs: Any) -> Any:
    """sum(lists, []) joins lists, a new list per item: sized first; numbers pass."""
    start = args[0] if args else kwargs.get("start", 0)
    if not isinstance(start, int | float):
        size = weight((start, items))  # one walk, so it stops at the limit
        too_big(size, "som van lijsten met {} elementen", exact=False)
        copied = _partial_sums(start, items)
        too_big(copied, "som die {} elementen kopieert", MAX_ITEMS_PER_COMMAND, exact=False)
        spend(copied)
    return sum(items, *args, **kwargs)


def _partial_sums(start: Any, items: Any) -> int:
    """What sum() copies: each step copies the whole sum so far (quadratic)."""
    length = copied = len(start) if isinstance(start, Sized) else 0
    for part in items if isinstance(items, Collection) else ():
        length += len(part) if isinstance(part, Sized) else 0
        copied += length
        if copied > MAX_ITEMS_PER_COMMAND:
            break
    return copied


GUARDS: dict[str, Callable[..., Any]] = {
    "_guard_mul": mul, "_guard_add": add, "_guard_iadd": iadd, "_guard_imul": imul,
    "_guard_sub": sub, "_guard_isub": isub, "_guard_int": integer, "_guard_iter": iterate,
    "_guard_tick": tick, "_guard_round": rounded, "_guard_sum": total,
    "_guard_mod": texts.mod, "_guard_fmt": texts.fmt, "_guard_str": texts.text,
    "_guard_join": texts.join, "_guard_replace": texts.replace, "_guard_strip": texts.strip,
    "_guard_made": cols.made, "_guard_collected": cols.collected,
    "_guard_copy": cols.copy, "_guard_slice": cols.sliced, "_guard_append": cols.append,
    "_guard_extend": cols.extend,
}
