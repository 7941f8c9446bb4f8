"""The application wizard of the portal: open windows, drafts of the organisation, the KIT
questionnaire and document uploads. Submitting is `registration.submit_draft`.

A draft is an `Application` without a case. Only the organisation's own applicants see
it; any other id is "not found", so ids cannot be probed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from sqlalchemy import select

from engine import clock
from models import (
    Application,
    ApplicationSubsegment,
    Document,
    Municipality,
    Participation,
    RegistrationWindow,
    Segment,
    Subsegment,
    WindowSubsegment,
)
from workflows import deadlines, overlap, questionnaire, uploads
from workflows.access import require_role
from workflows.actors import Actor
from workflows.errors import Conflict, InvalidInput, NotFound
from workflows.uow import UnitOfWork

DOCUMENT_KINDS = {"kvk_extract": "Uittreksel uit het Handelsregister (KvK)",
                  "vog": "Verklaring Omtrent het Gedrag (VOG) van de organisatie",
                  "certificate": "Kwaliteitscertificaat",
                  "annual_accounts": "Jaarrekening van het laatste jaar",
                  "other": "Ander document"}
TENDER_NOTE = ("Deze zorg kopen de gemeenten in met een aanbesteding. Daarvoor kunt u zich "
               "hier niet aanmelden.")


@dataclass(frozen=True)
class OfferedSubsegment:
    code: str
    name: str
    segment: str
    municipalities: tuple[str, ...]
    closed: tuple[str, ...]  # municipalities where the product group is closed
    closed_reason: str


@dataclass(frozen=True)
class OpenWindow:
    window_id: int
    title: str
    closes_at: datetime
    subsegments: tuple[OfferedSubsegment, ...]
    tendered: tuple[str, ...]  # names of subsegments not offered: tendered


@dataclass(frozen=True)
class DocumentView:
    document_id: int
    kind: str
    filename: str
    size: int
    sha256: str


@dataclass(frozen=True)
class DraftView:
    application_id: int
    window: OpenWindow
    window_open: bool
    subsegments: tuple[str, ...]
    municipalities: tuple[str, ...]
    answers: dict[str, Any]
    documents: tuple[DocumentView, ...]
    updated: str


def open_windows(uow: UnitOfWork, actor: Actor) -> list[OpenWindow]:
    """The registration windows open now, with what they offer where."""
    now = clock.now()
    windows = uow.session.scalars(select(RegistrationWindow).where(
        RegistrationWindow.opens_at <= now, RegistrationWindow.closes_at > now)
        .order_by(RegistrationWindow.closes_at, RegistrationWindow.id)).all()
    return [_window(uow, w) for w in windows]


def _window(uow: UnitOfWork, window: RegistrationWindow) -> OpenWindow:
    rows = uow.session.execute(
        select(Subsegment, Segment.name, WindowSubsegment)
        .join(WindowSubsegment, WindowSubsegment.subsegment_id == Subsegment.id)
        .join(Segment, Segment.id == Subsegment.segment_id)
        .where(WindowSubsegment.window_id == window.id).order_by(Segment.name, Subsegment.name)
    ).all()
    buyers: dict[int, list[tuple[str, str]]] = {}
    for sid, code, name in uow.session.execute(
            select(Participation.subsegment_id, Municipality.code, Municipality.name)
            .join(Municipality, Municipality.id == Participation.municipality_id)
            .where(Municipality.region_id == window.region_id).order_by(Municipality.name)):
        buyers.setdefault(sid, []).append((code, name))
    offered = []
    for sub, segment, ws in rows:
        closed_codes = {c.strip() for c in ws.closed_for.split(",") if c.strip()}
        municipalities = buyers.get(sub.id, [])
        offered.append(OfferedSubsegment(
            sub.code, sub.name, segment,
            tuple(n for c, n in municipalities if c not in closed_codes),
            tuple(n for c, n in municipalities if c in closed_codes), ws.closed_reason))
    tendered = uow.session.scalars(select(Subsegment.name).join(
        Segment, Segment.id == Subsegment.segment_id).where(
        Segment.region_id == window.region_id, Subsegment.procurement_form == "tender")
        .order_by(Subsegment.name)).all()
    return OpenWindow(window.id, window.title, window.closes_at, tuple(offered),
                      tuple(tendered))


@dataclass(frozen=True)
class StartPage:
    drafts: list[DraftView]
    windows: list[OpenWindow]


def start_page(uow: UnitOfWork, actor: Actor) -> StartPage:
    """The organisation's drafts and the windows open now, to continue or begin."""
    return StartPage(my_drafts(uow, actor), open_windows(uow, actor))


