"""My applications at /portaal (built out by the portal screens)."""

from __future__ import annotations

from web import cases
from web.portal import bp
from web.transactions import require_actor
from workflows.errors import NotAllowed


@bp.get("/")
def home() -> str:
    if not require_actor().has("applicant"):
        raise NotAllowed("Deze pagina is voor aanbieders die een aanvraag doen.")
    return cases.index()
