"""Case list and case page for everyone signed in; what you see depends on who you are."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from web.transactions import current_actor, read
from workflows import case_reads, queries

bp = Blueprint("cases", __name__, url_prefix="/zaken")


@bp.get("/")
def index() -> str:
    status = request.args.get("status") or None
    page = request.args.get("pagina", default=1, type=int)
    found = read(queries.list_cases, status=status, page=page)
    return render_template("cases.html", found=found, actor=current_actor(), status=status)


@bp.get("/<id:case_id>")
def show(case_id: int) -> str:
    view = read(case_reads.show_case, case_id=case_id)
    return render_template("case.html", case=view, actor=current_actor())
