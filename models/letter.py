"""Letters as sent: the rendered PDF itself, with its sha256, linked to the case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class Letter(Base):
    """The bytes live in the row (not on disk like an upload's): a letter is made inside
    the command's transaction, so a rolled-back command leaves no letter behind."""

    __tablename__ = "letter"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_instance.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    # The service task's key plus the kind: one task never makes the same letter twice.
    key: Mapped[str] = mapped_column(String(240), unique=True)
    recipient: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    # The advice request to the LBB: never shown to the applicant.
    confidential: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
