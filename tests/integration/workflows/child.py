"""Run one use case in a separate process (for the concurrency and crash tests).

    python -m tests.integration.workflows.child URL EMAIL TASK_ID DATA_JSON [--go FILE]
        [--hang-in-handler MARKER]

Prints OK or the error class and message; --go waits for FILE to exist first, so two
children start together; --hang-in-handler makes send_letter write MARKER and sleep, so
the parent can kill the process in the middle of a command.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from handlers import registry
from models import User
from workflows import cases, people
from workflows.actors import SYSTEM
from workflows.database import Database
from workflows.errors import ToelatingError


def hang_in_handler(marker: Path) -> None:
    real = registry.default_handlers

    def hanging(ctx: Any, params: dict[str, Any]) -> dict[str, Any]:
        marker.write_text("in handler")
        time.sleep(120)
        raise SystemExit("not killed")

    registry.default_handlers = lambda: {**real(), "send_letter": hanging}  # type: ignore[assignment]
    cases_module = sys.modules["workflows.commands"]
    cases_module.default_handlers = registry.default_handlers  # type: ignore[attr-defined]


def main(argv: list[str]) -> int:
    url, email, task_id, data = argv[0], argv[1], argv[2], json.loads(argv[3])
    options = dict(zip(argv[4::2], argv[5::2], strict=True))
    if "--hang-in-handler" in options:
        hang_in_handler(Path(options["--hang-in-handler"]))
    if "--go" in options:
        while not Path(options["--go"]).exists():
            time.sleep(0.01)
    db = Database(url)
    with db.uow() as uow:
        user = uow.session.scalars(select(User).where(User.email == email)).one()
        actor = people.actor_for(uow, SYSTEM, user_id=user.id)
    assert actor is not None
    try:
        with db.uow() as uow:
            cases.complete_task(uow, actor, task_id=task_id, data=data)
            uow.commit()
    except ToelatingError as err:
        print(f"{type(err).__name__}: {err.message}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
