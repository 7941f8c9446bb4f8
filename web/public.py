"""The landing page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from werkzeug.wrappers import Response

from web.transactions import current_actor

bp = Blueprint("public", __name__)


@bp.get("/")
def home() -> str | Response:
    if current_actor() is not None:
        return redirect(url_for("cases.index"))
    return render_template("home.html")
