"""Scripts and expressions compiled once, checked and rewritten to run within limits.

Each source is parsed, held against the allow-list (engine.script_rules) and the
provable sizes (engine.script_sizes), then rewritten so that every operation that can
make something big calls a guard from engine.script_guards (a slice, a copy, each
element of a comprehension included), every statement first checks the deadline, and
compiled; the code is cached by source. The guard names start with `_guard_`, which the
allow-list refuses in a source, so a script cannot call or redefine them.

Why our own rewrite and not a maintained library: RestrictedPython hooks attribute and
item access, writes and the iteration of comprehensions (`_getiter_`), but lets every
binary operator and f-string through unchanged, so `"x" * n` stays unbounded; it would
add a second access policy on top of our allow-list and still need these guards.
simpleeval does cap sizes (MAX_STRING_LENGTH, MAX_POWER, MAX_COMPREHENSION_LENGTH, as
process-wide globals) but evaluates single expressions only, while SpiffWorkflow executes
scripts as statements, and it interprets the tree anew on every call, with no time limit.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Sequence
from functools import lru_cache
from types import CodeType

from engine import script_rules, script_sizes
from engine.limits import ScriptRefused

_BINOP_GUARDS: dict[type[ast.operator], str] = {
    ast.Mult: "_guard_mul", ast.Add: "_guard_add", ast.Sub: "_guard_sub", ast.Mod: "_guard_mod"}
_AUGASSIGN_GUARDS: dict[type[ast.operator], str] = {
    ast.Mult: "_guard_imul", ast.Add: "_guard_iadd", ast.Sub: "_guard_isub",
    ast.Mod: "_guard_mod"}
_METHOD_GUARDS = {"join": "_guard_join", "replace": "_guard_replace", "strip": "_guard_strip",
                  "append": "_guard_append", "extend": "_guard_extend"}
_MAKING_METHODS = frozenset({"lower", "upper", "split"})  # weighed once made
_CALL_GUARDS = {"str": "_guard_str", "int": "_guard_int", "round": "_guard_round",
                "sum": "_guard_sum"}
_COPIES = frozenset({"list", "tuple", "set", "dict", "sorted"})
FILENAME = "<string>"  # SpiffWorkflow finds the failing line by this frame name


def check(tree: ast.AST) -> None:
    """Refuse what the allow-list forbids or what is provably too big."""
    problem = script_sizes.too_big(tree)
    if problem is not None:
        raise ScriptRefused(f"script te groot: {problem}")
    found = script_rules.forbidden(tree)
    if found is not None:
        raise ScriptRefused(f"niet toegestaan in een script of expressie: {found}")


@lru_cache(maxsize=4096)
def compiled(source: str, mode: str) -> CodeType:
    """The checked, guarded code of a script (`exec`) or expression (`eval`)."""
    try:
        tree = ast.parse(source, FILENAME, mode)
        check(tree)
        return compile(ast.fix_missing_locations(_Guard().visit(tree)), FILENAME, mode)
    except RecursionError as err:
        raise ScriptRefused("te diep genest om veilig uit te voeren") from err


def _call(name: str, node: ast.AST, *args: ast.expr,
          keywords: list[ast.keyword] | None = None) -> ast.Call:
    call = ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=list(args),
                    keywords=keywords or [])
    return ast.copy_location(call, node)


def _constant(*nodes: ast.expr | None) -> bool:
    return all(isinstance(node, ast.Constant) for node in nodes)


class _Guard(ast.NodeTransformer):
    """Routes each operation that can make something big through its guard."""

    def visit_Module(self, node: ast.Module) -> ast.Module:
        self.generic_visit(node)
        node.body = _ticked(node.body)
        return node

    def visit_If(self, node: ast.If) -> ast.If:
        self.generic_visit(node)
        node.body, node.orelse = _ticked(node.body), _ticked(node.orelse)
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        # Constants too: script_sizes sized each, but the command's budget counts them.
        self.generic_visit(node)
        guard = _BINOP_GUARDS.get(type(node.op))
        return node if guard is None else _call(guard, node, node.left, node.right)

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.stmt:
        self.generic_visit(node)
        guard = _AUGASSIGN_GUARDS.get(type(node.op))
        if guard is None:
            return node
        current = _as_load(node.target)
        value = _call(guard, node, current, node.value)
        return ast.copy_location(ast.Assign(targets=[node.target], value=value), node)

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _METHOD_GUARDS:
            return _call(_METHOD_GUARDS[func.attr], node, func.value, *node.args,
                         keywords=node.keywords)
        if isinstance(func, ast.Attribute) and func.attr in _MAKING_METHODS:
            return _call("_guard_made", node, node)
        if isinstance(func, ast.Name) and func.id in _CALL_GUARDS:
            return _call(_CALL_GUARDS[func.id], node, *node.args, keywords=node.keywords)
        if isinstance(func, ast.Name) and func.id in _COPIES:
            kind = ast.copy_location(ast.Constant(func.id), func)
            return _call("_guard_copy", node, kind, *node.args, keywords=node.keywords)
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.expr:
        self.generic_visit(node)
        part = node.slice
        if not (isinstance(node.ctx, ast.Load) and isinstance(part, ast.Slice)):
            return node
        bounds = [_or_none(bound, node) for bound in (part.lower, part.upper, part.step)]
        return _call("_guard_slice", node, node.value, *bounds)

    def visit_List(self, node: ast.List) -> ast.expr:
        return self._display(node, node.elts, isinstance(node.ctx, ast.Load))

    def visit_Tuple(self, node: ast.Tuple) -> ast.expr:
        return self._display(node, node.elts, isinstance(node.ctx, ast.Load))

    def visit_Set(self, node: ast.Set) -> ast.expr:
        return self._display(node, node.elts, True)

    def visit_Dict(self, node: ast.Dict) -> ast.expr:
        return self._display(node, [*node.keys, *node.values], True)

    def _display(self, node: ast.expr, parts: Sequence[ast.expr | None], load: bool) -> ast.expr:
        """A literal of constants is sized by the source; one holding values is weighed:
        `[a, a]` repeated over a few lines doubles each time."""
        self.generic_visit(node)
        if not load or _constant(*parts):
            return node
        return _call("_guard_made", node, node)

    def visit_ListComp(self, node: ast.ListComp) -> ast.expr:
        return self._comprehension(node)

    def visit_SetComp(self, node: ast.SetComp) -> ast.expr:
        return self._comprehension(node)

    def visit_DictComp(self, node: ast.DictComp) -> ast.expr:
        return self._comprehension(node)

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.DictComp) -> ast.expr:
        self.generic_visit(node)
        for generator in node.generators:
            generator.iter = _call("_guard_iter", generator.iter, generator.iter)
        # Each element is weighed as it is made: `[s.upper() for i in items]` would
        # otherwise hold gigabytes before its result could be weighed.
        if isinstance(node, ast.DictComp):
            node.key = _call("_guard_made", node.key, node.key)
            node.value = _call("_guard_made", node.value, node.value)
        else:
            node.elt = _call("_guard_made", node.elt, node.elt)
        return _call("_guard_collected", node, node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.expr:
        # Only the field values are rewritten: a format spec must stay a plain JoinedStr.
        fields = [v for v in node.values if isinstance(v, ast.FormattedValue)]
        for field in fields:
            field.value = _call("_guard_fmt", field.value, self.visit(field.value))
        return _call("_guard_made", node, node) if fields else node


def _ticked(statements: list[ast.stmt]) -> list[ast.stmt]:
    """Each statement preceded by a check of the deadline: no line starts after it."""
    ticked: list[ast.stmt] = []
    for statement in statements:
        ticked += [ast.copy_location(ast.Expr(_call("_guard_tick", statement)), statement),
                   statement]
    return ticked


def _or_none(bound: ast.expr | None, node: ast.AST) -> ast.expr:
    return bound if bound is not None else ast.copy_location(ast.Constant(None), node)


def _as_load(target: ast.expr) -> ast.expr:
    """The target of `x += y` read back: x, d[k] or o.a (pure, so reading twice is safe)."""
    value = copy.deepcopy(target)
    for node in ast.walk(value):
        if hasattr(node, "ctx"):
            node.ctx = ast.Load()
    return value
