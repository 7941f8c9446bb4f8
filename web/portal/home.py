"""My applications at /portaal and one application's status page."""

from __future__ import annotations

from flask import render_template

from web.portal import bp
from web.transactions import read
from workflows import applying, portal


@bp.get("/")
def home() -> str:
    found = read(portal.my_applications)
    return render_template("portal/home.html", found=found, drafts=read(applying.my_drafts))


@bp.get("/aanvragen/<id:case_id>")
def status(case_id: int) -> str:
    page = read(portal.application_status, case_id=case_id)
    return render_template("portal/status.html", page=page, case=page.case)
