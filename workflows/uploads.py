"""Documents an applicant uploads: PDF only, checked on name, declared type, first bytes
and size before anything is stored; the bytes go to a folder outside the web root under
their sha256, the metadata to the `Document` table."""

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

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 10
PDF_MAGIC = b"%PDF-"
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
_SAFE = re.compile(r"[^A-Za-z0-9._ ()-]+")


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class StoredDocument:
    filename: str
    sha256: str
    size: int


def checked_name(filename: str) -> str:
    """The file's own name without any folder, in safe characters, ending in .pdf."""
    name = _SAFE.sub("_", filename.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    if not name.lower().endswith(".pdf") or name.lower() == ".pdf":
        raise InvalidInput("Alleen PDF-bestanden zijn toegestaan.",
                           {"bestanden": [f"{filename[:80]}: geen PDF-bestand."]})
    return name[-120:]


def check_pdf(upload: Upload) -> str:
    """Refuses anything that is not a PDF within the size limit; returns the safe name."""
    name = checked_name(upload.filename)
    problems = []
    if upload.content_type.split(";")[0].strip().lower() not in PDF_TYPES:
        problems.append(f"{name}: het bestand is geen PDF.")
    elif not upload.content.startswith(PDF_MAGIC):
        problems.append(f"{name}: de inhoud is geen PDF (alleen de naam eindigt op .pdf).")
    if len(upload.content) > MAX_BYTES:
        problems.append(f"{name}: groter dan {MAX_BYTES // (1024 * 1024)} MB.")
    if not upload.content:
        problems.append(f"{name}: het bestand is leeg.")
    if problems:
        raise InvalidInput("Het bestand kan niet worden opgeslagen.", {"bestanden": problems})
    return name


def store_pdfs(uow: UnitOfWork, actor: Actor, *, application_id: int,
               uploads: Sequence[Upload], directory: Path,
               kind: str = "supplement") -> tuple[StoredDocument, ...]:
    """Checks every upload first (one bad file stores nothing), then writes each under its
    sha256 after commit and records it as a document of the application."""
    if len(uploads) > MAX_FILES:
        raise InvalidInput("Te veel bestanden.",
                           {"bestanden": [f"Ten hoogste {MAX_FILES} bestanden tegelijk."]})
    names = [check_pdf(u) for u in uploads]
    stored = []
    for name, upload in zip(names, uploads, strict=True):
        digest = hashlib.sha256(upload.content).hexdigest()
        uow.session.add(Document(application_id=application_id, kind=kind, filename=name,
                                 content_type="application/pdf", size=len(upload.content),
                                 sha256=digest, confidential=False, uploaded_at=clock.now(),
                                 uploaded_by=actor.email))
        uow.on_commit(_writer(directory, digest, upload.content))
        stored.append(StoredDocument(name, digest, len(upload.content)))
    uow.session.flush()
    return tuple(stored)


def _writer(directory: Path, digest: str, content: bytes) -> Callable[[], None]:
    def write() -> None:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / digest
        if path.exists():
            return
        draft = directory / f".{digest}.{os.getpid()}"
        draft.write_bytes(content)
        os.replace(draft, path)
    return write
