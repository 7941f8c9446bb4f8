"""Case list and case page for everyone signed in; what you see depends on who you are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from web.i18n import datum
from web.nav import OFFICERS, NavItem
from web.officer.action_forms import SLUGS, TITLES
from web.transactions import read, require_actor, write
from workflows import access_log, case_diagram, case_page, case_reads, labels, queries
from workflows.queries import CaseRow
from workflows.views import CaseView

STAFF = frozenset({"auditor", "admin"})

bp = Blueprint("cases", __name__, url_prefix="/zaken")
NAV = (NavItem(_l("Zaken"), "cases.index", OFFICERS | {"auditor", "admin"}),)


@bp.get("/")
def index() -> str | Response:
    actor = require_actor()
    if not (actor.is_officer or actor.roles & STAFF):
        return redirect(url_for("portal.home"))  # applicants follow theirs in the portal
    status = request.args.get("status") or None
    page = request.args.get("pagina", default=1, type=int)
    found = read(queries.list_cases, status=status, page=page)
    return render_template("cases.html", found=found, rows=_case_rows(found.rows),
                           status=labels.status(status) if status else None)


@bp.get("/<id:case_id>")
def show(case_id: int) -> str:
    actor = require_actor()
    if actor.is_officer or actor.roles & STAFF:
        if actor.has("auditor"):  # every case an auditor reads is in the access log
            write(access_log.record_access, case_id=case_id, action="opened")
        found = read(case_page.show_case_page, case_id=case_id,
                     timeline_page=request.args.get("tijdlijn", default=1, type=int))
        return render_template("case_page.html", page=found, case=found.case,
                               action_slugs=SLUGS, action_labels=TITLES,
                               regime_label=labels.regime)
    view = read(case_reads.show_case, case_id=case_id)
    return render_template("case.html", case=view, tasks=_task_rows(view))


@bp.get("/<id:case_id>/diagram")
def diagram(case_id: int) -> Response:
    """The case's diagrams (its pinned procedure version) with the steps to mark."""
    found = read(case_diagram.case_diagram, case_id=case_id)
    return jsonify(diagrams=[{"name": d.name, "title": d.title, "xml": d.xml}
                             for d in found.diagrams],
                   completed=list(found.completed), current=list(found.current))


def _case_rows(rows: Sequence[CaseRow]) -> list[list[Any]]:
    return [[{"text": r.reference or _("Zaak %(id)s", id=r.case_id),
              "url": url_for("cases.show", case_id=r.case_id)},
             r.process_label, r.provider, r.status_label, ", ".join(r.task_labels)]
            for r in rows]


def _task_rows(view: CaseView) -> list[list[Any]]:
    return [[t.label, t.role_label, datum(t.last_day)] for t in view.open_tasks]
