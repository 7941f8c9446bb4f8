"""Deploy-time size checks: what a script provably makes too big is refused by name."""

from __future__ import annotations

import ast
from xml.sax.saxutils import escape

import pytest

from engine.errors import SpecError
from engine.script_sizes import too_big
from engine.specs import SpecSource, parse_bundle
from tests.unit.engine.test_lint import DMN, probe


@pytest.mark.parametrize(("kwargs", "element", "words"), [
    ({"script": 'x = "x" * 10**9'}, "script",
     "script te groot: tekst of lijst van 1.000.000.000 elementen (grens 1.000.000)"),
    ({"script": "x = [0] * (10**5 * 10**5)"}, "script", "lijst van 10.000.000.000 elementen"),
    ({"script": 'x = "ab" * 10**5 * 10**5'}, "script", "20.000.000.000 elementen"),
    ({"script": 'x = "a" * 600000 + "b" * 600000'}, "script", "1.200.000 elementen"),
    ({"script": "x = 2 ** 10**8"}, "script", "getal van ongeveer 100.000.001 bits (grens 4.096)"),
    ({"script": "x = 7 ** 4000"}, "script", "getal van ongeveer 8.001 bits"),
    ({"script": "x = 1 &lt;&lt; 10**8"}, "script", "getal van ongeveer 100.000.001 bits"),
    ({"script": "x = (2 * 10**1000) * 10**1000"}, "script", "bits (grens 4.096)"),
    ({"script": "x = amount * 100000"}, "script", "herhaling groter dan 10.000"),
    ({"script": "x = -100000 * amount"}, "script", "herhaling groter dan 10.000"),
    ({"script": 'x = f"{amount:>999999999}"'}, "script", "opmaakbreedte 999999999 (grens 1.000)"),
    ({"script": 'x = f"{amount:.5000f}"'}, "script", "opmaakbreedte 5000"),
    ({"script": 'x = f"{amount:{width}}"'}, "script", "opmaak uit de gegevens"),
    ({"script": 'x = "%0999999d" % amount'}, "script", "opmaakbreedte 999999"),
    ({"script": 'x = "%.2000f" % amount'}, "script", "opmaakbreedte 2000"),
    ({"script": 'x = "%*d" % (width, amount)'}, "script", "opmaakbreedte uit de gegevens (%*)"),
    ({"script": 'x = "%' + "9" * 5000 + 'd" % amount'}, "script", "opmaakbreedte 9999"),
    ({"condition": 'len("x" * 10**9) &gt; 0'}, "flow_condition", "voorwaarde te groot"),
    ({"timer": '"P" + "1" * 10**7 + "D"'}, "wait", "timer te groot"),
    ({"script": "x = " + "-" * 900 + "1"}, "script", "te diep genest"),
    ({"script": "x = " + "-" * 5000 + "1"}, "script", "te diep genest"),
], ids=["string-repeat", "list-repeat-of-product", "repeat-of-repeat", "concatenation",
        "power", "power-of-seven", "left-shift", "big-product", "unknown-times-big",
        "big-times-unknown", "fstring-width", "fstring-precision", "fstring-nested-spec",
        "printf-width", "printf-precision", "printf-star", "printf-width-of-5000-digits",
        "condition", "timer", "nested-for-the-guards", "nested-for-the-parser"])
def test_deploy_refuses_what_is_provably_too_big_naming_the_element(kwargs, element, words):
    with pytest.raises(SpecError) as caught:
        parse_bundle([probe(**kwargs)])
    assert caught.value.element == element
    assert words in str(caught.value)
    assert "probe.bpmn" in str(caught.value)


@pytest.mark.parametrize("script", [
    'x = "-" * 40', "x = [0] * 100", "x = 2 * 10 * amount", 'x = "-" * 20000',
    'x = f"{amount:>10.2f}"', 'x = "%05d" % amount', "x = amount * 100", "x = -amount",
    "x = (7 - 2) * amount // 3 % 2", "x = amount / 0 if amount else 0",
    "x = [amount, 1] * 3 + [2]", 'x = f"{amount!r:>{0}}"'.replace("{0}", "10"),
])
def test_ordinary_sizes_pass(script):
    parse_bundle([probe(script=script)])


def test_powers_stay_outside_the_allow_list_when_they_are_small():
    with pytest.raises(SpecError) as caught:
        parse_bundle([probe(script="x = 2 ** 64")])
    assert "gebruikt Pow: niet toegestaan" in str(caught.value)


def test_a_dmn_cell_that_is_provably_too_big_is_refused_naming_the_cell():
    cell = escape('== "x" * 10**9')
    with pytest.raises(SpecError) as caught:
        parse_bundle([SpecSource("probe.dmn", DMN.format(cell=cell).encode())])
    assert caught.value.element == "cell_1"
    assert "beslisregel te groot" in str(caught.value)


def test_a_script_cannot_name_a_guard_or_nest_comprehensions():
    for script, words in [("x = _guard_mul(amount, 10)", "_guard_mul"),
                          ("x = _guard_mul", "_guard_mul"),
                          ("x = [a for a in amount for b in amount]", "geneste comprehension")]:
        with pytest.raises(SpecError) as caught:
            parse_bundle([probe(script=script)])
        assert f"gebruikt {words}: niet toegestaan" in str(caught.value)


