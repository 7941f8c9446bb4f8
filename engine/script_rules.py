"""What a BPMN script or expression may contain: an allow-list, not a deny-list.

Scripts run with plain exec (SpiffWorkflow has no sandbox), and a deny-list is always one
trick short (generator frames lead back to the real builtins). So only the syntax of
pure data transforms passes: names, literals, arithmetic, comparisons, comprehensions,
subscripts, a few harmless builtins and container/string methods. No function or class
definitions, no lambdas, generators, loops without a bound, imports or attribute tricks.
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
ALLOWED_METHODS = frozenset({
    "get", "keys", "values", "items", "lower", "upper", "strip", "startswith", "endswith",
    "split", "join", "append", "extend", "count", "index", "isoformat", "replace",
})


def forbidden(tree: ast.AST) -> str | None:
    """The first construct outside the allow-list, named for the author; None if clean."""
    for node in ast.walk(tree):
        if not isinstance(node, ALLOWED_NODES):
            return type(node).__name__
        if isinstance(node, ast.ListComp | ast.SetComp | ast.DictComp) and len(
                node.generators) > 1:
            return "geneste comprehension"
        if isinstance(node, ast.FormattedValue) and _nested_spec(node):
            return "opmaak uit de gegevens ({x:{breedte}})"
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            return node.id
        if isinstance(node, ast.Attribute) and node.attr not in ALLOWED_METHODS:
            return node.attr
        if isinstance(node, ast.Call) and not _allowed_call(node.func):
            return ast.unparse(node.func)
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
