"""What a BPMN script or expression may contain: an allow-list, not a deny-list.

Scripts run with plain exec (SpiffWorkflow has no sandbox), and a deny-list is always one
trick short (generator frames lead back to the real builtins). So only the syntax of
pure data transforms passes: names, literals, arithmetic, comparisons, comprehensions,
subscripts, a few harmless builtins and container/string methods. No function or class
definitions, no lambdas, generators, loops without a bound, imports or attribute tricks.

Builtins and methods may only be called (a type also named in isinstance, a few
functions passed as `key=`): as values they could be renamed or handed to another
call, which then runs them where no guard sees it (`abs = range`, `str.replace(s, ...)`,
`max([a], key=a.extend)`).
"""

from __future__ import annotations

import ast

ALLOWED_NODES: tuple[type[ast.AST], ...] = (
    ast.Module, ast.Expression, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr,
    ast.Delete, ast.If, ast.Pass, ast.Name, ast.Load, ast.Store, ast.Del, ast.Constant,
    ast.List, ast.Tuple, ast.Dict, ast.Set, ast.ListComp, ast.SetComp, ast.DictComp,
    ast.comprehension, ast.BoolOp, ast.And, ast.Or, ast.BinOp, ast.Add, ast.Sub, ast.Mult,
    ast.Div, ast.FloorDiv, ast.Mod, ast.UnaryOp, ast.Not, ast.USub, ast.UAdd, ast.Compare,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is,
    ast.IsNot, ast.IfExp, ast.Subscript, ast.Slice, ast.Call, ast.keyword, ast.Attribute,
    ast.JoinedStr, ast.FormattedValue,
)
ALLOWED_CALLS = frozenset({
    "len", "min", "max", "sorted", "sum", "any", "all", "int", "str", "float", "bool",
    "round", "abs", "list", "set", "dict", "tuple", "isinstance",
})
# What a script finds among its builtins (engine.scripting): the calls above, and the
# exception classes for isinstance. No range, map, filter, zip or enumerate: a lazy
# iterator lets a copy grow to any size before it can be weighed.
BUILTIN_NAMES = ALLOWED_CALLS | {"ValueError", "KeyError", "Exception"}
# Functions sorted/min/max may call per item: each makes at most a small multiple of it.
KEY_FUNCTIONS = frozenset({"len", "abs", "str", "int", "float", "bool", "round"})
# Bytes are not case data, and nothing a script makes of them is weighed.
REFUSED_NAMES = frozenset({"bytes", "bytearray", "memoryview", "range", "map", "filter",
                           "zip", "enumerate"})
ALLOWED_METHODS = frozenset({
    "get", "keys", "values", "items", "lower", "upper", "strip", "startswith", "endswith",
    "split", "join", "append", "extend", "count", "index", "isoformat", "replace",
})


def forbidden(tree: ast.AST) -> str | None:
    """The first construct outside the allow-list, named for the author; None if clean."""
    placed = _placed(tree)
    for node in ast.walk(tree):
        problem = _problem(node, placed)
        if problem is not None:
            return problem
    return None


def _problem(node: ast.AST, placed: set[int]) -> str | None:
    if not isinstance(node, ALLOWED_NODES):
        return type(node).__name__
    if isinstance(node, ast.Name):
        return _name_problem(node, placed)
    if isinstance(node, ast.Attribute):
        return _attribute_problem(node, placed)
    if isinstance(node, ast.Call) and not _allowed_call(node.func):
        return ast.unparse(node.func)
    if isinstance(node, ast.Constant) and isinstance(node.value, bytes):
        return "bytes (b'...')"
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice) \
            and not isinstance(node.ctx, ast.Load):
        return f"een deel van een lijst wijzigen ({ast.unparse(node)})"
    if isinstance(node, ast.Slice) and id(node) not in placed:
        return "een deel naast een andere index (x[a:b, c])"
    if isinstance(node, ast.ListComp | ast.SetComp | ast.DictComp) and len(
            node.generators) > 1:
        return "geneste comprehension"
    if isinstance(node, ast.FormattedValue) and _nested_spec(node):
        return "opmaak uit de gegevens ({x:{breedte}})"
    return None


def _placed(tree: ast.AST) -> set[int]:
    """The nodes standing where a builtin, a method or a slice may stand: a call's
    function, isinstance's types, a key function, a subscript's own slice."""
    placed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            placed.add(id(node.slice))
        if not isinstance(node, ast.Call):
            continue
        placed.add(id(node.func))
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name == "isinstance" and len(node.args) == 2:
            types = node.args[1]
            placed.update(id(t) for t in (types.elts if isinstance(types, ast.Tuple)
                                          else [types]))
        if name in ("sorted", "min", "max"):
            placed.update(id(k.value) for k in node.keywords if k.arg == "key"
                          and isinstance(k.value, ast.Name) and k.value.id in KEY_FUNCTIONS)
    return placed


def _name_problem(node: ast.Name, placed: set[int]) -> str | None:
    if node.id.startswith("_") or node.id in REFUSED_NAMES:
        return node.id
    if node.id not in BUILTIN_NAMES:
        return None
    if not isinstance(node.ctx, ast.Load):
        return f"toewijzing aan de ingebouwde naam {node.id}"
    if id(node) not in placed:
        return f"{node.id} als waarde (alleen aanroepen)"
    return None


def _attribute_problem(node: ast.Attribute, placed: set[int]) -> str | None:
    if node.attr not in ALLOWED_METHODS:
        return node.attr
    if isinstance(node.value, ast.Name) and node.value.id in BUILTIN_NAMES:
        return f"methode via het type ({ast.unparse(node)})"
    if id(node) not in placed:
        return f"methode als waarde ({ast.unparse(node)}, alleen aanroepen)"
    return None


def _nested_spec(node: ast.FormattedValue) -> bool:
    """A format spec computed from data (`{x:{width}}`) could ask for any width."""
    spec = node.format_spec
    return spec is not None and any(isinstance(part, ast.FormattedValue)
                                    for part in ast.walk(spec))


def _allowed_call(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in ALLOWED_CALLS
    return isinstance(func, ast.Attribute) and func.attr in ALLOWED_METHODS


def dmn_input_entry(text: str) -> str | None:
    """A DMN input cell as the expression it becomes ("-" matches anything: nothing to
    check); a leading comparison is applied to the input, `?` stands for the input."""
    text = text.strip()
    if text in ("", "-"):
        return None
    if "?" in text:
        return text.replace("?", "dmn_input")
    if text.startswith(("==", "!=", "<", ">", "in ", "not in ")):
        return f"dmn_input {text}"
    return text
