"""What a script provably makes too big, found before it runs.

Constant sub-expressions are folded bottom-up (`"x" * 10**9`, `[0] * (10**5 * 10**5)`,
`2 ** 10**8`), each step checked before it is computed, so the lint itself never builds a
big value. Texts, lists and tuples are folded to their length only. Format widths and
precisions in f-strings and %-formats are checked too. What depends on case data is
bounded at run time by engine.script_guards, against the same limits.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from engine.limits import MAX_FORMAT_WIDTH, MAX_INT_BITS, MAX_ITEMS, number

MAX_REPEAT = 10_000  # `x * n` with x unknown: a reviewed script never repeats more
# One %-conversion as Python reads it (a key holds no parenthesis: see script_texts).
PRINTF = re.compile(r"%(?:\((?P<key>[^)]*)\))?[-#0 +]*(?P<width>\*|\d+)?"
                    r"(?:\.(?P<precision>\*|\d*))?[hlL]?(?P<type>[a-zA-Z%])")


@dataclass(frozen=True)
class Seq:
    """A text, list or tuple of known length (its items need not be known)."""

    length: int


Folded = int | Seq | None


class _TooBig(Exception):
    pass


def too_big(tree: ast.AST) -> str | None:
    """Why a constant part of the tree is too big, in Dutch; None if nothing is."""
    folded: dict[int, Folded] = {}
    # ast.walk is breadth-first, so reversed it meets every child before its parent.
    for node in reversed(list(ast.walk(tree))):
        try:
            folded[id(node)] = _fold(node, folded)
        except _TooBig as err:
            return str(err)
    return None


def _fold(node: ast.AST, folded: dict[int, Folded]) -> Folded:
    if isinstance(node, ast.Constant):
        return _constant(node.value)
    if isinstance(node, ast.List | ast.Tuple):
        return Seq(len(node.elts))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = folded.get(id(node.operand))
        return -value if isinstance(node.op, ast.USub) and isinstance(value, int) else value
    if isinstance(node, ast.FormattedValue):
        _check_format_spec(node.format_spec)
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str):
            _raise(printf_problem(node.left.value))
        return _binop(node.op, folded.get(id(node.left)), folded.get(id(node.right)))
    return None


def _constant(value: object) -> Folded:
    if isinstance(value, int):
        return value
    if isinstance(value, str | bytes):
        return Seq(len(value))
    return None


def _binop(op: ast.operator, left: Folded, right: Folded) -> Folded:
    if isinstance(op, ast.Mult):
        return _product(left, right)
    if isinstance(op, ast.Add) and isinstance(left, Seq) and isinstance(right, Seq):
        return _sequence(left.length + right.length)
    if not (isinstance(left, int) and isinstance(right, int)):
        return None
    if isinstance(op, ast.Pow):
        return _power(left, right)
    if isinstance(op, ast.LShift) and right >= 0:
        _bits(left.bit_length() + right)
        return left << right
    return _small_arithmetic(op, left, right)


def _product(left: Folded, right: Folded) -> Folded:
    if isinstance(left, int) and isinstance(right, int):
        _bits(left.bit_length() + right.bit_length() - 1)  # a lower bound: checked first
        return _exact(left * right)
    if isinstance(right, Seq):
        left, right = right, left
    if isinstance(left, Seq) and isinstance(right, int):
        return _sequence(left.length * max(right, 0))
    count = left if isinstance(left, int) else right
    if isinstance(count, int) and abs(count) > MAX_REPEAT:
        raise _TooBig(f"herhaling groter dan {number(MAX_REPEAT)}")
    return None


def _power(base: int, exponent: int) -> Folded:
    if exponent < 0:
        return None  # a float
    if base not in (-1, 0, 1):
        _bits((abs(base).bit_length() - 1) * exponent + 1)  # a lower bound: checked first
    result: int = base**exponent
    return _exact(result)


def _small_arithmetic(op: ast.operator, left: int, right: int) -> Folded:
    """Operations whose result is no bigger than an operand (plus one bit)."""
    if isinstance(op, ast.Add):
        return left + right
    if isinstance(op, ast.Sub):
        return left - right
    if isinstance(op, ast.FloorDiv | ast.Mod) and right == 0:
        return None  # fails when it runs, which is not a size problem
    if isinstance(op, ast.FloorDiv):
        return left // right
    if isinstance(op, ast.Mod):
        return left % right
    return None


def _exact(value: int) -> int:
    _bits(value.bit_length())
    return value


def _sequence(length: int) -> Seq:
    if length > MAX_ITEMS:
        raise _TooBig(f"tekst of lijst van {number(length)} elementen "
                      f"(grens {number(MAX_ITEMS)})")
    return Seq(length)


def _bits(bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise _TooBig(f"getal van ongeveer {number(bits)} bits (grens {number(MAX_INT_BITS)})")


def _check_format_spec(spec: ast.expr | None) -> None:
    if isinstance(spec, ast.JoinedStr):
        text = "".join(v.value for v in spec.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
        _raise(format_spec_problem(text))


def _raise(problem: str | None) -> None:
    if problem is not None:
        raise _TooBig(problem)


def format_spec_problem(spec: str) -> str | None:
    """A width or precision in an f-string format spec beyond the limit (`{x:>999999}`)."""
    for digits in re.findall(r"\d+", spec):
        if _beyond_width(digits):
            return f"opmaakbreedte {digits} (grens {number(MAX_FORMAT_WIDTH)})"
    return None


def printf_problem(text: str) -> str | None:
    """A %-format whose width or precision is too big or comes from the data (`*`)."""
    for match in PRINTF.finditer(text):
        problem = conversion_problem(match)
        if problem is not None:
            return problem
    return None


def conversion_problem(match: re.Match[str]) -> str | None:
    """One %-conversion's width or precision too big or taken from the data (`*`)."""
    for part in (match["width"], match["precision"]):
        if part == "*":
            return "opmaakbreedte uit de gegevens (%*)"
        if part and _beyond_width(part):
            return f"opmaakbreedte {part} (grens {number(MAX_FORMAT_WIDTH)})"
    return None


def _beyond_width(digits: str) -> bool:
    digits = digits.lstrip("0")
    # Compare the length first: int() of thousands of digits is itself refused by Python.
    return len(digits) > len(str(MAX_FORMAT_WIDTH)) or int(digits or "0") > MAX_FORMAT_WIDTH
