"""Run-time bounds: what the lint cannot see (sizes that come from case data) is
stopped before it is made, and a command's scripts share one time and size allowance."""

from __future__ import annotations

import tracemalloc
from datetime import UTC, datetime

import pytest

from engine import (
    limits,
    script_collections,
    script_compile,
    script_guards,
    script_rules,
    script_texts,
)
from engine import workflow as wf_ops
from engine.errors import StepFailed
from engine.limits import ScriptLimitExceeded
from engine.scripting import SAFE_BUILTINS, ScriptEngine, ServiceEnvironment
from engine.specs import SpecSource, parse_bundle

BIG = 2**3000  # a number of 3,001 bits: its square is past the limit


def run(script: str, **data):
    with limits.command_limits():
        ServiceEnvironment(lambda *a: {}).execute(script, data)
    return data


@pytest.mark.parametrize(("script", "data", "words"), [
    ("s = text * n", {"text": "ab", "n": 10**6}, "herhaling tot 2.000.000 elementen"),
    ("s = n * text", {"text": "ab", "n": 10**9}, "herhaling tot 2.000.000.000 elementen"),
    ("s = [text] * n", {"text": "ab", "n": 10**9}, "herhaling tot 1.000.000.000 elementen"),
    ("s = [text] * n", {"text": "ab" * 1000, "n": 1000}, "herhaling tot meer dan 1.000.000"),
    ("s = text\ns *= n", {"text": "ab", "n": 10**9}, "herhaling tot 2.000.000.000"),
    ("p = n * n", {"n": BIG}, "getal van 6.001 bits (grens 4.096)"),
    ("p = n\np *= n", {"n": BIG}, "getal van 6.001 bits"),
    ("p = n * 3", {"n": 2**4095}, "getal van 4.097 bits"),
    ("p = a * b", {"a": 2**2048 - 1, "b": 2**2049 - 1}, "getal van 4.097 bits"),
    ("s = a + b", {"a": "x" * 600_000, "b": "y" * 600_000}, "samenvoeging van meer dan"),
    ("s = a + b", {"a": [0] * 600_000, "b": [1] * 600_000}, "samenvoeging van meer dan"),
    ("s = a\ns += b", {"a": [0] * 600_000, "b": [1] * 600_000}, "samenvoeging van meer dan"),
    ("s = sep.join(parts)", {"sep": "x" * 1000, "parts": ["a"] * 2000},
     "tekst van 2.001.000 tekens"),
    ("s = sep.join(text)", {"sep": "x" * 1000, "text": "a" * 2000}, "tekst van 2.001.000"),
    ("s = text.replace('a', new)", {"text": "a" * 1000, "new": "b" * 2000},
     "tekst van 2.000.000 tekens"),
    ("s = fmt % n", {"fmt": "%0999999d", "n": 1}, "opmaakbreedte 999999"),
    ("s = fmt % (n, 1)", {"fmt": "%*d", "n": 10**9}, "opmaakbreedte uit de gegevens"),
    ("s = '%s' % items", {"items": [["x" * 1000] * 1000] * 2}, "waarde van meer dan"),
    ("s = f'{items}'", {"items": [["x" * 1000] * 1000] * 2}, "waarde van meer dan"),
    ("s = str(items)", {"items": [["x" * 1000] * 1000] * 2}, "waarde van meer dan"),
    ("s = [a, a]", {"a": [0] * 600_000}, "lijst of verzameling van meer dan 1.000.000"),
    ("s = {'x': a, 'y': a}", {"a": [0] * 600_000}, "lijst of verzameling van meer dan"),
    ("s = dict(x=a, y=a)", {"a": [0] * 600_000}, "lijst of verzameling van meer dan"),
    ("s = [text for c in text]", {"text": "x" * 2000}, "lijst of verzameling van meer dan"),
    ("s = [c for c in items]", {"items": [0] * 1_000_001}, "comprehension over 1.000.001"),
    ("items.append(1)", {"items": [0] * 1_000_000}, "lijst van 1.000.001 elementen"),
    ("items.extend(items)", {"items": [0] * 600_000}, "lijst van 1.200.000 elementen"),
    ("x = round(n, -digits)", {"n": 5, "digits": 10**9}, "afronding op 1.000.000.000 cijfers"),
    ("x = sum(lists, [])", {"lists": [[0] * 1000] * 2000}, "som van lijsten met meer dan"),
    ("x = sum(lists, start=[])", {"lists": [[0] * 1000] * 2000}, "som van lijsten"),
    ("items = []\nitems.append(items)", {}, "waarde 'items' van meer dan 1.000.000"),
], ids=["text-repeat", "repeat-from-the-left", "list-repeat", "list-of-long-texts-repeat",
        "in-place-repeat", "integer-product", "in-place-product", "product-one-bit-over",
        "product-over-by-its-result",
        "text-concatenation", "list-concatenation", "in-place-concatenation", "join",
        "join-over-characters", "replace", "printf-width", "printf-star",
        "printf-of-big-value", "fstring-of-big-value", "str-of-big-value", "list-display",
        "dict-display", "dict-call", "comprehension-result", "comprehension-source",
        "append", "extend", "round", "sum-of-lists", "sum-of-lists-by-keyword", "cycle"])
