"""Time per task completion through the application layer, next to raw SpiffWorkflow.

Ours: the admission happy path as people walk it: registration.submit_application, then
cases.complete_task for each task (form validation, access and four-eyes checks, derive,
the engine command, projections, commit), each in its own unit of work. Raw: the same
diagram and path in plain SpiffWorkflow (deserialize the full JSON, run the task,
do_engine_steps, serialize), measured in the same process. Figures only, never judged.

    python bench/app_latency.py [--cases N] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine_overhead import PATH as RAW_PATH  # noqa: E402
from engine_overhead import START, services, sources  # noqa: E402
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer  # noqa: E402
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG  # noqa: E402
from sqlalchemy import select  # noqa: E402

from engine import clock  # noqa: E402
from engine import workflow as wf_ops  # noqa: E402
from engine.scripting import ScriptEngine  # noqa: E402
from engine.specs import parse_bundle  # noqa: E402
from models import HumanTask, Provider  # noqa: E402
from workflows import cases, people, region, registration, specs  # noqa: E402
from workflows.actors import SYSTEM, Actor  # noqa: E402
from workflows.database import Database  # noqa: E402
from workflows.demo.twente import MUNICIPALITIES, REGION, SEGMENTS  # noqa: E402
from workflows.errors import Conflict  # noqa: E402
from workflows.uow import UnitOfWork  # noqa: E402

BEG = "ambulant_begeleiding"
OK_QUALITY = {"governance_code": True, "wnt_compliant": True, "certified": True,
              "registrations_valid": True, "subsegments_meeting_specific_criteria": [BEG]}
# (role, task, form data): the happy path to an admission, as the officers fill it in.
PATH: list[tuple[str, str, dict[str, Any]]] = [
    ("screening_officer", "check_completeness", {"complete": True}),
    ("integrity_officer", "review_bibob_questionnaire",
     {"questionnaire_complete": True, "red_flags": 0}),
    ("integrity_officer", "own_investigation",
     {"register_hits": 0, "criminal_antecedents": False}),
    ("integrity_officer", "conclude_integrity",
     {"integrity_passed": True, "integrity_motivation": "Beoordeeld volgens de Wet Bibob."}),
    ("quality_assessor", "assess_quality_criteria", OK_QUALITY),
    ("quality_assessor", "conclude_quality", {"quality_motivation": "KIT getoetst."}),
    ("decision_maker", "decide_admission",
     {"outcome": "admitted", "admitted_subsegments": [BEG], "motivation": "Toegelaten."}),
]
ROLES = sorted({role for role, _, _ in PATH})
KVK = "70000001"


def setup(db: Database) -> tuple[dict[str, Actor], int]:
    """The procedure, Twente, one user per role and a window; a database the benchmark
    used before keeps its users and gets a new window."""
    db.migrate()
    with db.uow() as uow:
        specs.deploy_specs(uow, SYSTEM, sources=specs.read_directory(ROOT / "bpmn"))
        region_id = region.find_region(uow, SYSTEM, code=REGION["code"]) or region.load_region(
            uow, SYSTEM, region=REGION, municipalities=MUNICIPALITIES, segments=SEGMENTS)
        actors = {role: _user(uow, role, [role]) for role in ROLES}
        provider_id = uow.session.scalar(select(Provider.id).where(
            Provider.kvk_number == KVK)) or people.register_provider(
            uow, SYSTEM, name="Aanbieder Bench", kvk_number=KVK, agb_code="12345678",
            email="aanbieder@bench.test").provider_id
        actors["applicant"] = _user(uow, "applicant", ["applicant"], provider_id)
        now = clock.now()
        window = registration.open_window(
            uow, SYSTEM, region_id=region_id, title="Openstelling bench",
            decision_reference="Besluit bench", opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=365), subsegment_codes=[BEG])
        uow.commit()
    return actors, window.window_id


def _user(uow: UnitOfWork, name: str, roles: list[str], provider_id: int | None = None
          ) -> Actor:
    try:
        return people.create_user(uow, SYSTEM, email=f"{name}@bench.test", name=name,
                                  password="bench", roles=roles, provider_id=provider_id)
    except Conflict:
        return people.authenticate(uow, email=f"{name}@bench.test", password="bench")


@dataclass
class Timings:
    """Seconds per completion; a case's time is its start plus its completions."""

    raw: list[float] = field(default_factory=list)
    ours: list[float] = field(default_factory=list)
    ours_cpu: list[float] = field(default_factory=list)  # this process only: less noisy
    submissions: list[float] = field(default_factory=list)
    raw_case_time: float = 0.0
    ours_case_time: float = 0.0


