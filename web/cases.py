"""Case list and case page for everyone signed in; what you see depends on who you are."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from web.deps import db, require_actor
from workflows import cases as case_use_cases
from workflows import queries

bp = Blueprint("cases", __name__, url_prefix="/zaken")


@bp.get("/")
def index() -> str:
    actor = require_actor()
    status = request.args.get("status") or None
    page = request.args.get("pagina", default=1, type=int)
    with db().reader() as uow:
        found = queries.list_cases(uow, actor, status=status, page=page)
    return render_template("cases.html", found=found, actor=actor, status=status)


@bp.get("/<int:case_id>")
def show(case_id: int) -> str:
    actor = require_actor()
    with db().reader() as uow:
        view = case_use_cases.show_case(uow, actor, case_id=case_id)
    return render_template("case.html", case=view, actor=actor)
