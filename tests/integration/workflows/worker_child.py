"""A worker process for the timer test: tick until nothing is due any more.

    python -m tests.integration.workflows.worker_child URL
"""

from __future__ import annotations

import sys
import time

from engine import clock
from workflows.actors import SYSTEM
from workflows.database import Database
from workflows.jobs import timers


def main(url: str) -> int:
    db = Database(url)
    idle = 0
    while idle < 3:
        changed = timers.tick_due_cases(db.uow, limit=25)
        with db.uow() as uow:
            due = timers.due_case_ids(uow, SYSTEM, clock.now(), limit=1)
        idle = idle + 1 if not due and not changed else 0
        time.sleep(0.05 if idle else 0)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
