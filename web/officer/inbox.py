"""The inbox at /taken: the reviewer's home page (built out by the inbox screens)."""

from __future__ import annotations

from web import cases
from web.officer import bp
from web.transactions import require_actor
from workflows.errors import NotAllowed


@bp.get("/taken")
def inbox() -> str:
    if not require_actor().is_officer:
        raise NotAllowed("Deze pagina is voor medewerkers die zaken beoordelen.")
    return cases.index()
