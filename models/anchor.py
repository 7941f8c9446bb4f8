"""Chain anchors: heads of the case logs recorded apart from the case rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class ChainAnchor(Base):
    """A case's (last sequence number, head hash) at a moment. Append-only (triggers refuse
    UPDATE and DELETE): someone who cuts a log and adjusts the head on the case row still
    leaves the older, longer head here.

    No foreign key to the case: an anchor must outlive what it vouches for."""

    __tablename__ = "chain_anchor"
    __table_args__ = (Index("ix_chain_anchor_case_id_seq", "case_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    anchored_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
