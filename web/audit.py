"""The auditor's side, read-only: find cases, step through a case's history with its
diagram as it stood, and (admins) see who read which case. Every opened case is recorded
in the access log, apart from the case's own chain."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from io import BytesIO
from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request, send_file
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from web.config import document_dir
from web.nav import NavItem
from web.transactions import read, write
from workflows import access_log, audit_search, case_diagram, case_history
from workflows.deadlines import AMSTERDAM
from workflows.dossier import export

bp = Blueprint("audit", __name__, url_prefix="/audit")
NAV = (NavItem(_l("Audit"), "audit.search", frozenset({"auditor"})),
       NavItem(_l("Inzage-log"), "audit.access", frozenset({"admin"})))


@bp.get("/")
def search() -> str:
    filters, problems = _filters(request.args)
    found = read(audit_search.search_cases, filters=filters,
                 page=request.args.get("pagina", default=1, type=int)) if not problems else None
    return render_template("audit/search.html", found=found, filters=filters,
                           problems=problems, choices=read(audit_search.search_choices),
                           searched=bool(request.args))


@bp.get("/zaken/<id:case_id>")
def history(case_id: int) -> str:
    moment, problems = _day_end(request.args.get("datum", ""))
    step = read(case_history.history_step, case_id=case_id, moment=moment,
                seq=request.args.get("stap", type=int))
    write(access_log.record_access, case_id=case_id, action="opened")
    return render_template("audit/history.html", step=step, problems=problems,
                           day=request.args.get("datum", ""))


@bp.get("/zaken/<id:case_id>/diagram")
def diagram(case_id: int) -> Response:
    """The diagrams of the case's version with the steps as they stood after `stap`."""
    step = read(case_history.history_step, case_id=case_id,
                seq=request.args.get("stap", type=int))
    found = read(case_diagram.case_diagram_at, case_id=case_id, at=step.entry.at,
                 ended=step.completed)
    return jsonify(diagrams=[{"name": d.name, "title": d.title, "xml": d.xml}
                             for d in found.diagrams],
                   completed=list(found.completed), current=list(found.current))


@bp.get("/zaken/<id:case_id>/dossier")
def dossier(case_id: int) -> Response:
    """The case's dossier as a zip that proves itself (toelating verify-export)."""
    buffer = BytesIO()
    made = read(export.export_dossier, case_id=case_id, target=buffer,
                document_dir=document_dir(current_app.config, current_app.instance_path))
    write(access_log.record_access, case_id=case_id, action="exported")
    buffer.seek(0)
    return send_file(buffer, mimetype="application/zip", as_attachment=True, max_age=0,
                     download_name=f"dossier-{made.reference}.zip")


@bp.get("/inzage")
def access() -> str:
    found = read(access_log.access_log, page=request.args.get("pagina", default=1, type=int))
    return render_template("audit/access.html", found=found)


def _filters(args: Any) -> tuple[audit_search.Filters, dict[str, list[str]]]:
    problems: dict[str, list[str]] = {}
    days = {}
    for name in ("van", "tot"):
        days[name], wrong = _day(args.get(name, ""))
        if wrong:
            problems[name] = [wrong]
    if days["van"] and days["tot"] and days["van"] > days["tot"]:
        problems["tot"] = [_("De einddatum ligt vóór de begindatum.")]
    return audit_search.Filters(
        provider=args.get("aanbieder", "")[:200], subsegment=args.get("subsegment", "")[:80],
        municipality=args.get("gemeente", "")[:40], phase=args.get("fase", "")[:40],
        received_from=days["van"], received_to=days["tot"]), problems


def _day(text: str) -> tuple[date | None, str]:
    value = text.strip()
    if not value:
        return None, ""
    for form in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, form).date(), ""
        except ValueError:
            continue
    if re.fullmatch(r"\d{1,2}-\d{1,2}-\d{4}", value):
        return None, _("Deze datum bestaat niet. Kijk de dag en de maand na.")
    return None, _("Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 02-03-2026.")


def _day_end(text: str) -> tuple[datetime | None, dict[str, list[str]]]:
    """The end of the day typed (Dutch time): the case as it stood that evening."""
    day, wrong = _day(text)
    if wrong:
        return None, {"datum": [wrong]}
    if day is None:
        return None, {}
    start = datetime.combine(day + timedelta(days=1), datetime.min.time(), AMSTERDAM)
    return start - timedelta(microseconds=1), {}
