"""The worker anchors every moved chain head once a day (see workflows.anchors)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from engine import clock
from workflows import anchors
from workflows.actors import Actor
from workflows.uow import UnitOfWork

EVERY = timedelta(days=1)


def anchor_when_due(new_uow: Callable[[], UnitOfWork], actor: Actor,
                    due: datetime | None = None) -> tuple[int, datetime]:
    """Anchor the chains when the newest anchor is a day old (or there is none); returns
    how many heads were anchored and when to look again, which the worker keeps so that
    its rounds between two anchorings do not ask the database. Two workers racing here
    only anchor a head twice."""
    now = clock.now()
    if due is not None and now < due:
        return 0, due
    with new_uow() as uow:
        last = anchors.last_anchored_at(uow, actor)
        if last is not None and now - last < EVERY:
            return 0, last + EVERY
        made = anchors.anchor_chains(uow, actor)
        uow.commit()
    return made, now + EVERY
