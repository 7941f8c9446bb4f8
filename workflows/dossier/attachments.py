"""The letters and documents in a dossier, against the manifest and against the log.

The manifest comes from the zip, so every entry is read as if hostile: a malformed one is
named, never a traceback."""

from __future__ import annotations

import json
from typing import Any

from workflows.dossier import layout
from workflows.dossier.layout import ExportedEvent
from workflows.errors import DamagedDossier

ID_KEYS = {"letters": "letter_id", "documents": "document_id"}


def check_letters(events: list[ExportedEvent], manifest: dict[str, Any]) -> None:
    """Each letter hashes to what the log recorded when it was sent, and every letter the
    log recorded is there: a letter swapped together with its manifest entry still fails,
    on the chain."""
    logged = _logged_letters(events)
    for letter in _listed(manifest, "letters"):
        path, sha256 = letter["path"], letter["sha256"]
        if path is None or manifest["files"].get(path) != sha256:
            raise DamagedDossier(f"{path}: de sha256 in het manifest klopt niet")
        if logged.pop(letter["letter_id"], None) != sha256:
            raise DamagedDossier(f"{path}: de sha256 wijkt af van wat het log bij het "
                                 "versturen vastlegde")
    for letter_id in logged:
        raise DamagedDossier(f"brief {letter_id} staat in het log maar niet in het dossier")


def check_documents(manifest: dict[str, Any]) -> None:
    """A document that is there is the one uploaded (its sha256 was recorded then)."""
    for document in _listed(manifest, "documents"):
        path = document["path"]
        if path is not None and manifest["files"].get(path) != document["sha256"]:
            raise DamagedDossier(f"{path}: de sha256 wijkt af van die bij het uploaden")


def _listed(manifest: dict[str, Any], key: str) -> list[dict[str, Any]]:
    entries = manifest.get(key, [])
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get(ID_KEYS[key]), int)
            and isinstance(e.get("sha256"), str) and isinstance(e.get("path"), str | None)
            for e in entries):
        raise DamagedDossier(f"{layout.MANIFEST}: de lijst '{key}' is onleesbaar")
    return entries


def _logged_letters(events: list[ExportedEvent]) -> dict[int, str]:
    """{letter id: sha256} as the send_letter calls in the log recorded them."""
    found: dict[int, str] = {}
    for event in events:
        call = json.loads(event.payload) if event.kind == "service_called" else None
        if not isinstance(call, dict) or call.get("service") != "send_letter":
            continue
        result = call.get("result")
        for sent in result.get("letters", []) if isinstance(result, dict) else []:
            if not (isinstance(sent, dict) and isinstance(sent.get("letter_id"), int)):
                raise DamagedDossier(f"{layout.EVENTS}: volgnummer {event.seq} beschrijft "
                                     "een brief onvolledig")
            found[sent["letter_id"]] = str(sent.get("sha256"))
    return found