def my_drafts(uow: UnitOfWork, actor: Actor) -> list[DraftView]:
    """The organisation's drafts, newest first."""
    require_role(actor, "applicant")
    ids = uow.session.scalars(select(Application.id).where(
        Application.provider_id == actor.provider_id, Application.case_id.is_(None))
        .order_by(Application.id.desc())).all()
    return [draft(uow, actor, application_id=i) for i in ids]


def start_draft(uow: UnitOfWork, actor: Actor, *, window_id: int) -> int:
    """Begin an application within an open window, saved as a draft of the organisation."""
    require_role(actor, "applicant")
    window = uow.session.get(RegistrationWindow, window_id)
    now = clock.now()
    if window is None or actor.provider_id is None:
        raise NotFound("Deze openstelling bestaat niet.")
    if not window.opens_at <= now < window.closes_at:
        raise Conflict("De inschrijving voor deze openstelling is niet open.")
    app = Application(reference=f"concept-{uuid4().hex[:24]}", provider_id=actor.provider_id,
                      window_id=window.id, received_on=deadlines.local_day(now),
                      submitted_by=actor.email, answers="{}")
    uow.session.add(app)
    uow.session.flush()
    return app.id


def draft(uow: UnitOfWork, actor: Actor, *, application_id: int) -> DraftView:
    """One draft of the actor's organisation."""
    app = _own(uow, actor, application_id)
    window = uow.session.get(RegistrationWindow, app.window_id)
    assert window is not None  # a foreign key
    codes = uow.session.scalars(select(Subsegment.code).join(
        ApplicationSubsegment, ApplicationSubsegment.subsegment_id == Subsegment.id)
        .where(ApplicationSubsegment.application_id == app.id).order_by(Subsegment.code)).all()
    documents = uow.session.scalars(select(Document).where(
        Document.application_id == app.id).order_by(Document.id)).all()
    answers = json.loads(app.answers or "{}")
    now = clock.now()
    return DraftView(app.id, _window(uow, window), window.opens_at <= now < window.closes_at,
                     tuple(codes), tuple(answers.get("municipalities", [])), answers,
                     tuple(DocumentView(d.id, d.kind, d.filename, d.size, d.sha256)
                           for d in documents), app.reference)


