"""The projections as the stored state implies them, so verification can hold the case
row and the task rows against the state they claim to mirror."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from engine import serializer, store
from engine import workflow as wf_ops
from engine.errors import EngineError
from engine.workflow import ReadyTask
from models import Case


@dataclass(frozen=True)
class Projection:
    status: str
    completed: bool
    next_timer_at: datetime | None
    ready: list[ReadyTask]
    data: dict[str, Any]


class UnreadableState(EngineError):
    """The stored state is no workflow of the case's pinned spec."""


def stored_projection(session: Session, case_id: int) -> Projection:
    """Status, completion, next timer and open tasks as `_save` derives them from a state."""
    case = session.scalars(select(Case).where(Case.id == case_id)
                           .options(undefer(Case.state))).one()
    spec, subs = store.load_bundle(session, case.spec_hash).spec_for(case.process_id)
    try:
        workflow = serializer.load(case.state, spec, subs)
        ready, status = wf_ops.ready_and_status(workflow)
        return Projection(status, workflow.is_completed(), wf_ops.next_timer_at(workflow),
                          ready, wf_ops.case_data(workflow))
    except Exception as err:  # whatever a damaged state makes the deserializer raise
        raise UnreadableState(f"de opgeslagen stand van zaak {case_id} is onleesbaar") from err
