"""Documents an applicant uploads, in the wizard and when responding: PDF only, checked on
name, declared type, first bytes and size before anything is stored; the bytes go to a
folder outside the web root as `<sha256>.pdf` (after commit, so a refused or rolled-back
upload leaves nothing behind), the metadata to the `Document` table."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from engine import clock
from models import Document
from workflows.actors import Actor
from workflows.errors import InvalidInput
from workflows.uow import UnitOfWork

# Under the 10 MB request limit (MAX_CONTENT_LENGTH), so this message is the one shown.
MAX_BYTES = 8 * 1024 * 1024
MAX_FILES = 10
PDF_MAGIC = b"%PDF-"
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
_ODD = re.compile(r"[^A-Za-z0-9._() -]+")


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class StoredDocument:
    document_id: int
    filename: str
    sha256: str
    size: int


def check_pdf(upload: Upload, field: str = "bestanden") -> str:
    """Every reason the upload is refused, under `field`; else the name to keep."""
    problems = _problems(upload)
    if problems:
        raise InvalidInput(problems[0], {field: problems})
    name = _ODD.sub("_", upload.filename).strip(" ._") or "document"
    return (name if name.lower().endswith(".pdf") else f"{name}.pdf")[-120:]


def _problems(upload: Upload) -> list[str]:
    shown = _ODD.sub("_", upload.filename)[:80]
    if not upload.content and not upload.filename:
        return ["Kies een bestand om te uploaden."]
    if any(part in upload.filename for part in ("/", "\\", "..", "\x00")):
        return [f"{shown}: de bestandsnaam mag geen mappen of '..' bevatten. Geef het "
                "bestand een gewone naam en probeer het opnieuw."]
    problems = []
    declared = upload.content_type.split(";")[0].strip().lower()
    if declared not in PDF_TYPES or not upload.filename.lower().endswith(".pdf"):
        problems.append(f"{shown}: alleen PDF-bestanden zijn toegestaan.")
    elif not upload.content:
        problems.append(f"{shown}: het bestand is leeg.")
    elif not upload.content.startswith(PDF_MAGIC):
        problems.append(f"{shown}: dit bestand is geen echte PDF (alleen de naam eindigt op "
                        ".pdf). Sla het op als PDF en probeer het opnieuw.")
    if len(upload.content) > MAX_BYTES:
        problems.append(f"{shown}: het bestand is te groot. Het mag ten hoogste "
                        f"{MAX_BYTES // (1024 * 1024)} MB zijn.")
    return problems


def store_pdfs(uow: UnitOfWork, actor: Actor, *, application_id: int,
               uploads: Sequence[Upload], directory: Path, kind: str = "supplement",
               field: str = "bestanden") -> tuple[StoredDocument, ...]:
    """Checks every upload first (one bad file stores nothing), then records each as a
    document of the application and writes its bytes after commit."""
    if len(uploads) > MAX_FILES:
        raise InvalidInput("Te veel bestanden.",
                           {field: [f"Ten hoogste {MAX_FILES} bestanden tegelijk."]})
    names = [check_pdf(u, field) for u in uploads]
    stored = []
    for name, upload in zip(names, uploads, strict=True):
        digest = hashlib.sha256(upload.content).hexdigest()
        document = Document(application_id=application_id, kind=kind, filename=name,
                            content_type="application/pdf", size=len(upload.content),
                            sha256=digest, confidential=False, uploaded_at=clock.now(),
                            uploaded_by=actor.email)
        uow.session.add(document)
        uow.session.flush()
        uow.on_commit(_writer(directory, digest, upload.content))
        stored.append(StoredDocument(document.id, name, digest, len(upload.content)))
    return tuple(stored)


def _writer(directory: Path, digest: str, content: bytes) -> Callable[[], None]:
    def write() -> None:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{digest}.pdf"
        if path.exists():
            return  # same content, same file
        draft = directory / f".{digest}.{os.getpid()}.part"
        draft.write_bytes(content)
        os.replace(draft, path)
    return write