def test_a_value_past_the_limit_is_refused_before_it_is_made(script, data, words):
    with pytest.raises(ScriptLimitExceeded) as caught:
        run(script, **data)
    assert "script te groot" in str(caught.value)
    assert words in str(caught.value)


def test_the_scripts_of_one_command_share_one_item_budget():
    script = "\n".join(f"s{i} = text * n" for i in range(6))  # 900,000 characters each
    with pytest.raises(ScriptLimitExceeded) as caught:
        run(script, text="x", n=900_000)
    assert "samen meer dan 5.000.000 elementen in één opdracht" in str(caught.value)


def test_a_slow_comprehension_is_stopped_at_the_deadline(monkeypatch):
    monkeypatch.setattr(limits, "TIME_LIMIT_SECONDS", 0.05)
    with pytest.raises(ScriptLimitExceeded) as caught:
        run("x = [items.count(c) for c in items]", items=list(range(50_000)))
    assert "script te traag: de tijdslimiet van 0.05 s per opdracht" in str(caught.value)


def test_a_command_past_its_deadline_runs_no_further_script(monkeypatch):
    monkeypatch.setattr(limits, "TIME_LIMIT_SECONDS", -1.0)  # already over when it starts
    with pytest.raises(ScriptLimitExceeded):
        run("x = 1")
    with limits.command_limits(), pytest.raises(ScriptLimitExceeded):
        ServiceEnvironment(lambda *a: {}).evaluate("x + 1", {"x": 1})


def test_only_time_inside_scripts_counts_against_the_command(monkeypatch):
    now = [0.0]
    monkeypatch.setattr(limits, "_REAL_CLOCK", (lambda: now[0],))
    environment = ServiceEnvironment(lambda *a: {})
    with limits.command_limits():
        now[0] += 60  # waiting for the lock, the database, a service task calling a register
        environment.execute("x = [c for c in text]", {"text": "abc"})
        with limits.ScriptTime():
            now[0] += limits.TIME_LIMIT_SECONDS  # a script that used up the command's time
        with pytest.raises(ScriptLimitExceeded) as caught:
            environment.evaluate("1 + 1", {})
    assert "script te traag" in str(caught.value)


def test_outside_a_command_every_call_gets_limits_of_its_own():
    environment = ServiceEnvironment(lambda *a: {})
    with pytest.raises(ScriptLimitExceeded):
        environment.execute("s = text * n", {"text": "x", "n": 10**9})
    with pytest.raises(ScriptLimitExceeded):
        environment.evaluate("len(text * n)", {"text": "x", "n": 10**9})
    assert environment.evaluate("len(text * n)", {"text": "x", "n": 10}) == 10


def test_ordinary_scripts_behave_as_plain_python():
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    data = run("""
alias = items
items += [4]
items *= 1
counts = {"a": 1}
counts["a"] += 2
text = "-".join([str(n) for n in items]) + "%03d" % 7 + f"{price:>8.2f}|{name!r}"
swapped = text.replace("-", "+").replace("0", "o", 1)
later = moment.replace(year=2030)
total = sum(items) + round(price, 1) + sum([0.5], 1)
pairs = {k: v for k, v in counts.items()}
unique = {n % 2 for n in items}
flat = sum([[1], [2]], [])
collected = []
collected.append(text)
collected.extend(["x", "y"])
product = 3 * 4 * price
a, b = 1, 2
left = 10
left -= 3
kinds = {name, "x"}
label = pattern % left + f"{items}" + str()
""", items=[1, 2, 3], price=2.5, name="Twente", moment=moment, pattern="%02d")
    assert data["alias"] is data["items"] == [1, 2, 3, 4]
    assert data["counts"] == {"a": 3}
    assert data["text"] == "1-2-3-4007    2.50|'Twente'"
    assert data["swapped"] == "1+2+3+4o07    2.50|'Twente'"
    assert data["later"] == moment.replace(year=2030)
    assert data["total"] == 10 + 2.5 + 1.5
    assert data["pairs"] == {"a": 3} and data["unique"] == {0, 1}
    assert data["flat"] == [1, 2] and data["collected"] == [data["text"], "x", "y"]
    assert (data["product"], data["a"], data["b"], data["left"]) == (30.0, 1, 2, 7)
    assert data["kinds"] == {"Twente", "x"} and data["label"] == "07[1, 2, 3, 4]"


