"""Time to read and render the officer's case page for a case with a long history.

One application is submitted and its completeness checked, then `--events` internal
notes are added (each a case event, as officers would over months). Measured: the read
side (`case_page.show_case_page` in a read-only unit of work) and the whole page through
the Flask test client (sign-in session, template, timeline of every event). Figures
only, never judged.

    python bench/case_page.py [--events N] [--repeat N] [--database-url URL]
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

from app_latency import Timings, app_case, percentile, setup  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from models import Case  # noqa: E402
from web.app import create_app  # noqa: E402
from workflows import case_actions, case_page, running  # noqa: E402
from workflows.actors import Actor  # noqa: E402
from workflows.database import Database  # noqa: E402

NOTE = "Gebeld met de aanvrager over de planning; stukken volgen deze week."


def long_history(db: Database, actors: dict[str, Actor], window_id: int, events: int) -> int:
    """A case (here: admitted along the happy path) with `events` notes added."""
    app_case(db, actors, window_id, Timings())
    with db.reader() as uow:
        case_id = int(uow.session.scalar(select(func.max(Case.id))) or 0)
    for start in range(0, events, 500):  # a few transactions, not one per note
        with db.uow() as uow:
            for n in range(start, min(events, start + 500)):
                case_actions.add_internal_note(uow, actors["screening_officer"],
                                               case_id=case_id, text=f"{NOTE} ({n})")
            uow.commit()
    return case_id


def measure(db: Database, actors: dict[str, Actor], case_id: int,
            repeat: int) -> dict[str, list[float]]:
    app = create_app({"DATABASE": db, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    client.post("/inloggen", data={"email": "screening_officer@bench.test",
                                   "password": "bench"})
    found: dict[str, list[float]] = {"read": [], "page": []}
    for _ in range(repeat):
        began = time.perf_counter()
        running.read(db, case_page.show_case_page, actors["screening_officer"],
                     case_id=case_id)
        found["read"].append(time.perf_counter() - began)
        began = time.perf_counter()
        response = client.get(f"/zaken/{case_id}")
        found["page"].append(time.perf_counter() - began)
        assert response.status_code == 200, response.status_code
    return found


def report(url: str, events: int, found: dict[str, list[float]]) -> dict[str, Any]:
    figures: dict[str, Any] = {"database": url.split(":")[0].split("+")[0], "events": events}
    for name, values in found.items():
        figures[f"{name}_p50_ms"] = round(statistics.median(values) * 1e3, 2)
        figures[f"{name}_p95_ms"] = round(percentile(values, 0.95) * 1e3, 2)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", default=None,
                        help="an empty database to use (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = args.database_url or f"sqlite:///{directory}/bench.db"
        db = Database(url)
        actors, window_id = setup(db)
        case_id = long_history(db, actors, window_id, args.events)
        measure(db, actors, case_id, 3)  # warm up: imports, templates, statement cache
        found = measure(db, actors, case_id, args.repeat)
        db.dispose()
    print(json.dumps(report(url, args.events, found)))


if __name__ == "__main__":
    main()