def run(db: Database, actors: dict[str, Actor], window_id: int, cases_to_run: int) -> Timings:
    timings = Timings()
    serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))
    for _ in range(cases_to_run):
        raw_case(serializer, timings)
        app_case(db, actors, window_id, timings)
    return timings


def raw_case(serializer: BpmnWorkflowSerializer, timings: Timings) -> None:
    """The path in plain SpiffWorkflow: full JSON (spec included) in and out each time."""
    spec, subs = parse_bundle(sources()).spec_for("admission")
    began = time.perf_counter()
    workflow = wf_ops.new_workflow(spec, subs, ScriptEngine(services), dict(START))
    workflow.do_engine_steps()
    state = serializer.serialize_json(workflow)
    timings.raw_case_time += time.perf_counter() - began
    for bpmn_id, data in RAW_PATH:
        began = time.perf_counter()
        workflow = serializer.deserialize_json(state)
        workflow.script_engine = ScriptEngine(services)
        task = next(t for t in wf_ops.ready_tasks(workflow) if t.bpmn_id == bpmn_id)
        wf_ops.complete(workflow, task.task_id, data)
        workflow.do_engine_steps()
        state = serializer.serialize_json(workflow)
        timings.raw.append(time.perf_counter() - began)
        timings.raw_case_time += timings.raw[-1]


def app_case(db: Database, actors: dict[str, Actor], window_id: int, timings: Timings) -> None:
    """One application through the happy path; each use case in its own unit of work."""
    began = time.perf_counter()
    with db.uow() as uow:
        view = registration.submit_application(uow, actors["applicant"], window_id=window_id,
                                               subsegment_codes=[BEG])
        uow.commit()
    timings.submissions.append(time.perf_counter() - began)
    timings.ours_case_time += timings.submissions[-1]
    for role, bpmn_id, data in PATH:
        task_id = _open_task(db, view.case_id, bpmn_id)
        began, began_cpu = time.perf_counter(), time.process_time()
        with db.uow() as uow:
            cases.complete_task(uow, actors[role], task_id=task_id, data=dict(data))
            uow.commit()
        timings.ours.append(time.perf_counter() - began)
        timings.ours_cpu.append(time.process_time() - began_cpu)
        timings.ours_case_time += timings.ours[-1]


def _open_task(db: Database, case_id: int, bpmn_id: str) -> str:
    with db.reader() as uow:
        return uow.session.scalars(select(HumanTask.task_id).where(
            HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id,
            HumanTask.completed_at.is_(None))).one()


def report(url: str, cases_run: int, t: Timings) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "database": url.split(":")[0].split("+")[0], "cases": cases_run,
        "completions": len(t.ours),
        "raw_p50_ms": round(statistics.median(t.raw) * 1e3, 3),
        "raw_p95_ms": round(percentile(t.raw, 0.95) * 1e3, 3),
        "raw_cases_per_s": round(cases_run / t.raw_case_time, 2),
        "app_p50_ms": round(statistics.median(t.ours) * 1e3, 3),
        "app_p95_ms": round(percentile(t.ours, 0.95) * 1e3, 3),
        "app_cpu_p50_ms": round(statistics.median(t.ours_cpu) * 1e3, 3),
        "app_submit_p50_ms": round(statistics.median(t.submissions) * 1e3, 3),
        "app_cases_per_s": round(cases_run / t.ours_case_time, 2),
    }
    figures["ratio_p50"] = round(figures["app_p50_ms"] / figures["raw_p50_ms"], 2)
    return figures


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=30)
    parser.add_argument("--database-url", default=None,
                        help="an empty database to use (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        db = Database(args.database_url or f"sqlite:///{directory}/bench.db")
        actors, window_id = setup(db)
        run(db, actors, window_id, 2)  # warm up both (imports, parse cache, statement cache)
        timings = run(db, actors, window_id, args.cases)
        db.dispose()
    figures = report(db.url, args.cases, timings)
    print(json.dumps(figures))
    print(f"per completion (p50/p95 of {figures['completions']}): application layer "
          f"{figures['app_p50_ms']:.2f}/{figures['app_p95_ms']:.2f} ms, raw SpiffWorkflow "
          f"{figures['raw_p50_ms']:.2f}/{figures['raw_p95_ms']:.2f} ms, ratio "
          f"{figures['ratio_p50']:.2f}; cases/s {figures['app_cases_per_s']} vs "
          f"{figures['raw_cases_per_s']} (submission p50 {figures['app_submit_p50_ms']:.2f} ms)")


if __name__ == "__main__":
    main()
