"""The officer's case page: everything about one case a member of staff may read, in
one read-only use case (the applicant's page stays `case_reads.show_case`).

Provider, subsegments and the municipalities that buy them, the phase, the deadlines
(as `toelating deadlines` prints them), the timeline, documents, internal notes, the
steps of the diagram and the actions the reader may take. Confidential Bibob data goes
through the same allow-list and masking as everywhere (workflows.disclosure).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models import (
    Application,
    ApplicationSubsegment,
    Case,
    Document,
    Municipality,
    Participation,
    Provider,
    Subsegment,
)
from workflows import access, case_deadlines, case_reads, case_timeline, disclosure
from workflows.actors import Actor
from workflows.case_deadlines import CaseDeadlines
from workflows.case_diagram import Step, case_steps
from workflows.case_timeline import CONFIDENTIAL, Timeline
from workflows.errors import NotAllowed
from workflows.uow import UnitOfWork
from workflows.views import CaseView

STAFF_ROLES = ("auditor", "admin")
DOCUMENT_KINDS = {"kvk_extract": "Uittreksel Kamer van Koophandel",
                  "quality_certificate": "Kwaliteitscertificaat",
                  "governance_statement": "Verklaring Governancecode Zorg 2022",
                  "wnt_statement": "WNT-verantwoording",
                  "bibob_questionnaire": "Bibob-vragenlijst met bijlagen",
                  "lbb_advice": "Advies Landelijk Bureau Bibob", "contract": "Overeenkomst"}
CONFIDENTIAL_DOCUMENTS = frozenset({"bibob_questionnaire", "lbb_advice"})
LBB_STEPS = frozenset({"register_lbb_advice", "register_lbb_extension"})
# action -> roles that may take it (the use cases check again, with the case's state)
ACTIONS = {
    "supplement": ("screening_officer",),
    "notice_of_default": ("screening_officer", "legal_counsel"),
    "extend_term": ("legal_counsel", "decision_maker"),
    "lbb_questions": ("integrity_officer",),
    "withdraw": ("screening_officer", "legal_counsel"),
    "note": ("screening_officer", "integrity_officer", "quality_assessor", "legal_counsel",
             "decision_maker", "contract_manager"),
}


@dataclass(frozen=True)
class ProviderFacts:
    name: str
    kvk_number: str
    agb_code: str


@dataclass(frozen=True)
class DocumentRow:
    filename: str
    kind: str
    uploaded_at: datetime | None
    uploaded_by: str
    hidden: bool = False  # confidential: the reader sees that it exists only


@dataclass(frozen=True)
class CasePage:
    case: CaseView
    provider: ProviderFacts | None
    subsegments: tuple[str, ...]
    municipalities: tuple[str, ...]
    deadlines: CaseDeadlines
    timeline: Timeline
    notes: Timeline
    documents: tuple[DocumentRow, ...]
    steps: tuple[Step, ...]
    actions: tuple[str, ...]
    confidential_hidden: bool  # the reader is not one who may read Bibob data


def show_case_page(uow: UnitOfWork, actor: Actor, *, case_id: int,
                   timeline_page: int = 1) -> CasePage:
    """The case page for staff (officers, auditors, administrators), with one page of
    the timeline and the newest internal notes."""
    case = access.require_read(actor, uow.session.get(Case, case_id))
    if not (actor.is_officer or any(actor.has(r) for r in STAFF_ROLES)):
        raise NotAllowed("Deze pagina is voor medewerkers.")
    reader = disclosure.audience(actor)
    app = _application(uow, case)
    view = case_reads.show_case(uow, actor, case_id=case_id)
    return CasePage(
        view, _provider(uow, case, app),
        *_applied_for(uow, app), case_deadlines.open_deadlines(uow, actor, case_id=case_id),
        case_timeline.case_timeline(uow, case_id, reader, page=timeline_page),
        case_timeline.case_timeline(uow, case_id, reader, kinds=("internal_note",)),
        _documents(uow, app, reader),
        case_steps(uow, actor, case_id=case_id), _actions(actor, case, view),
        reader not in ("integrity", "auditor"))


def _application(uow: UnitOfWork, case: Case) -> Application | None:
    ids = [i for i in (case.id, case.parent_case_id) if i is not None]
    found = uow.session.scalars(select(Application).where(Application.case_id.in_(ids))).all()
    return next((a for a in found if a.case_id == case.id), found[0] if found else None)


def _provider(uow: UnitOfWork, case: Case, app: Application | None) -> ProviderFacts | None:
    provider_id = case.provider_id or (app.provider_id if app else None)
    provider = uow.session.get(Provider, provider_id) if provider_id else None
    if provider is None:
        return None
    return ProviderFacts(provider.name, provider.kvk_number, provider.agb_code)


def _applied_for(uow: UnitOfWork, app: Application | None
                 ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if app is None:
        return (), ()
    applied = select(ApplicationSubsegment.subsegment_id).where(
        ApplicationSubsegment.application_id == app.id)
    subsegments = uow.session.scalars(select(Subsegment.name).where(
        Subsegment.id.in_(applied)).order_by(Subsegment.name)).all()
    municipalities = uow.session.scalars(select(Municipality.name).distinct().join(
        Participation, Participation.municipality_id == Municipality.id).where(
        Participation.subsegment_id.in_(applied)).order_by(Municipality.name)).all()
    return tuple(subsegments), tuple(municipalities)


def _documents(uow: UnitOfWork, app: Application | None,
               reader: str) -> tuple[DocumentRow, ...]:
    if app is None:
        return ()
    rows = uow.session.scalars(select(Document).where(Document.application_id == app.id)
                               .order_by(Document.uploaded_at, Document.id)).all()
    sees_all = reader in ("integrity", "auditor")
    return tuple(
        DocumentRow(d.filename, DOCUMENT_KINDS.get(d.kind, "Document"), d.uploaded_at,
                    d.uploaded_by)
        if sees_all or not (d.confidential or d.kind in CONFIDENTIAL_DOCUMENTS) else
        DocumentRow("Vertrouwelijk document", CONFIDENTIAL, None, "", hidden=True)
        for d in rows)


def _actions(actor: Actor, case: Case, view: CaseView) -> tuple[str, ...]:
    """The actions the actor's roles allow that fit the case's state now (the use cases
    check again: a screen opened earlier may be submitted too late)."""
    open_steps = {t.bpmn_id for t in view.open_tasks}
    undecided = not case.completed and case.process_id == "admission" and not any(
        item.key == "decided_on" for item in view.data)
    fits = {"supplement": "check_completeness" in open_steps,
            "notice_of_default": undecided, "extend_term": undecided,
            "lbb_questions": bool(open_steps & LBB_STEPS), "note": True,
            "withdraw": undecided}
    return tuple(a for a, roles in ACTIONS.items()
                 if fits[a] and any(actor.has(r) for r in roles))