@pytest.mark.parametrize(("script", "error"), [
    ("x = amount.join(['a'])", AttributeError),
    ("counts.append(1)", AttributeError),
    ("counts.extend([1])", AttributeError),
    ("x = [c for c in amount]", TypeError),
], ids=["join-on-a-number", "append-to-a-dict", "extend-a-dict", "iterate-a-number"])
def test_other_mistakes_keep_their_python_error(script, error):
    with pytest.raises(error):
        run(script, amount=5, counts={})


def test_a_source_provably_too_big_is_refused_before_it_runs():
    with pytest.raises(limits.ScriptRefused) as caught:
        run('x = "x" * 10**9')
    assert "script te groot" in str(caught.value)


def test_a_guard_outside_any_command_counts_against_an_allowance_of_its_own():
    with pytest.raises(ScriptLimitExceeded):
        script_guards.mul("x", 10**9)
    assert script_guards.mul("x", 3) == "xxx" and script_guards.mul("x", -1) == ""
    assert limits.weight([None, 1.5, "ab", {"k": (1,)}, {2}, {}.keys()]) == 6 + 2 + 3 + 1


PROCESS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  id="defs" targetNamespace="https://example.test/limits">
  <bpmn:process id="limits_probe" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first"/>
    <bpmn:scriptTask id="first"><bpmn:script>{first}</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second"/>
    <bpmn:scriptTask id="second"><bpmn:script>{second}</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


def run_process(first: str, second: str, **data) -> None:
    source = SpecSource("limits.bpmn", PROCESS.format(first=first, second=second).encode())
    spec, subs = parse_bundle([source]).spec_for("limits_probe")
    with wf_ops.command_scope("limits/probe", datetime(2026, 1, 1, tzinfo=UTC)):
        workflow = wf_ops.new_workflow(spec, subs, ScriptEngine(lambda *a: {}), data)
        wf_ops.run_steps(workflow, lambda _t: None)


def test_a_script_past_a_limit_fails_its_step_naming_the_task():
    with pytest.raises(StepFailed) as caught:
        run_process("x = 1", "s = text * n", text="ab", n=10**9)
    assert caught.value.task == "second"
    assert caught.value.reason == ("script te groot: herhaling tot 2.000.000.000 elementen "
                                   "(grens 1.000.000)")


def test_the_allowance_spans_every_script_of_the_command():
    def making(*names):  # 900,000 characters each
        return "\n".join(f"{name} = text * n" for name in names)

    run_process("x = 1", making("a", "b", "c"), text="x", n=900_000)
    with pytest.raises(StepFailed) as caught:
        run_process(making("a", "b", "c"), making("d", "e", "f"), text="x", n=900_000)
    assert caught.value.task == "second"
    assert "samen meer dan 5.000.000 elementen in één opdracht" in caught.value.reason


def test_each_command_gets_a_fresh_allowance():
    for _ in range(2):
        with limits.command_limits():
            limits.spend(limits.MAX_ITEMS_PER_COMMAND)


def test_a_limit_hit_outside_any_task_still_fails_the_step_by_process():
    class Stub:
        class spec:
            name = "limits_probe"

        def do_engine_steps(self, did_complete_task):
            raise ScriptLimitExceeded("script te groot: voorbeeld")

    with pytest.raises(StepFailed) as caught:
        wf_ops.run_steps(Stub(), lambda _t: None)
    assert caught.value.task == "limits_probe"
    assert caught.value.reason == "script te groot: voorbeeld"


@pytest.fixture
def small_budget(monkeypatch):
    """A command may make 10,000 items: a bomb is stopped after kilobytes, not gigabytes."""
    monkeypatch.setattr(limits, "MAX_ITEMS_PER_COMMAND", 10_000)


def peak_bytes(script: str, **data) -> tuple[int, ScriptLimitExceeded]:
    """The most memory the script held before it was stopped (compiled beforehand)."""
    script_compile.compiled(script, "exec")
    tracemalloc.start()
    try:
        with pytest.raises(ScriptLimitExceeded) as caught:
            run(script, **data)
        return tracemalloc.get_traced_memory()[1], caught.value
    finally:
        tracemalloc.stop()


