"""Deploy-time checks: what the SpiffWorkflow parser lets through, we refuse with a name."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from engine.errors import SpecError
from engine.specs import SpecSource, parse_bundle

BPMN_DIR = Path(__file__).resolve().parents[3] / "bpmn"

TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
{doctype}<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  id="defs" targetNamespace="https://example.test/lint">
  <bpmn:process id="lint_probe" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to_gateway" sourceRef="start" targetRef="gateway"/>
    <bpmn:exclusiveGateway id="gateway" default="flow_default"/>
    <bpmn:sequenceFlow id="flow_condition" sourceRef="gateway" targetRef="script">
      <bpmn:conditionExpression>{condition}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="flow_default" sourceRef="gateway" targetRef="wait"/>
    <bpmn:scriptTask id="script"><bpmn:script>{script}</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="to_end" sourceRef="script" targetRef="end"/>
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:timerEventDefinition><bpmn:timeDuration>{timer}</bpmn:timeDuration>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="wait_to_end" sourceRef="wait" targetRef="merge"/>
    <bpmn:exclusiveGateway id="merge"/>
    <bpmn:sequenceFlow id="merge_to_end" sourceRef="merge" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


def probe(*, condition: str = "amount &gt; 10", script: str = "total = amount * 2",
          timer: str = '"P8W"', doctype: str = "") -> SpecSource:
    xml = TEMPLATE.format(condition=condition, script=script, timer=timer, doctype=doctype)
    return SpecSource("probe.bpmn", xml.encode())


def test_a_well_formed_probe_deploys():
    bundle = parse_bundle([probe()])
    assert "lint_probe" in bundle.processes


@pytest.mark.parametrize(("kwargs", "element", "words"), [
    ({"condition": "amount &gt;"}, "flow_condition", "voorwaarde compileert niet"),
    ({"script": "total = = 2"}, "script", "script compileert niet"),
    ({"timer": "P8W"}, "wait", "ongeldige timerwaarde"),
    ({"timer": '"P8X"'}, "wait", "ongeldige timerwaarde"),
    ({"script": "import os"}, "script", "Import"),
    ({"script": "x = ().__class__"}, "script", "__class__"),
    ({"script": "x = open('/etc/passwd')"}, "script", "open"),
    ({"script": "gen = (f for f in [1])\nx = gen.gi_frame"}, "script", "GeneratorExp"),
    ({"script": "def g():\n    yield 1"}, "script", "FunctionDef"),
    ({"script": "f = lambda: 1"}, "script", "Lambda"),
    ({"script": "while True:\n    pass"}, "script", "While"),
    ({"script": "x = getattr(amount, 'real')"}, "script", "getattr"),
    ({"script": "x = amount.real"}, "script", "real"),
    ({"script": "x = 2 ** 64"}, "script", "Pow"),
    ({"condition": "__import__('os').system('id')"}, "flow_condition", "__import__"),
], ids=["condition-syntax", "script-syntax", "unquoted-timer", "bad-duration", "import",
        "dunder", "open", "generator-frame", "def", "lambda", "while", "getattr",
        "unknown-attribute", "power", "dunder-call-in-condition"])
def test_deploy_refuses_broken_expressions_naming_the_element(kwargs, element, words):
    with pytest.raises(SpecError) as caught:
        parse_bundle([probe(**kwargs)])
    assert caught.value.element == element
    assert words in str(caught.value)
    assert "probe.bpmn" in str(caught.value)


def test_deploy_refuses_an_xml_entity_naming_the_element_that_uses_it():
    doctype = '<!DOCTYPE bpmn:definitions [<!ENTITY big "amount &gt; 10">]>\n'
    with pytest.raises(SpecError) as caught:
        parse_bundle([probe(doctype=doctype, condition="&big;")])
    assert caught.value.element == "flow_condition"
    assert "DOCTYPE en XML-entiteiten zijn niet toegestaan" in str(caught.value)


def test_deploy_refuses_a_doctype_even_without_entities():
    with pytest.raises(SpecError) as caught:
        parse_bundle([probe(doctype="<!DOCTYPE bpmn:definitions>\n")])
    assert caught.value.element == "DOCTYPE"


def test_deploy_refuses_a_file_that_is_not_xml():
    with pytest.raises(SpecError) as caught:
        parse_bundle([SpecSource("broken.bpmn", b"<bpmn:definitions")])
    assert "geen geldige XML" in str(caught.value)


def test_the_shipped_procedure_passes_the_lint():
    sources = [SpecSource(p.name, p.read_bytes()) for p in sorted(BPMN_DIR.iterdir())]
    bundle = parse_bundle(sources)
    assert {"admission", "admission_procedure", "integrity", "quality", "contract",
            "bridging"} <= set(bundle.processes)


def test_a_bundle_is_addressed_by_its_content():
    first = parse_bundle([probe()])
    again = parse_bundle([probe()])
    other = parse_bundle([probe(script="total = amount * 3")])
    assert first.sha256 == again.sha256 != other.sha256


DMN = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d"
  namespace="https://example.test/dmn">
  <decision id="probe_decision" name="probe">
    <decisionTable id="probe_table" hitPolicy="UNIQUE">
      <input id="in_1" label="a"><inputExpression id="ie_1" typeRef="integer">
        <text>amount</text></inputExpression></input>
      <output id="out_1" label="r" name="risk" typeRef="string"/>
      <rule id="rule_1"><inputEntry id="cell_1"><text>{cell}</text></inputEntry>
        <outputEntry id="result_1"><text>"low"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>
"""


@pytest.mark.parametrize("cell", ["-", "== 0", "? >= 1 and ? <= 2", ">= 3", "True", '"x"'])
def test_ordinary_dmn_cells_pass(cell):
    parse_bundle([SpecSource("probe.dmn", DMN.format(cell=escape(cell)).encode())])


def test_a_dmn_cell_that_imports_is_refused_naming_the_cell():
    source = SpecSource("probe.dmn", DMN.format(cell="__import__('os').system('id')").encode())
    with pytest.raises(SpecError) as caught:
        parse_bundle([source])
    assert caught.value.element == "cell_1"


LOOPED = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  id="defs" targetNamespace="https://example.test/loop">
  <bpmn:process id="loop_probe" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="repeated"/>
    <bpmn:scriptTask id="repeated">{loop}<bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="f2" sourceRef="repeated" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.mark.parametrize("loop", [
    '<bpmn:multiInstanceLoopCharacteristics isSequential="false"><bpmn:loopCardinality>'
    "10000000</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>",
    "<bpmn:standardLoopCharacteristics/>",
], ids=["multi-instance", "standard-loop"])
def test_deploy_refuses_a_repeated_task_whose_count_no_guard_bounds(loop):
    source = SpecSource("loop.bpmn", LOOPED.format(loop=loop).encode())
    with pytest.raises(SpecError) as caught:
        parse_bundle([source])
    assert caught.value.element == "repeated"
    assert "herhaalde taken (multi-instance of lus) zijn niet toegestaan" in str(caught.value)
