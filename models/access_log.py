"""Who read which case as an auditor, and when: kept apart from the case's own log, so
reading never changes the chain that proves what happened to the case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class CaseAccess(Base):
    """One opening or export of a case by an auditor (or admin). No foreign key to the
    case: the record of a reading outlives a destroyed case."""

    __tablename__ = "case_access"
    __table_args__ = (Index("ix_case_access_at", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))  # "opened" or "exported"
    at: Mapped[datetime] = mapped_column(UTCDateTime())