def choose_care(uow: UnitOfWork, actor: Actor, *, application_id: int,
                subsegment_codes: list[str], municipalities: list[str]) -> DraftView:
    """Step 1: the subsegments and the municipalities the draft is for."""
    view = draft(uow, actor, application_id=application_id)
    offered = {s.code: s for s in view.window.subsegments}
    codes = sorted(set(subsegment_codes))
    if not codes or set(codes) - offered.keys():
        raise InvalidInput("Kies minstens één soort zorg uit de lijst.",
                           {"subsegment_codes": ["Kies minstens één soort zorg uit de lijst."]})
    open_places = {m for c in codes for m in offered[c].municipalities}
    places = sorted(set(municipalities))
    if not places:
        raise InvalidInput("Kies minstens één gemeente.",
                           {"municipalities": ["Kies minstens één gemeente."]})
    if set(places) - open_places:
        names = sorted(set(places) - open_places)
        message = (f"{_enumerate(names)} {'koopt' if len(names) == 1 else 'kopen'} de zorg "
                   "die u koos niet in via deze inschrijving. Kies andere zorg of laat deze "
                   "gemeente weg.")
        raise InvalidInput(message, {"municipalities": [message]})
    app = _own(uow, actor, application_id)
    window = uow.session.get(RegistrationWindow, app.window_id)
    ids = {code: sid for code, sid in uow.session.execute(
        select(Subsegment.code, Subsegment.id).where(Subsegment.code.in_(codes)))}
    if window is not None:
        overlap.refuse_overlap(uow, app.provider_id, window.region_id, list(ids.values()),
                               app.id)
    for row in uow.session.scalars(select(ApplicationSubsegment).where(
            ApplicationSubsegment.application_id == app.id)):
        uow.session.delete(row)
    uow.session.flush()
    uow.session.add_all(ApplicationSubsegment(application_id=app.id, subsegment_id=ids[c])
                        for c in codes)
    _save_answers(app, {"municipalities": places})
    uow.session.flush()
    return draft(uow, actor, application_id=application_id)


def _enumerate(names: list[str]) -> str:
    """"Almelo", "Almelo en Hengelo", "Almelo, Hengelo en Oldenzaal"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


def answer_integrity(uow: UnitOfWork, actor: Actor, *, application_id: int,
                     answers: dict[str, Any]) -> None:
    """Step 2: the Bibob questions (Wet Bibob art. 30 questionnaire)."""
    app = _own(uow, actor, application_id)
    loaded = questionnaire.load_part(questionnaire.IntegrityAnswersSchema, answers)
    _save_answers(app, {"integrity": loaded})


def answer_quality(uow: UnitOfWork, actor: Actor, *, application_id: int,
                   answers: dict[str, Any]) -> None:
    """Step 3: the KIT quality criteria, general and per chosen subsegment."""
    view = draft(uow, actor, application_id=application_id)
    names = {s.code: s.name for s in view.window.subsegments if s.code in view.subsegments}
    loaded = questionnaire.load_part(questionnaire.quality_schema(names), answers)
    _save_answers(_own(uow, actor, application_id), {"quality": loaded})


def add_document(uow: UnitOfWork, actor: Actor, *, application_id: int, kind: str,
                 filename: str, content_type: str, data: bytes, storage: str) -> DocumentView:
    """Step 4: attach a PDF to the draft; the bytes are stored by sha256 under `storage`."""
    app = _own(uow, actor, application_id)
    if kind not in DOCUMENT_KINDS:
        raise InvalidInput("Kies wat voor document dit is.",
                           {"kind": ["Kies wat voor document dit is."]})
    [stored] = uploads.store_pdfs(uow, actor, application_id=app.id, kind=kind,
                                  uploads=[uploads.Upload(filename, content_type, data)],
                                  directory=Path(storage), field="document")
    return DocumentView(stored.document_id, kind, stored.filename, stored.size, stored.sha256)


def remove_document(uow: UnitOfWork, actor: Actor, *, application_id: int,
                    document_id: int) -> None:
    """Take a document off the draft (the stored bytes may serve another document)."""
    app = _own(uow, actor, application_id)
    document = uow.session.get(Document, document_id)
    if document is None or document.application_id != app.id:
        raise NotFound("Dit document bestaat niet.")
    uow.session.delete(document)


def _own(uow: UnitOfWork, actor: Actor, application_id: int) -> Application:
    require_role(actor, "applicant")
    app = uow.session.get(Application, application_id)
    if app is None or app.provider_id != actor.provider_id or app.case_id is not None:
        raise NotFound("Deze conceptaanvraag bestaat niet.")
    return app


def _save_answers(app: Application, part: dict[str, Any]) -> None:
    answers = {**json.loads(app.answers or "{}"), **part}
    app.answers = json.dumps(answers, sort_keys=True, default=str)
