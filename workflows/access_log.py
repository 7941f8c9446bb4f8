"""The auditors' reading record: every case an auditor opens or exports, apart from the
case's own log (reading changes nothing of the case), visible to admins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from engine import clock
from models import Case, CaseAccess, User
from workflows.access import require_read, require_role
from workflows.actors import Actor
from workflows.uow import UnitOfWork

PAGE_SIZE = 50
ACTIONS = {"opened": "Geopend", "exported": "Dossier geëxporteerd"}


@dataclass(frozen=True)
class AccessRow:
    case_id: int
    who: str
    action: str
    at: datetime


@dataclass(frozen=True)
class AccessPage:
    rows: tuple[AccessRow, ...]
    page: int
    pages: int


def record_access(uow: UnitOfWork, actor: Actor, *, case_id: int, action: str) -> None:
    """One INSERT, committed on its own: the page that reads stays a read."""
    require_role(actor, "auditor")
    require_read(actor, uow.session.get(Case, case_id))
    uow.session.add(CaseAccess(case_id=case_id, actor=actor.email, action=action,
                               at=clock.now()))


def access_log(uow: UnitOfWork, actor: Actor, *, page: int = 1) -> AccessPage:
    """Who read which case, newest first (admins)."""
    require_role(actor, "admin")
    total = uow.session.scalar(select(func.count(CaseAccess.id))) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = uow.session.execute(
        select(CaseAccess.case_id, CaseAccess.actor, User.name, CaseAccess.action,
               CaseAccess.at).join(User, User.email == CaseAccess.actor, isouter=True)
        .order_by(CaseAccess.id.desc()).limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)).all()
    return AccessPage(tuple(AccessRow(r.case_id, f"{r.name} ({r.actor})" if r.name else r.actor,
                                      ACTIONS.get(r.action, "Gelezen"), r.at) for r in rows),
                      page, pages)
