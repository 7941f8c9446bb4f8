"""Deploy-time checks the SpiffWorkflow parser does not make.

The parser accepts scripts, conditions and timer expressions that only fail when a
case reaches them, months later. Every expression is compiled here, held against the
allow-list and against the sizes it provably makes (`"x" * 10**9`, a format width of a
million), and files with a DOCTYPE or entities are refused before any parser could
expand them. Loops and multi-instance tasks are refused: no script guard bounds them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from lxml import etree
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition

from engine import script_compile, script_rules, script_sizes
from engine.errors import SpecError
from engine.limits import ScriptRefused

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
SPIFF = "{http://spiffworkflow.org/bpmn/schema/1.0/core}"
DMN_TAGS = ("inputExpression", "outputEntry")
_LOOPS = (f"{BPMN}multiInstanceLoopCharacteristics", f"{BPMN}standardLoopCharacteristics")
# A bare P8W is a (missing) variable to Python; the author meant the duration "P8W".
_ISO_LOOKALIKE = re.compile(r"^(R\d*/)?P(\d|T\d)")
_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def safe_parse(xml: bytes, filename: str) -> etree._Element:
    """Parse without entity expansion; refuse DOCTYPE and entity declarations outright."""
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(xml, parser=parser)
    except etree.XMLSyntaxError as err:
        raise SpecError(filename, None, f"geen geldige XML: {err}") from err
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        element = _entity_user(root) or "DOCTYPE"
        raise SpecError(filename, element, "DOCTYPE en XML-entiteiten zijn niet toegestaan")
    return root


def lint(root: etree._Element, filename: str) -> None:
    """Raise SpecError naming the first element whose expression does not compile."""
    for node in root.iter(*_LOOPS):
        # A loop's count comes from an expression (10**7 parallel tasks are gigabytes)
        # and the library makes its instances where no script guard runs.
        raise SpecError(filename, _owner_id(node),
                        "herhaalde taken (multi-instance of lus) zijn niet toegestaan")
    for element_id, source, mode, what in _expressions(root):
        _compile(filename, element_id, source, mode, what)


def _entity_user(root: etree._Element) -> str | None:
    for node in root.iter():
        if isinstance(node, etree._Entity):
            parent = node.getparent()
            while parent is not None and not parent.get("id"):
                parent = parent.getparent()
            return parent.get("id") if parent is not None else None
    return None


def _owner_id(node: etree._Element) -> str:
    while node is not None and not node.get("id"):
        node = node.getparent()
    return node.get("id") if node is not None else "?"


def _expressions(root: etree._Element) -> Iterator[tuple[str, str, str, str]]:
    for node in root.iter(f"{BPMN}script", f"{SPIFF}preScript", f"{SPIFF}postScript"):
        yield _owner_id(node), node.text or "", "exec", "script"
    for node in root.iter(f"{BPMN}conditionExpression"):
        yield _owner_id(node), node.text or "", "eval", "voorwaarde"
    for tag in ("timeDate", "timeDuration", "timeCycle"):
        for node in root.iter(f"{BPMN}{tag}"):
            yield _owner_id(node), node.text or "", "timer", "timer"
    for node in root.iter(f"{SPIFF}parameter"):
        yield _owner_id(node), node.get("value") or "", "eval", "parameter"
    for tag in DMN_TAGS:
        for node in root.iter(f"{{*}}{tag}"):
            text = node.findtext("{*}text") or ""
            if text.strip():
                yield _owner_id(node), text, "eval", "beslisregel"
    for node in root.iter("{*}inputEntry"):
        cell = script_rules.dmn_input_entry(node.findtext("{*}text") or "")
        if cell is not None:
            yield _owner_id(node), cell, "eval", "beslisregel"


def _compile(filename: str, element_id: str, source: str, mode: str, what: str) -> None:
    source = source.strip()
    if not source:
        raise SpecError(filename, element_id, f"lege {what}")
    parse_mode = "eval" if mode == "timer" else mode
    try:
        tree = ast.parse(source, f"<{element_id}>", parse_mode)
    except SyntaxError as err:
        raise SpecError(filename, element_id, f"{what} compileert niet: {err.msg}") from err
    except RecursionError as err:
        raise SpecError(filename, element_id, f"{what} is te diep genest") from err
    # Sizes first: `2 ** 10**8` says more as "a number of 100,000,001 bits" than as "Pow".
    problem = script_sizes.too_big(tree)
    if problem:
        raise SpecError(filename, element_id, f"{what} te groot: {problem}")
    forbidden = script_rules.forbidden(tree)
    if forbidden:
        raise SpecError(filename, element_id, f"{what} gebruikt {forbidden}: niet toegestaan")
    _compile_guarded(filename, element_id, source, parse_mode, what)
    if mode == "timer":
        _check_literal_timer(filename, element_id, source)


def _compile_guarded(filename: str, element_id: str, source: str, mode: str,
                     what: str) -> None:
    """Compile it as it will run, guards included, so no case finds out later."""
    try:
        script_compile.compiled(source, mode)
    except ScriptRefused as err:
        raise SpecError(filename, element_id, f"{what}: {err}") from err


def _check_literal_timer(filename: str, element_id: str, source: str) -> None:
    """A quoted literal ("P8W") is checked now; a variable is checked when it is set."""
    if _ISO_LOOKALIKE.match(source):
        raise SpecError(filename, element_id,
                        f"ongeldige timerwaarde {source}: zet ISO-waarden tussen aanhalingstekens")
    if not source.startswith(('"', "'")):
        return
    value = ast.literal_eval(source)
    try:
        TimerEventDefinition.parse_time_or_duration(value)
    except Exception as err:
        raise SpecError(filename, element_id, f"ongeldige timerwaarde {value!r}") from err