@pytest.mark.usefixtures("small_budget")
@pytest.mark.parametrize("script", [
    "t = [s.upper() for i in items]", "t = [s.split('a') for i in items]",
    "t = [s.lower().strip() for i in items]", "t = [s[:] for i in items]",
    "t = [letters[1:] for i in items]", "t = {s.upper() + str(i) for i in items}",
    "t = {i: s.lower() for i in items}", "t = {s.upper() + str(i): i for i in items}",
    "t = [f'{s}{i}' for i in items]",
], ids=["upper", "split", "lower-strip", "text-slice", "list-slice", "set", "dict-value",
        "dict-key", "fstring"])
def test_each_element_a_comprehension_makes_is_counted_as_it_is_made(script):
    # The whole result would hold 100 texts or lists of 20,000: about 2 MB or more.
    peak, error = peak_bytes(script, s="ab" * 10_000, letters=list("ab" * 10_000),
                             items=list(range(100)))
    assert "samen meer dan 10.000 elementen in één opdracht" in str(error)
    assert peak < 500_000


@pytest.mark.usefixtures("small_budget")
@pytest.mark.parametrize(("script", "data"), [
    ("\n".join(f"c{i} = b[:]" for i in range(3)), {"b": [0] * 4000}),
    ("\n".join(f"c{i} = s[1:]" for i in range(3)), {"s": "x" * 4000}),
    ("\n".join(f"c{i} = s.split()" for i in range(3)), {"s": "x " * 2000}),
    ("\n".join(f"c{i} = s.upper()" for i in range(3)), {"s": "x" * 4000}),
    ("\n".join(f"c{i} = s.strip()" for i in range(3)), {"s": "x" * 4000}),
    ("\n".join(f"c{i} = 'x' * 4000" for i in range(3)), {}),
    ("t = f'{s}{s}{s}'", {"s": "x" * 4000}),
    ("t = d.keys() - []\nu = d.keys() - []\nv = d.keys() - []", {"d": dict.fromkeys(range(4000))}),
], ids=["list-slices", "text-slices", "split", "upper", "strip", "constant-repeats",
        "fstring-fields", "view-differences"])
def test_what_each_line_makes_counts_against_the_command(script, data):
    with pytest.raises(ScriptLimitExceeded) as caught:
        run(script, **data)
    assert "samen meer dan 10.000 elementen in één opdracht" in str(caught.value)


@pytest.mark.parametrize(("script", "data", "words"), [
    ("t = list(x)", {"x": [[0, 0]] * 400_000}, "kopie van meer dan 1.000.000 elementen"),
    ("t = sorted(x)", {"x": [[0, 0]] * 400_000}, "kopie van meer dan 1.000.000"),
    ("t = tuple(d.items())", {"d": dict.fromkeys(range(11), "x" * 100_000)}, "kopie van meer"),
    ("t = d.items() - []", {"d": dict.fromkeys(range(11), "x" * 100_000)},
     "verzameling van meer dan 1.000.000 elementen"),
    ("t = int(h, 16)", {"h": "f" * 1025}, "getal van 4.100 bits (grens 4.096)"),
    ("t = s.strip(c)", {"s": "ab", "c": "\u0101" * 101},
     "strip met 101 tekens om weg te halen (grens 100)"),
    ("t = fmt % d", {"fmt": "%(a)s" * 11, "d": {"a": "x" * 100_000}},
     "waarde van meer dan 1.000.000 elementen om als tekst te schrijven"),
    ("t = fmt % v", {"fmt": "%999d" * 1002, "v": (0,) * 1002}, "waarde van meer dan"),
    ("t = fmt % v", {"fmt": "%.999f" * 1002, "v": (0.5,) * 1002}, "waarde van meer dan"),
    ("t = sum(lists, [])", {"lists": [[0]] * 4000},
     "som die meer dan 5.000.000 elementen kopieert (grens 5.000.000)"),
    ("\n".join(f"a{i} = big" for i in range(6)), {"big": "x" * 900_000},
     "taakgegevens van samen meer dan 5.000.000 elementen"),
], ids=["list-copy", "sorted-copy", "copy-of-items", "difference-of-items", "int-of-hex",
        "strip-of-many-characters", "printf-naming-one-value-often", "printf-widths",
        "printf-precisions", "quadratic-sum", "one-value-under-many-names"])
def test_a_value_too_big_to_make_is_refused_before_it_is_made(script, data, words):
    with pytest.raises(ScriptLimitExceeded) as caught:
        run(script, **data)
    assert "script te groot" in str(caught.value)
    assert words in str(caught.value)


