"""Generic case tables: specs, workflow state, event log and projections.

State is stored as TEXT, never JSON/JSONB: those reorder keys and the serializer's
delta-encoded task data then comes back empty without an error.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class SpecFile(Base):
    """One BPMN or DMN file, addressed by the sha256 of its bytes; never changed."""

    __tablename__ = "spec_file"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(4))
    xml: Mapped[str] = mapped_column(Text)
    deployed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SpecBundle(Base):
    """A deployable set of files; a case pins the bundle hash it started with."""

    __tablename__ = "spec_bundle"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Sorted JSON list of file hashes; the bundle hash is computed over it.
    file_hashes: Mapped[str] = mapped_column(Text)
    deployed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Case(Base):
    __tablename__ = "case_instance"
    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed for the case list's filters (an applicant's list is its provider's cases).
    process_id: Mapped[str] = mapped_column(String(60), index=True)
    spec_hash: Mapped[str] = mapped_column(ForeignKey("spec_bundle.sha256"))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id"), index=True)
    parent_case_id: Mapped[int | None] = mapped_column(ForeignKey("case_instance.id"))
    # Deferred: lists and access checks never need it; the engine undefers it when it
    # locks the case to load the workflow.
    state: Mapped[str] = mapped_column(Text, deferred=True)
    status: Mapped[str] = mapped_column(String(60), index=True)
    completed: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(Integer, default=0)
    # The head of the event log: cutting events off the end breaks this anchor.
    event_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    event_hash: Mapped[str] = mapped_column(String(64), default="0" * 64,
                                            server_default="0" * 64)
    next_timer_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __mapper_args__ = {"version_id_col": version}


class CaseEvent(Base):
    """Append-only log; hash = sha256(prev_hash + canonical JSON of the event)."""

    __tablename__ = "case_event"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_instance.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


def _where(condition: str) -> dict[str, Any]:
    return {f"{dialect}_where": text(condition) for dialect in ("sqlite", "postgresql")}


class HumanTask(Base):
    """Projection of open and done user tasks, so inboxes never load a workflow."""

    __tablename__ = "human_task"
    # An inbox is the open tasks of a lane, of a person, or of a lane that nobody holds
    # yet, soonest due first (the id breaks ties). Partial indexes over the open tasks,
    # each holding every column its count reads (SQLite then counts off the index alone),
    # and due_at right after the equality (PostgreSQL reads a page in order only then:
    # "IS NULL" is no equality to it).
    __table_args__ = (
        UniqueConstraint("task_id"),
        Index("ix_human_task_open_lane_due", "lane", "due_at", "id", "completed_at",
              **_where("completed_at IS NULL")),
        Index("ix_human_task_open_assignee_due", "assignee", "due_at", "id", "completed_at",
              **_where("completed_at IS NULL AND assignee IS NOT NULL")),
        Index("ix_human_task_unassigned_lane_due", "lane", "due_at", "id", "assignee",
              "completed_at", **_where("completed_at IS NULL AND assignee IS NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_instance.id"), index=True)
    task_id: Mapped[str] = mapped_column(String(36))
    bpmn_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    process_id: Mapped[str] = mapped_column(String(60))
    lane: Mapped[str | None] = mapped_column(String(60))
    assignee: Mapped[str | None] = mapped_column(String(200))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_by: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str | None] = mapped_column(String(20))
    # When the worker warned about this task; a warning goes out once per kind.
    warned_due_soon_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    warned_overdue_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Outbox(Base):
    """Mail, webhooks and letters written in the command, delivered after commit."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_instance.id"))
    kind: Mapped[str] = mapped_column(String(40))
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)


class Incident(Base):
    """A case whose timer tick keeps failing; shown to admins with a retry action."""

    __tablename__ = "incident"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_instance.id"), index=True)
    error: Mapped[str] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=1)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
