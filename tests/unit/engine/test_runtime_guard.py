"""What the deploy-time lint cannot see is checked again when it runs."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape

import pytest

from engine import workflow as wf_ops
from engine.errors import StepFailed
from engine.scripting import ScriptEngine
from engine.specs import SpecSource, parse_bundle

ESCAPE = ("[*(g := (g.gi_frame.f_back.f_globals['__builtins__']['open']('/etc/hostname')"
          ".read() for _ in [1]))]")
PROCESS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
  id="defs" targetNamespace="https://example.test/guard">
  <bpmn:message id="msg" name="probe_message"/>
  <bpmn:process id="guard_probe" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="throw"/>
    <bpmn:intermediateThrowEvent id="throw">
      <bpmn:messageEventDefinition id="throw_def" messageRef="msg">
        <bpmn:extensionElements>
          <spiffworkflow:messagePayload>{payload}</spiffworkflow:messagePayload>
        </bpmn:extensionElements>
      </bpmn:messageEventDefinition>
    </bpmn:intermediateThrowEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="throw" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


def run(payload: str) -> None:
    source = SpecSource("guard.bpmn", PROCESS.format(payload=escape(payload)).encode())
    spec, subs = parse_bundle([source]).spec_for("guard_probe")
    with wf_ops.command_scope(f"guard/{payload}", datetime(2026, 1, 1, tzinfo=UTC)):
        workflow = wf_ops.new_workflow(spec, subs, ScriptEngine(lambda *a: {}), {"x": 1})
        wf_ops.run_steps(workflow, lambda _t: None)


def test_an_ordinary_payload_runs():
    run('{"x": x}')


def test_a_sandbox_escape_in_a_payload_is_stopped_when_it_would_run():
    with pytest.raises(StepFailed) as caught:
        run(ESCAPE)
    assert "niet toegestaan" in caught.value.reason
