"""Checking a dossier on its own, without the database: every file against the manifest,
the hash chain of the log, the letters against what the log recorded, the spec files
against the pinned bundle hash, and a replay of the log on those spec files to the end
state the export recorded.

What it cannot see on its own: a manifest rewritten together with everything it hashes.
The chain's head is in the manifest; comparing it with an anchor kept elsewhere is what
catches that.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.chain import first_broken
from engine.errors import EngineError
from engine.replay import replay_sources
from engine.specs import SpecSource, bundle_hash
from workflows.dossier import attachments, layout
from workflows.dossier.archive import Limits, read_members
from workflows.dossier.layout import ExportedEvent
from workflows.errors import DamagedDossier

_MANIFEST_KEYS = ("case_id", "process_id", "spec_bundle", "head", "state_sha256", "files")


@dataclass(frozen=True)
class CheckedDossier:
    case_id: int
    events: int


def check_dossier(path: Path, limits: Limits | None = None) -> CheckedDossier:
    """The dossier proves itself, or DamagedDossier says which file or sequence number
    does not."""
    members = read_members(path, limits or Limits())
    manifest = _manifest(members)
    _check_files(members, manifest["files"])
    case_id = manifest["case_id"]
    events = layout.read_events(members[layout.EVENTS].decode("utf-8", "replace"))
    _check_chain(case_id, events, manifest["head"])
    _check_anchors(members.get(layout.ANCHORS, b""), events)
    attachments.check_letters(events, manifest)
    attachments.check_documents(manifest)
    sources = _spec_sources(members, manifest["spec_bundle"])
    _check_replay(case_id, manifest, sources, events)
    return CheckedDossier(case_id, len(events))


def _manifest(members: dict[str, bytes]) -> dict[str, Any]:
    if layout.MANIFEST not in members:
        raise DamagedDossier(f"{layout.MANIFEST} ontbreekt")
    try:
        manifest = json.loads(members[layout.MANIFEST])
    except (ValueError, RecursionError) as err:
        raise DamagedDossier(f"{layout.MANIFEST} is geen geldige JSON") from err
    if (not isinstance(manifest, dict) or manifest.get("format") != layout.FORMAT
            or any(key not in manifest for key in _MANIFEST_KEYS)
            or not isinstance(manifest["files"], dict)
            or type(manifest["case_id"]) is not int):
        raise DamagedDossier(f"{layout.MANIFEST} is geen manifest van een Toelating-dossier")
    return manifest


def _check_files(members: dict[str, bytes], listed: dict[str, Any]) -> None:
    """Each file exactly as hashed at export; none missing, none added."""
    for name in sorted(listed):
        if name not in members:
            raise DamagedDossier(f"{name} ontbreekt in het zip-bestand")
        if hashlib.sha256(members[name]).hexdigest() != listed[name]:
            raise DamagedDossier(f"{name} is gewijzigd: de sha256 klopt niet met het "
                                 "manifest")
    for name in sorted(set(members) - set(listed) - {layout.MANIFEST}):
        raise DamagedDossier(f"{name} staat niet in het manifest")
    if layout.EVENTS not in listed:
        raise DamagedDossier(f"{layout.EVENTS} ontbreekt in het manifest")


def _check_chain(case_id: int, events: list[ExportedEvent], head: Any) -> None:
    broken = first_broken(case_id, events)
    if broken is not None:
        raise DamagedDossier(f"{layout.EVENTS}: de hashketen breekt bij volgnummer {broken}")
    last = (events[-1].seq, events[-1].hash) if events else (0, "")
    if not isinstance(head, dict) or (head.get("seq"), head.get("hash")) != last:
        raise DamagedDossier(f"{layout.EVENTS}: het log eindigt bij volgnummer {last[0]}, "
                             "niet bij de kop die het manifest noemt")


def _check_anchors(content: bytes, events: list[ExportedEvent]) -> None:
    """Every anchor exported with the dossier is a head the log still passes through (an
    older dossier has none; compare with an anchor file kept elsewhere, too)."""
    hashes = {e.seq: e.hash for e in events}
    for number, line in enumerate(content.decode("utf-8", "replace").splitlines(), 1):
        try:
            anchor = json.loads(line)
            seq, digest = int(anchor["seq"]), str(anchor["hash"])
        except (ValueError, TypeError, KeyError, RecursionError) as err:
            raise DamagedDossier(f"{layout.ANCHORS}: regel {number} is geen anker") from err
        if hashes.get(seq) != digest:
            raise DamagedDossier(f"{layout.EVENTS}: het log gaat niet door het anker bij "
                                 f"volgnummer {seq} ({layout.ANCHORS}, regel {number})")


def _spec_sources(members: dict[str, bytes], pinned: Any) -> list[SpecSource]:
    prefix = f"{layout.SPEC_DIR}/"
    sources = [SpecSource(name.removeprefix(prefix), content)
               for name, content in sorted(members.items()) if name.startswith(prefix)]
    if bundle_hash([s.sha256 for s in sources]) != pinned:
        raise DamagedDossier(f"{layout.SPEC_DIR}/: de bestanden vormen niet de versie van "
                             "de procedure waarop de zaak draait")
    return sources


def _check_replay(case_id: int, manifest: dict[str, Any], sources: list[SpecSource],
                  events: list[ExportedEvent]) -> None:
    state = ""
    try:
        for step in replay_sources(case_id, str(manifest["process_id"]), sources, events):
            state = step.state
    except EngineError as err:
        raise DamagedDossier(f"{layout.EVENTS}: opnieuw afspelen mislukt: {err}") from err
    except Exception as err:  # the parser on hostile XML made to match the bundle hash
        raise DamagedDossier(f"{layout.SPEC_DIR}/: de bestanden laten zich niet "
                             "inlezen") from err
    if hashlib.sha256(state.encode()).hexdigest() != manifest["state_sha256"]:
        raise DamagedDossier(f"{layout.EVENTS}: het opnieuw afgespeelde log komt niet uit "
                             "op de stand die bij de export is vastgelegd")
