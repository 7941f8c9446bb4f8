"""What export and check agree on: the names in the zip and one event per JSON line.

A line holds exactly what the chain hashed (engine.events.event_body, less the case id,
which the manifest holds), so the chain can be recomputed from the lines alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.events import canonical
from workflows.errors import DamagedDossier

FORMAT = "toelating-dossier/1"
MANIFEST = "manifest.json"
EVENTS = "events.jsonl"
ANCHORS = "anchors.jsonl"  # the chain heads recorded apart from the case (chain_anchor)
SUMMARY_HTML = "summary.html"
SUMMARY_PDF = "summary.pdf"
SPEC_DIR, DOCUMENT_DIR, LETTER_DIR = "spec", "documents", "letters"
LINE_KEYS = frozenset({"seq", "kind", "actor", "at", "payload", "prev_hash", "hash"})
_ODD = re.compile(r"[^A-Za-z0-9._()-]+")


@dataclass(frozen=True)
class ExportedEvent:
    """One logged event; `payload` is the JSON text as stored (canonical)."""

    seq: int
    kind: str
    actor: str
    at: datetime
    payload: str
    prev_hash: str
    hash: str


def member(folder: str, stem: str) -> str:
    """A member name that is one plain file in its folder, whatever the stored name."""
    return f"{folder}/{_ODD.sub('_', stem).strip('._') or 'bestand'}"


def event_line(event: ExportedEvent) -> str:
    try:
        payload: Any = json.loads(event.payload)
    except ValueError:
        payload = event.payload  # already damaged in the database: the check will say so
    return canonical({"seq": event.seq, "kind": event.kind, "actor": event.actor,
                      "at": event.at.isoformat(), "payload": payload,
                      "prev_hash": event.prev_hash, "hash": event.hash})


def read_events(text: str) -> list[ExportedEvent]:
    """The lines back as events; a line that is no event is named by its number."""
    events = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            events.append(_event(json.loads(line)))
        except (ValueError, TypeError, KeyError, RecursionError) as err:
            raise DamagedDossier(f"{EVENTS}: regel {number} is geen geldige "
                                 "gebeurtenis") from err
    return events


def _event(value: Any) -> ExportedEvent:
    if not isinstance(value, dict) or set(value) != LINE_KEYS:
        raise ValueError("andere velden")
    payload = value["payload"]
    text = payload if isinstance(payload, str) else canonical(payload)
    at = datetime.fromisoformat(value["at"])
    if not all(isinstance(value[k], str) for k in ("kind", "actor", "prev_hash", "hash")) \
            or type(value["seq"]) is not int:
        raise TypeError("verkeerde soort waarde")
    return ExportedEvent(value["seq"], value["kind"], value["actor"], at, text,
                         value["prev_hash"], value["hash"])
