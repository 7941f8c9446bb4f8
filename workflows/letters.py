"""Reading a case's letters: the list for the case page and the portal, and one letter's
PDF, each checked per case (an applicant only its own organisation's, never the LBB's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models import Case, Letter
from workflows import disclosure
from workflows.access import require_read
from workflows.actors import Actor
from workflows.errors import NotFound
from workflows.uow import UnitOfWork

KIND_LABELS = {
    "supplement_request": "Verzoek om aanvulling", "lbb_notice": "Bericht over LBB-advies",
    "lbb_request": "Adviesverzoek aan het LBB (vertrouwelijk)",
    "views_request": "Verzoek om zienswijze", "decision": "Besluitbrief",
    "objection_receipt": "Ontvangstbevestiging bezwaar of klacht",
    "objection_decision": "Beslissing op bezwaar of klacht",
    "withdrawal_confirmation": "Bevestiging intrekking",
    "bridging_start": "Overbruggingsovereenkomst", "bridging_reminder": "Herinnering overbrugging",
}


@dataclass(frozen=True)
class LetterView:
    letter_id: int
    case_id: int
    kind: str
    label: str
    subject: str
    recipient: str
    filename: str
    size: int
    sha256: str
    created_at: datetime


@dataclass(frozen=True)
class LetterFile:
    filename: str
    content_type: str
    content: bytes
    sha256: str


def list_letters(uow: UnitOfWork, actor: Actor, *, case_id: int) -> tuple[LetterView, ...]:
    """The case's letters, oldest first, as far as the actor may read them."""
    case = require_read(actor, uow.session.get(Case, case_id))
    stmt = select(Letter).where(Letter.case_id == case.id).order_by(Letter.id)
    if not _reads_confidential(actor):
        stmt = stmt.where(Letter.confidential.is_(False))
    return tuple(LetterView(r.id, r.case_id, r.kind, KIND_LABELS.get(r.kind, r.subject),
                            r.subject, r.recipient, r.filename, r.size, r.sha256, r.created_at)
                 for r in uow.session.scalars(stmt).all())


def letter_pdf(uow: UnitOfWork, actor: Actor, *, case_id: int, letter_id: int) -> LetterFile:
    """One letter's PDF as it was sent; a letter of another case, or one the actor may not
    read, does not exist for them."""
    case = require_read(actor, uow.session.get(Case, case_id))
    letter = uow.session.get(Letter, letter_id)
    if (letter is None or letter.case_id != case.id
            or (letter.confidential and not _reads_confidential(actor))):
        raise NotFound("Deze brief bestaat niet of u heeft er geen toegang toe.")
    return LetterFile(letter.filename, "application/pdf", letter.content, letter.sha256)


def _reads_confidential(actor: Actor) -> bool:
    """The advice request to the LBB is Bibob information (Wet Bibob art. 28)."""
    return disclosure.audience(actor) in ("integrity", "auditor")
