"""The dossier's readable history: every event of the log in words (who, in which role,
when, what; system steps too, so no sequence number is missing) with the case's facts,
letters and documents, as HTML and as PDF."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from letters.render import html_to_pdf, render_page
from workflows.case_timeline import TimelineEntry, event_entry
from workflows.dossier.layout import ExportedEvent
from workflows.errors import long_moment
from workflows.uow import UnitOfWork
from workflows.views import CaseView

TEMPLATE = "dossier_summary.html"
AUDIENCE = "auditor"  # everything, confidential integrity steps included


def summary_html(uow: UnitOfWork, view: CaseView, *, spec_hash: str,
                 events: Sequence[ExportedEvent], moment: datetime,
                 documents: Sequence[dict[str, Any]],
                 letters: Sequence[dict[str, Any]]) -> str:
    return render_page(TEMPLATE, {
        "case_id": view.case_id, "reference": view.reference, "provider": view.provider,
        "process": view.process_label, "status": view.status_label, "spec_hash": spec_hash,
        "event_count": len(events), "head_hash": events[-1].hash if events else "",
        "exported_at": long_moment(moment),
        "entries": [_entry(event_entry(uow, view.case_id, e.seq, AUDIENCE)) for e in events],
        "documents": [_dated(d, "uploaded_at") for d in documents],
        "letters": [_dated(letter, "created_at") for letter in letters]})


def summary_pdf(html: str) -> bytes:
    return html_to_pdf(html)


def _entry(entry: TimelineEntry) -> dict[str, Any]:
    return {"seq": entry.seq, "at": long_moment(entry.at), "who": entry.who,
            "role": entry.role_label, "text": entry.text, "detail": entry.detail}


def _dated(row: dict[str, Any], key: str) -> dict[str, Any]:
    return {**row, key: long_moment(datetime.fromisoformat(row[key]))}
