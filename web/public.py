"""The landing page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from werkzeug.wrappers import Response

from web.transactions import current_actor

bp = Blueprint("public", __name__)


@bp.get("/")
def home() -> str | Response:
    actor = current_actor()
    if actor is not None:
        return redirect(url_for("officer.inbox" if actor.is_officer else "cases.index"))
    return render_template("home.html")