def test_a_copy_is_refused_before_it_is_made():
    # list(x) would hold 400,000 slots (3.2 MB) before it could be weighed.
    peak, error = peak_bytes("t = list(x)", x=[[0, 0]] * 400_000)
    assert "kopie van meer dan" in str(error)
    assert peak < 1_000_000


@pytest.mark.parametrize(("call", "words"), [
    (lambda: script_guards.mul(b"ab", 10**6), "herhaling tot 2.000.000 elementen"),
    (lambda: script_collections.copy("list", iter([1])), "kopie van een bron zonder lengte"),
    (lambda: script_texts.join(str, ["a"]), "methode via het type str"),
    (lambda: script_texts.replace(str, "a", "b"), "methode via het type str"),
    (lambda: script_collections.extend(list, [1]), "methode via het type list"),
    (lambda: script_texts.mod("%(a(b))s", {"a(b)": 1}), "haakjes in een sleutel"),
], ids=["bytes-repeat", "unsized-copy", "join-on-a-type", "replace-on-a-type",
        "extend-on-a-type", "printf-nested-key"])
def test_the_guards_refuse_what_the_allow_list_keeps_out_all_the_same(call, words):
    with pytest.raises(ScriptLimitExceeded) as caught:
        call()
    assert words in str(caught.value)


def test_a_script_has_only_the_builtins_the_allow_list_knows():
    assert set(SAFE_BUILTINS) == script_rules.BUILTIN_NAMES
    assert not {"range", "map", "filter", "zip", "enumerate"} & set(SAFE_BUILTINS)


@pytest.mark.parametrize("script", [
    "s = set(items)", "d = dict(pairs)", "s = view - items", "s = items - view"])
def test_hashing_a_copy_checks_the_clock_at_every_item(monkeypatch, script):
    """Numbers that share one hash cost a probe per earlier item: a million of them in
    one set() would take hours, so a copy that hashes is timed like a comprehension."""
    now = [0.0]

    def ticking_clock():
        now[0] += 0.001  # every reading of the clock costs a millisecond
        return now[0]

    monkeypatch.setattr(limits, "_REAL_CLOCK", (ticking_clock,))
    items = list(range(10_000))
    data = {"items": items, "pairs": [(i, i) for i in items], "view": {}.keys()}
    run("s = list(items)", **data)  # a copy that hashes nothing reads the clock once
    with pytest.raises(ScriptLimitExceeded) as caught:
        run(script, **data)
    assert "script te traag" in str(caught.value)


def test_a_long_script_stops_at_its_deadline_between_statements(monkeypatch):
    now = [0.0]

    def slow_clock():
        now[0] += 1.0  # as if every statement took a second
        return now[0]

    monkeypatch.setattr(limits, "_REAL_CLOCK", (slow_clock,))
    data = {}
    with pytest.raises(ScriptLimitExceeded) as caught:
        run("a = 1\nb = 2\nif a:\n    c = 3\n    d = 4\ne = 5", **data)
    assert "script te traag" in str(caught.value)


def test_ordinary_uses_of_the_guarded_operations_behave_as_plain_python():
    data = run("""
first = items[1:3] + items[::-1][:1] + list(text[:2])
kinds = sorted(names, key=len) + [min(items, key=abs), max(names, key=str)]
checks = [isinstance(price, (int, float)), isinstance(text, str)]
unique = set(items) - {3}
rest = sorted(counts.keys() - ["a"]) + sorted(counts.items() - [("b", 2)])
left = {1, 2, 3}
left -= {2}
mapping = dict(pairs) if pairs else {}
cleaned = text.strip(" -").upper().lower().split("-")
number = int("12") + int("ff", 16) + int(2.5)
label = "%(name)s: %(price).2f %%" % {"name": text.strip(), "price": price}
sizes = {k: v * 2 for k, v in counts.items() if v > 1}
flat = sum([[1], [2]], [])
""", items=[3, -1, 2], names=["ccc", "a", "bb"], price=2.5, text=" a-b ",
        counts={"a": 1, "b": 2}, pairs=[("x", 1)])
    assert data["first"] == [-1, 2, 2, " ", "a"]
    assert data["kinds"] == ["a", "bb", "ccc", -1, "ccc"]
    assert data["checks"] == [True, True]
    assert data["unique"] == {-1, 2} and data["left"] == {1, 3}
    assert data["rest"] == ["b", ("a", 1)]
    assert data["mapping"] == {"x": 1}
    assert data["cleaned"] == ["a", "b"]
    assert data["number"] == 12 + 255 + 2
    assert data["label"] == "a-b: 2.50 %"
    assert data["sizes"] == {"b": 4} and data["flat"] == [1, 2]
