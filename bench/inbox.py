"""Inbox latency: the first page of each tab at growing numbers of cases.

The tables are filled in bulk (case, application, its subsegments and the open and done
tasks of `human_task`), not through the engine: only the projection is read, so a case's
workflow state does not matter here, and 100k cases fill in seconds. A case has one or
two open tasks in a lane (screening, integrity, quality, legal, decision, contract) and
three done ones; a third of the open tasks is claimed, by forty colleagues and by the
reader. The reader is a screening officer; each figure is one call of
`inbox.list_inbox` (the counts of the three tabs and one page of 25) in its own read-only
unit of work (opening and closing it included); `cpu_p50_ms` is this process's own CPU
time, less disturbed by other work on the machine (on SQLite it includes the database's
work, on PostgreSQL not). Figures only, never judged.

    python bench/inbox.py [--sizes 10000,100000] [--repeat 50] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select, text  # noqa: E402

from engine import clock  # noqa: E402
from models import (  # noqa: E402
    Application,
    ApplicationSubsegment,
    Case,
    HumanTask,
    Provider,
    Subsegment,
)
from workflows import inbox, people, region, registration, specs  # noqa: E402
from workflows.actors import SYSTEM, Actor  # noqa: E402
from workflows.database import Database  # noqa: E402
from workflows.demo.twente import MUNICIPALITIES, REGION, SEGMENTS  # noqa: E402
from workflows.inbox import InboxFilters  # noqa: E402

LANES = [("screening_officer", "check_completeness", "admission_procedure", 0.2),
         ("integrity_officer", "own_investigation", "integrity", 0.25),
         ("quality_assessor", "assess_quality_criteria", "quality", 0.25),
         ("legal_counsel", "prepare_views_request", "admission_procedure", 0.1),
         ("decision_maker", "decide_admission", "admission_procedure", 0.1),
         ("contract_manager", "decide_extension", "contract", 0.1)]
COLLEAGUES = 40
CHUNK = 5000
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def setup(db: Database) -> tuple[Actor, int, str, list[int]]:
    """The procedure, Twente, a window, the reader and its colleagues."""
    db.migrate()
    with db.uow() as uow:
        bundle = specs.deploy_specs(uow, SYSTEM, sources=specs.read_directory(ROOT / "bpmn"))
        region_id = region.load_region(uow, SYSTEM, region=REGION,
                                       municipalities=MUNICIPALITIES, segments=SEGMENTS)
        window = registration.open_window(
            uow, SYSTEM, region_id=region_id, title="Openstelling bench",
            decision_reference="Besluit bench", opens_at=T0 - timedelta(days=400),
            closes_at=T0 + timedelta(days=400), subsegment_codes=["ambulant_begeleiding"])
        reader = people.create_user(uow, SYSTEM, email="reader@bench.test", name="Lezer",
                                    password="bench-only", roles=["screening_officer"])
        for n in range(COLLEAGUES):
            lane = LANES[n % len(LANES)][0]
            people.create_user(uow, SYSTEM, email=f"colleague{n}@bench.test",
                               name=f"Collega {n}", password="bench-only", roles=[lane])
        uow.session.execute(insert(Provider), [
            {"name": f"Aanbieder {n}", "kvk_number": f"{80000000 + n:08d}",
             "agb_code": "12345678", "email": f"a{n}@bench.test"} for n in range(1000)])
        subsegments = list(uow.session.scalars(select(Subsegment.id)))
        uow.commit()
    return reader, window.window_id, str(bundle), subsegments


def fill(db: Database, start: int, stop: int, window_id: int, spec_hash: str,
         subsegments: list[int]) -> None:
    """Cases start..stop-1 with their application, subsegments and tasks, in bulk."""
    rng = random.Random(start)
    with db.uow() as uow:
        providers = list(uow.session.scalars(select(Provider.id)))
        first_case = (uow.session.scalar(select(func.max(Case.id))) or 0) + 1
        first_app = (uow.session.scalar(select(func.max(Application.id))) or 0) + 1
        for offset in range(0, stop - start, CHUNK):
            count = min(CHUNK, stop - start - offset)
            ids = range(first_case + offset, first_case + offset + count)
            _chunk(uow, rng, ids, first_app + offset, window_id, spec_hash, providers,
                   subsegments)
        uow.commit()


def _chunk(uow: Any, rng: random.Random, case_ids: range, first_app: int, window_id: int,
           spec_hash: str, providers: list[int], subsegments: list[int]) -> None:
    cases, apps, subs, tasks = [], [], [], []
    for n, case_id in enumerate(case_ids):
        created = T0 + timedelta(minutes=case_id)
        provider = rng.choice(providers)
        cases.append({"id": case_id, "process_id": "admission", "spec_hash": spec_hash,
                      "provider_id": provider, "state": "", "status": "assessment",
                      "completed": False, "version": 1, "event_seq": 0,
                      "event_hash": "0" * 64, "created_at": created, "updated_at": created})
        app_id = first_app + n
        apps.append({"id": app_id, "reference": f"BENCH-{case_id:07d}",
                     "provider_id": provider, "window_id": window_id, "case_id": case_id,
                     "incumbent": False, "current_clients": 0,
                     "received_on": date(2026, 1, 5), "submitted_by": "bench"})
        for sub in rng.sample(subsegments, rng.choice((1, 2))):
            subs.append({"application_id": app_id, "subsegment_id": sub})
        tasks.extend(_tasks(rng, case_id, created))
    for table, rows in ((Case, cases), (Application, apps), (ApplicationSubsegment, subs),
                        (HumanTask, tasks)):
        uow.session.execute(insert(table), rows)


def _tasks(rng: random.Random, case_id: int, created: datetime) -> list[dict[str, Any]]:
    rows = []
    for k in range(3 + rng.choice((1, 1, 2))):
        lane, bpmn_id, process_id, _share = rng.choices(LANES, [s for *_r, s in LANES])[0]
        done = k < 3
        assignee = None
        if not done and rng.random() < 0.33:
            assignee = "reader@bench.test" if rng.random() < 0.02 and \
                lane == "screening_officer" else f"colleague{rng.randrange(COLLEAGUES)}@bench.test"
        rows.append({"case_id": case_id, "task_id": f"{case_id:010d}-{k}", "bpmn_id": bpmn_id,
                     "name": bpmn_id, "process_id": process_id, "lane": lane,
                     "assignee": assignee, "created_at": created,
                     "due_at": created + timedelta(days=rng.randrange(5, 120)),
                     "completed_at": created + timedelta(days=1) if done else None,
                     "completed_by": "bench" if done else None,
                     "outcome": "completed" if done else None})
    return rows


def analyze(db: Database) -> None:
    """Planner statistics and (PostgreSQL) the visibility map, as autovacuum keeps them
    after a bulk insert; SQLite's `PRAGMA optimize` would gather the statistics."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        return
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def measure(db: Database, reader: Actor, repeat: int) -> dict[str, dict[str, float]]:
    figures = {}
    now = T0 + timedelta(days=60)
    for tab in inbox.TABS:
        seconds, cpu = [], []
        for n in range(repeat + 3):
            began, began_cpu = time.perf_counter(), time.process_time()
            with clock.pinned(now), db.reader() as uow:
                found = inbox.list_inbox(uow, reader, filters=InboxFilters(tab=tab))
            if n >= 3:  # the first calls warm the statement cache
                seconds.append(time.perf_counter() - began)
                cpu.append(time.process_time() - began_cpu)
        figures[tab] = {"p50_ms": round(statistics.median(seconds) * 1e3, 2),
                        "p95_ms": round(percentile(seconds, 0.95) * 1e3, 2),
                        "cpu_p50_ms": round(statistics.median(cpu) * 1e3, 2),
                        "count": found.total, "rows": len(found.rows)}
    return figures


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--database-url", default=None,
                        help="an empty database to use (default: a temporary SQLite file)")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as directory:
        db = Database(args.database_url or f"sqlite:///{directory}/bench.db")
        reader, window_id, spec_hash, subsegments = setup(db)
        filled = 0
        for size in sizes:
            began = time.perf_counter()
            fill(db, filled, size, window_id, spec_hash, subsegments)
            filled = size
            analyze(db)
            fill_s = round(time.perf_counter() - began, 1)
            figures = {"database": db.engine.dialect.name, "cases": size, "fill_s": fill_s,
                       "tabs": measure(db, reader, args.repeat)}
            print(json.dumps(figures), flush=True)
        db.dispose()


if __name__ == "__main__":
    main()