@pytest.mark.parametrize(("source", "problem"), [
    ("x = 1 << 12 << 4090", "getal van ongeveer 4.103 bits"),
    ("x = 3 * [0] * 10**6", "tekst of lijst van 3.000.000 elementen"),
    ("x = 2 ** -1 * 3", None),
    ("x = (1 ** 10**9 + 1) * [0] * 10**6", "tekst of lijst van 2.000.000"),
    ("x = 0 ** 10**9 * [0] + (-1) ** 10**9 * [0]", None),
    ("x = (10**6 + 1) * [0]", "1.000.001 elementen"),
    ("x = (10**6 - 1) * [0] + [1, 2]", "1.000.001 elementen"),
    ("x = (10**7 // 5) * [0]", "2.000.000 elementen"),
    ("x = ((10**7 + 1) % 9000000) * [0]", "1.000.001 elementen"),
    ("x = (1 // 0) * [0] + (1 % 0) * [0] + (3 / 2) * [0] + (1 >> 2) * [0]", None),
    ("x = 1.5 * 2 + -amount * 3", None),
], ids=["shift", "repeat-from-the-left", "negative-power", "power-of-minus-one",
        "power-of-zero", "sum", "difference", "floor-division", "remainder",
        "nothing-to-fold", "floats-and-names"])
def test_constant_folding(source, problem):
    found = too_big(ast.parse(source))
    assert found == problem or (problem is not None and problem in (found or ""))


@pytest.mark.parametrize(("script", "words"), [
    ("x = b'x' * amount", "bytes (b'...')"),
    ("x = bytearray(amount)", "bytearray"),
    ("x = memoryview", "memoryview"),
    ("a = [0] * 10\na[:0] = a", "een deel van een lijst wijzigen (a[:0])"),
    ("a = [0] * 10\na[1:] += a", "een deel van een lijst wijzigen (a[1:])"),
    ("a = [0] * 10\ndel a[::2]", "een deel van een lijst wijzigen (a[::2])"),
    ("x = amount[1:2, 3]", "een deel naast een andere index (x[a:b, c])"),
    ("abs = len\nx = abs(amount)", "toewijzing aan de ingebouwde naam abs"),
    ("x = [1 for sum in amount]", "toewijzing aan de ingebouwde naam sum"),
    ("max = 1\nmax += amount", "toewijzing aan de ingebouwde naam max"),
    ("del str", "toewijzing aan de ingebouwde naam str"),
    ("x = tuple(range(amount))", "range"),
    ("x = list(map(str, amount))", "map"),
    ("x = dict(zip(amount, amount))", "zip"),
    ("x = [i for i in enumerate(amount)]", "enumerate"),
    ("x = list(filter(None, amount))", "filter"),
    ("f = len", "len als waarde (alleen aanroepen)"),
    ("x = {'f': sorted}", "sorted als waarde"),
    ("x = sorted(amount, key=sorted)", "sorted als waarde"),
    ("x = dict(key=len)", "len als waarde"),
    ("x = str.replace(amount, 'a', amount)", "methode via het type (str.replace)"),
    ("x = str.join(',', amount)", "methode via het type (str.join)"),
    ("x = []\nlist.extend(x, x)", "methode via het type (list.extend)"),
    ("f = amount.append", "methode als waarde (amount.append, alleen aanroepen)"),
    ("x = max([amount], key=amount.extend)", "methode als waarde (amount.extend"),
    ("x = sorted(amount, key=','.join)", "methode als waarde"),
], ids=["bytes-literal", "bytearray", "memoryview", "slice-assignment",
        "slice-augmented-assignment", "slice-deletion", "two-slices", "rebound-builtin",
        "builtin-as-comprehension-target", "builtin-augmented", "builtin-deleted", "range",
        "map", "zip", "enumerate", "filter", "builtin-as-value", "builtin-in-a-display",
        "copy-as-key", "builtin-as-keyword", "method-through-the-type",
        "join-through-the-type", "extend-through-the-type", "method-as-value",
        "method-as-key", "join-as-key"])
def test_deploy_refuses_what_would_escape_the_run_time_guards(script, words):
    with pytest.raises(SpecError) as caught:
        parse_bundle([probe(script=escape(script))])
    assert caught.value.element == "script"
    assert f"script gebruikt {words}" in str(caught.value)
    assert "niet toegestaan" in str(caught.value)


@pytest.mark.parametrize("script", [
    "x = sorted(amount, key=len)", "x = min(amount, key=abs)", "x = max(amount, key=str)",
    "x = isinstance(amount, (int, float)) or isinstance(amount, str)", "x = amount[1:3]",
    "x = amount[::-1]", "x = amount[2]", "x = str(amount).strip(' ').upper()",
    "x = dict(a=amount)", "x = 'x' * 40 + '-'.join(['a', 'b'])",
])
def test_builtins_and_methods_pass_where_they_are_called(script):
    parse_bundle([probe(script=escape(script))])
