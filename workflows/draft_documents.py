"""Checking and storing the documents of a draft application (the wizard): PDF only,
within the size limit, stored by content (sha256) outside the web root. A refused file
leaves nothing behind. (The portal's responses use workflows.uploads.)"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from workflows.errors import InvalidInput

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024  # under the 10 MB request limit, so this message shows
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
_ODD = re.compile(r"[^A-Za-z0-9._() -]+")
FIELD = "document"


@dataclass(frozen=True)
class CheckedPdf:
    filename: str
    sha256: str
    size: int


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, {FIELD: [message]})


def check_pdf(filename: str, content_type: str, data: bytes) -> CheckedPdf:
    """Refuse anything but a PDF of at most MAX_DOCUMENT_BYTES with a plain name."""
    if not data:
        raise _refuse("Kies een bestand om te uploaden.")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _refuse(f"Het bestand is te groot. Het mag ten hoogste "
                      f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MB zijn.")
    if "/" in filename or "\\" in filename or ".." in filename or "\x00" in filename:
        raise _refuse("De bestandsnaam mag geen mappen of '..' bevatten. Geef het bestand "
                      "een gewone naam en probeer het opnieuw.")
    base = content_type.split(";")[0].strip().lower()
    if base not in PDF_TYPES or not filename.lower().endswith(".pdf"):
        raise _refuse("Alleen PDF-bestanden zijn toegestaan.")
    if not data.startswith(b"%PDF-"):
        raise _refuse("Dit bestand is geen echte PDF. Sla het op als PDF en probeer het "
                      "opnieuw.")
    name = _ODD.sub("_", filename).strip(" ._") or "document"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return CheckedPdf(name[-120:], hashlib.sha256(data).hexdigest(), len(data))


def store(directory: str, checked: CheckedPdf, data: bytes) -> Path:
    """Write the bytes under their sha256 (same content, same file), atomically."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{checked.sha256}.pdf"
    if not target.exists():
        fd, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    return target
