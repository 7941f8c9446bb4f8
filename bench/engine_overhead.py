"""Time per task completion: our engine layer against raw SpiffWorkflow, same diagram.

Raw SpiffWorkflow: deserialize the full JSON, run the task, do_engine_steps, serialize.
Ours: engine.commands.execute on a SQLite file: lock the case, load the instance-only
state with the cached spec, run, step, dump, update the projections, append the
hash-chained events, commit. Both walk the same admission path with the same data, one
raw case before each of ours, so that noise from other processes falls on both alike.

    python bench/engine_overhead.py [--cases N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer  # noqa: E402
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG  # noqa: E402

from engine import commands  # noqa: E402
from engine import workflow as wf_ops  # noqa: E402
from engine.commands import Command  # noqa: E402
from engine.scripting import ScriptEngine  # noqa: E402
from engine.specs import SpecSource, parse_bundle  # noqa: E402
from engine.store import deploy  # noqa: E402
from models import Case  # noqa: E402
from workflows.database import Database  # noqa: E402

START = {"subsegments": ["a", "b"], "supplement_rounds": 0, "max_supplement_rounds": 2,
         "decision_due": "2099-01-01T00:00:00+00:00", "reference": "B-1"}
PATH = [
    ("check_completeness", {"complete": True}),
    ("review_bibob_questionnaire", {"questionnaire_complete": True, "red_flags": 0}),
    ("own_investigation", {"register_hits": 0, "criminal_antecedents": False}),
    ("conclude_integrity", {"integrity_passed": True, "integrity_motivation": "ok"}),
    ("assess_quality_criteria", {"governance_code": True, "wnt_compliant": True,
                                 "certified": True, "registrations_valid": True,
                                 "subsegments_meeting_specific_criteria": ["a", "b"]}),
    ("conclude_quality", {"quality_motivation": "ok"}),
    ("decide_admission", {"outcome": "admitted", "admitted_subsegments": ["a", "b"],
                          "motivation": "ok", "decided_by": "x", "decided_on": "2026-01-01",
                          "deviation": False,
                          "objection_until": "2099-01-01T00:00:00+00:00"}),
]


def services(name: str, params: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    if name == "compute_decision_term":
        return {"decision_due": START["decision_due"], "decision_last_day": "2098-12-31"}
    return {"ok": True}


def sources() -> list[SpecSource]:
    return [SpecSource(p.name, p.read_bytes()) for p in sorted((ROOT / "bpmn").iterdir())]


def raw_run(cases: int) -> list[float]:
    spec, subs = parse_bundle(sources()).spec_for("admission")
    serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))
    timings = []
    for _ in range(cases):
        workflow = wf_ops.new_workflow(spec, subs, ScriptEngine(services), dict(START))
        workflow.do_engine_steps()
        state = serializer.serialize_json(workflow)
        for bpmn_id, data in PATH:
            began = time.perf_counter()
            workflow = serializer.deserialize_json(state)
            workflow.script_engine = ScriptEngine(services)
            task = next(t for t in wf_ops.ready_tasks(workflow) if t.bpmn_id == bpmn_id)
            wf_ops.complete(workflow, task.task_id, data)
            workflow.do_engine_steps()
            state = serializer.serialize_json(workflow)
            timings.append(time.perf_counter() - began)
    return timings


def prepared(url: str) -> tuple[Database, str]:
    db = Database(url)
    db.migrate()
    with db.uow() as uow:
        digest = deploy(uow.session, sources())
        uow.commit()
    return db, digest


def ours_case(db: Database, digest: str) -> list[float]:
    timings = []
    case_id = _start(db, digest)
    for bpmn_id, data in PATH:
        task_id = _ready(db, case_id, bpmn_id)
        began = time.perf_counter()
        with db.uow() as uow:
            commands.execute(uow.session, case_id, actor="bench", services=services,
                             command=Command("task_completed", {
                                 "task_id": task_id, "task": bpmn_id, "data": data}))
            uow.commit()
        timings.append(time.perf_counter() - began)
    return timings


def interleaved(db: Database, digest: str, cases: int) -> tuple[list[float], list[float]]:
    raw: list[float] = []
    ours: list[float] = []
    for _ in range(cases):
        raw += raw_run(1)
        ours += ours_case(db, digest)
    return raw, ours


def _start(db: Database, digest: str) -> int:
    from engine import clock

    with db.uow() as uow:
        now = clock.now()
        case = Case(process_id="admission", spec_hash=digest, state="", status="starting",
                    created_at=now, updated_at=now)
        uow.session.add(case)
        uow.session.flush()
        commands.start_case(uow.session, case, actor="bench", data=dict(START),
                            services=services)
        uow.commit()
        return case.id


def _ready(db: Database, case_id: int, bpmn_id: str) -> str:
    from sqlalchemy import select

    from models import HumanTask

    with db.uow() as uow:
        return uow.session.scalars(select(HumanTask.task_id).where(
            HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id,
            HumanTask.completed_at.is_(None))).one()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--database-url", default=None,
                        help="an empty database to use (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = args.database_url or f"sqlite:///{directory}/bench.db"
        db, digest = prepared(url)
        interleaved(db, digest, 2)  # warm up both (imports, parse cache)
        raw, ours = interleaved(db, digest, args.cases)
        db.dispose()
    raw_ms, ours_ms = statistics.median(raw) * 1e3, statistics.median(ours) * 1e3
    print(json.dumps({"database": url.split(":")[0], "completions": len(raw),
                      "raw_spiffworkflow_ms": round(raw_ms, 3),
                      "toelating_engine_ms": round(ours_ms, 3),
                      "ratio": round(ours_ms / raw_ms, 2)}))
    print(f"per task completion (median of {len(raw)}): raw SpiffWorkflow {raw_ms:.2f} ms, "
          f"Toelating engine {ours_ms:.2f} ms, ratio {ours_ms / raw_ms:.2f}")


if __name__ == "__main__":
    main()
