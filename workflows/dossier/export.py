"""Exporting a case as a dossier: its log, the spec it runs on, its documents and letters,
a readable history, and a manifest with the sha256 of every other file in the zip."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import or_, select
from sqlalchemy.orm import undefer

from engine import clock
from models import (
    Application,
    Case,
    CaseEvent,
    ChainAnchor,
    Document,
    Letter,
    SpecBundle,
    SpecFile,
)
from workflows import access, case_reads
from workflows.actors import Actor
from workflows.dossier import layout, summary
from workflows.dossier.layout import ExportedEvent
from workflows.uow import UnitOfWork

_SHA256 = re.compile(r"[0-9a-f]{64}")  # a stored value becomes a path: nothing else


@dataclass(frozen=True)
class ExportedDossier:
    case_id: int
    reference: str
    events: int
    files: int
    missing_documents: tuple[str, ...]


def export_dossier(uow: UnitOfWork, actor: Actor, *, case_id: int, document_dir: Path,
                   target: IO[bytes]) -> ExportedDossier:
    """Write the case's dossier as a zip to `target`; a document whose bytes are gone is
    listed as missing in the manifest (the export still proves the rest)."""
    access.require_role(actor, "auditor", "admin", "system")
    case = access.require_read(actor, uow.session.scalars(
        select(Case).where(Case.id == case_id).options(undefer(Case.state))).one_or_none())
    files: dict[str, bytes] = {}
    events = _events(uow, case)
    files[layout.EVENTS] = "".join(layout.event_line(e) + "\n" for e in events).encode()
    files[layout.ANCHORS] = _anchors(uow, case)
    files.update(_spec_files(uow, case.spec_hash))
    documents = _documents(uow, case, document_dir, files)
    letters = _letters(uow, case, files)
    now = clock.now()
    view = case_reads.case_summary(uow, actor, case_id=case.id)
    html = summary.summary_html(uow, view, spec_hash=case.spec_hash, events=events,
                                moment=now, documents=documents, letters=letters)
    files[layout.SUMMARY_HTML] = html.encode()
    files[layout.SUMMARY_PDF] = summary.summary_pdf(html)
    manifest = {
        "format": layout.FORMAT, "case_id": case.id, "reference": view.reference,
        "process_id": case.process_id, "status": case.status,
        "spec_bundle": case.spec_hash,
        "head": {"seq": case.event_seq, "hash": case.event_hash},
        "state_sha256": hashlib.sha256(case.state.encode()).hexdigest(),
        "exported_at": now.isoformat(), "exported_by": actor.email,
        "documents": documents, "letters": letters,
        "files": {name: hashlib.sha256(content).hexdigest()
                  for name, content in sorted(files.items())}}
    _write_zip(target, files, manifest, now)
    missing = tuple(d["filename"] for d in documents if d["missing"])
    return ExportedDossier(case.id, view.reference, len(events), len(files) + 1, missing)


def _events(uow: UnitOfWork, case: Case) -> list[ExportedEvent]:
    """The log up to the head read with the state, so both describe the same moment."""
    rows = uow.session.scalars(select(CaseEvent).where(
        CaseEvent.case_id == case.id, CaseEvent.seq <= case.event_seq)
        .order_by(CaseEvent.seq)).all()
    return [ExportedEvent(r.seq, r.kind, r.actor, r.at, r.payload, r.prev_hash, r.hash)
            for r in rows]


def _anchors(uow: UnitOfWork, case: Case) -> bytes:
    """The anchors that cover the case: each a head its log must still pass through."""
    rows = uow.session.scalars(select(ChainAnchor).where(
        ChainAnchor.case_id == case.id, ChainAnchor.seq <= case.event_seq)
        .order_by(ChainAnchor.id)).all()
    return "".join(json.dumps({"seq": r.seq, "hash": r.hash,
                               "anchored_at": r.anchored_at.isoformat()},
                              sort_keys=True) + "\n" for r in rows).encode()


def _spec_files(uow: UnitOfWork, spec_hash: str) -> dict[str, bytes]:
    bundle = uow.session.get(SpecBundle, spec_hash)
    hashes = json.loads(bundle.file_hashes) if bundle is not None else []
    rows = uow.session.scalars(select(SpecFile).where(SpecFile.sha256.in_(hashes))
                               .order_by(SpecFile.name)).all()
    return {layout.member(layout.SPEC_DIR, r.name): r.xml.encode("utf-8") for r in rows}


def _documents(uow: UnitOfWork, case: Case, directory: Path,
               files: dict[str, bytes]) -> list[dict[str, Any]]:
    """The uploads of the case's application (a contract or objection case: its
    parent's), bytes read by sha256 from the document folder."""
    rows = uow.session.scalars(
        select(Document).join(Application, Application.id == Document.application_id)
        .where(or_(Application.case_id == case.id,
                   Application.case_id == case.parent_case_id))
        .order_by(Document.id)).all()
    listed = []
    for row in rows:
        stored = directory / f"{row.sha256}.pdf"
        name = layout.member(layout.DOCUMENT_DIR, f"{row.id}-{row.filename}")
        present = _SHA256.fullmatch(row.sha256) is not None and stored.is_file()
        if present:
            files[name] = stored.read_bytes()
        listed.append({"document_id": row.id, "kind": row.kind, "filename": row.filename,
                       "sha256": row.sha256, "size": row.size,
                       "uploaded_at": row.uploaded_at.isoformat(),
                       "uploaded_by": row.uploaded_by,
                       "path": name if present else None, "missing": not present})
    return listed


def _letters(uow: UnitOfWork, case: Case, files: dict[str, bytes]) -> list[dict[str, Any]]:
    rows = uow.session.scalars(select(Letter).where(Letter.case_id == case.id)
                               .order_by(Letter.id)).all()
    listed = []
    for row in rows:
        name = layout.member(layout.LETTER_DIR, f"{row.id}-{row.filename}")
        files[name] = row.content
        listed.append({"letter_id": row.id, "kind": row.kind, "filename": row.filename,
                       "recipient": row.recipient, "subject": row.subject,
                       "sha256": hashlib.sha256(row.content).hexdigest(),
                       "created_at": row.created_at.isoformat(), "path": name})
    return listed


def _write_zip(target: IO[bytes], files: dict[str, bytes], manifest: dict[str, Any],
               moment: datetime) -> None:
    stamp = moment.timetuple()[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in [*sorted(files.items()),
                              (layout.MANIFEST, _manifest_bytes(manifest))]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)


def _manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
