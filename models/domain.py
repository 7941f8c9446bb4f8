"""Applications (the case of an applicant), decisions, awards, contracts, bridging."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class Application(Base):
    __tablename__ = "application"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id"), index=True)
    window_id: Mapped[int] = mapped_column(ForeignKey("registration_window.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_instance.id"), unique=True)
    incumbent: Mapped[bool] = mapped_column(default=False)
    # Clients an incumbent serves now: they stay with it under a bridging agreement.
    current_clients: Mapped[int] = mapped_column(Integer, default=0)
    received_on: Mapped[date] = mapped_column(Date)
    submitted_by: Mapped[str] = mapped_column(String(200))
    # Ingebrekestelling (Awb 4:17): from its receipt the late decision accrues a penalty.
    notice_of_default_on: Mapped[date | None] = mapped_column(Date)
    # A draft (portal wizard) has no submitted_at and no case yet.
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The wizard's answers as canonical JSON: municipalities, Bibob and KIT questionnaire.
    answers: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class ApplicationSubsegment(Base):
    __tablename__ = "application_subsegment"
    __table_args__ = (UniqueConstraint("application_id", "subsegment_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"))
    subsegment_id: Mapped[int] = mapped_column(ForeignKey("subsegment.id"))


class Document(Base):
    """Metadata of an uploaded document; the bytes live outside the database."""

    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    kind: Mapped[str] = mapped_column(String(60))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    confidential: Mapped[bool] = mapped_column(default=False)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    uploaded_by: Mapped[str] = mapped_column(String(200))


class Decision(Base):
    """A typed decision record, written by the procedure, never edited; revoked with reason."""

    __tablename__ = "decision"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_instance.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(40))
    # Canonical JSON {subsegment code: outcome}.
    outcome_per_subsegment: Mapped[str] = mapped_column(Text, default="{}")
    effective_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    motivation: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_reason: Mapped[str | None] = mapped_column(Text)


class Award(Base):
    """Admitted for one subsegment in one municipality."""

    __tablename__ = "award"
    __table_args__ = (UniqueConstraint("application_id", "subsegment_id", "municipality_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"))
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id"))
    subsegment_id: Mapped[int] = mapped_column(ForeignKey("subsegment.id"))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))


class Contract(Base):
    """Two years, extendable three times by two years, eight years at most."""

    __tablename__ = "contract"
    id: Mapped[int] = mapped_column(primary_key=True)
    # The decision's service task looks up the contracts it awarded by application.
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    subsegment_id: Mapped[int] = mapped_column(ForeignKey("subsegment.id"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_instance.id"), unique=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    extensions: Mapped[int] = mapped_column(Integer, default=0)
    ended_on: Mapped[date | None] = mapped_column(Date)


class BridgingAgreement(Base):
    """Existing clients stay with an incumbent that was not (re)admitted; no new clients."""

    __tablename__ = "bridging_agreement"
    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id"), index=True)
    subsegment_id: Mapped[int] = mapped_column(ForeignKey("subsegment.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_instance.id"), unique=True)
    clients: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(40))
