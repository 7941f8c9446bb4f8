"""Finding cases for an audit: by provider (name or KvK number), subsegment, municipality,
phase and the date the application came in. Filtered and paged in the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import exists, false, func, or_, select
from sqlalchemy.sql import ColumnElement

from models import (
    Application,
    ApplicationSubsegment,
    Award,
    Case,
    Municipality,
    Provider,
    Subsegment,
)
from workflows import labels
from workflows.access import require_role
from workflows.actors import Actor
from workflows.uow import UnitOfWork

PAGE_SIZE = 25
# Follow-up cases (contract, bridging, objection) are found by their application.
_own_or_parent = func.coalesce(Case.parent_case_id, Case.id)


@dataclass(frozen=True)
class Filters:
    provider: str = ""  # part of the name, or the KvK number
    subsegment: str = ""  # code
    municipality: str = ""  # code
    phase: str = ""  # status code
    received_from: date | None = None
    received_to: date | None = None


@dataclass(frozen=True)
class FoundCase:
    case_id: int
    reference: str
    provider: str
    process: str
    phase: str
    received_on: date | None


@dataclass(frozen=True)
class SearchPage:
    rows: tuple[FoundCase, ...]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class Choices:
    subsegments: tuple[tuple[str, str], ...]
    municipalities: tuple[tuple[str, str], ...]
    phases: tuple[tuple[str, str], ...]


def search_choices(uow: UnitOfWork, actor: Actor) -> Choices:
    """What the search form offers: names shown, codes sent."""
    require_role(actor, "auditor")
    subs = uow.session.execute(select(Subsegment.code, Subsegment.name)
                               .order_by(Subsegment.name)).all()
    places = uow.session.execute(select(Municipality.code, Municipality.name)
                                 .order_by(Municipality.name)).all()
    used = uow.session.scalars(select(Case.status).distinct()).all()
    phases = sorted(((code, labels.status(code)) for code in used), key=lambda p: p[1])
    return Choices(tuple((c, n) for c, n in subs), tuple((c, n) for c, n in places),
                   tuple(phases))


def search_cases(uow: UnitOfWork, actor: Actor, *, filters: Filters,
                 page: int = 1) -> SearchPage:
    """Cases matching every filter given, newest first."""
    require_role(actor, "auditor")
    found = uow.session.execute(select(Municipality.id, Municipality.name).where(
        Municipality.code == filters.municipality)).first() if filters.municipality else None
    where = _conditions(filters, (found[0], found[1]) if found else None)
    total = uow.session.scalar(select(func.count(Case.id)).select_from(Case)
                               .join(Application, Application.case_id == _own_or_parent,
                                     isouter=True)
                               .join(Provider, Provider.id == Case.provider_id, isouter=True)
                               .where(*where)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = uow.session.execute(
        select(Case.id, Case.process_id, Case.parent_case_id, Case.status,
               Application.reference, Application.received_on, Provider.name)
        .join(Application, Application.case_id == _own_or_parent, isouter=True)
        .join(Provider, Provider.id == Case.provider_id, isouter=True)
        .where(*where).order_by(Application.received_on.desc().nulls_last(), Case.id.desc())
        .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return SearchPage(tuple(FoundCase(r.id, _reference(r), r.name or "–",
                                      labels.process(r.process_id), labels.status(r.status),
                                      r.received_on) for r in rows), total, page, pages)


def _reference(row: Any) -> str:
    """A contract, bridging or remedy case goes by its application's reference too."""
    if row.reference is None:
        return f"Zaak {row.id}"
    return f"{row.reference} (zaak {row.id})" if row.parent_case_id else str(row.reference)


def _conditions(f: Filters, place: tuple[int, str] | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if f.provider.strip():
        text = f.provider.strip()
        where.append(or_(Provider.name.ilike(f"%{_escaped(text)}%", escape="\\"),
                         Provider.kvk_number == text))
    if f.subsegment:
        where.append(exists().where(
            ApplicationSubsegment.application_id == Application.id,
            ApplicationSubsegment.subsegment_id == select(Subsegment.id).where(
                Subsegment.code == f.subsegment).scalar_subquery()))
    if place is not None:
        # Admitted there (an award), or asked for there (the wizard's answers).
        where.append(or_(
            exists().where(Award.application_id == Application.id,
                           Award.municipality_id == place[0]),
            Application.answers.like(f'%"{_escaped(place[1])}"%', escape="\\")))
    elif f.municipality:
        where.append(false())  # no such municipality
    if f.phase:
        where.append(Case.status == f.phase)
    if f.received_from:
        where.append(Application.received_on >= f.received_from)
    if f.received_to:
        where.append(Application.received_on <= f.received_to)
    return where


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
