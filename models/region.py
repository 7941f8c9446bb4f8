"""Region, municipalities, the product tree and registration windows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime


class Region(Base):
    __tablename__ = "region"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    legal_model: Mapped[str] = mapped_column(String(10), default="civil")
    municipalities: Mapped[list[Municipality]] = relationship(back_populates="region")


class Municipality(Base):
    __tablename__ = "municipality"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[Region] = relationship(back_populates="municipalities")


class Segment(Base):
    __tablename__ = "segment"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    subsegments: Mapped[list[Subsegment]] = relationship(back_populates="segment")


class Subsegment(Base):
    __tablename__ = "subsegment"
    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"))
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    procurement_form: Mapped[str] = mapped_column(String(20))
    # Comma-separated subset of pxq, lumpsum, availability: a tiny closed set.
    funding_types: Mapped[str] = mapped_column(String(60))
    segment: Mapped[Segment] = relationship(back_populates="subsegments")
    products: Mapped[list[Product]] = relationship(back_populates="subsegment")


class Product(Base):
    __tablename__ = "product"
    id: Mapped[int] = mapped_column(primary_key=True)
    subsegment_id: Mapped[int] = mapped_column(ForeignKey("subsegment.id"))
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    subsegment: Mapped[Subsegment] = relationship(back_populates="products")


class Participation(Base):
    """Which municipality buys which subsegment through the region."""

    __tablename__ = "participation"
    __table_args__ = (UniqueConstraint("municipality_id", "subsegment_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    subsegment_id: Mapped[int] = mapped_column(ForeignKey("subsegment.id"))


class RegistrationWindow(Base):
    """An openstelling: opened by a separate decision for named subsegments."""

    __tablename__ = "registration_window"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    title: Mapped[str] = mapped_column(String(200))
    decision_reference: Mapped[str] = mapped_column(String(200))
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")


class WindowSubsegment(Base):
    __tablename__ = "window_subsegment"
    __table_args__ = (UniqueConstraint("window_id", "subsegment_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    window_id: Mapped[int] = mapped_column(ForeignKey("registration_window.id"))
    subsegment_id: Mapped[int] = mapped_column(ForeignKey("subsegment.id"))
    # A product group can be closed (dichtgezet) per municipality: codes, comma-separated.
    closed_for: Mapped[str] = mapped_column(String(1000), default="")
    # Why the product group is closed there, as shown to applicants.
    closed_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
