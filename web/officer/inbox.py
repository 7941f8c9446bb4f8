"""The inbox at /taken: the reviewer's home page (built out by the inbox screens)."""

from __future__ import annotations

from flask import redirect, url_for
from werkzeug.wrappers import Response

from web.officer import bp
from web.transactions import require_actor


@bp.get("/taken")
def inbox() -> Response:
    require_actor()
    return redirect(url_for("cases.index"))
