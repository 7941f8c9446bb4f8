"""The applicant portal at /portaal: provider organisations apply, follow their
applications and answer the municipality's requests, in plain Dutch (B1).

One blueprint for the audience; each screen family is its own module that adds its
routes to `bp` and is imported in `blueprint()`, so nothing happens at import time.
"""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from web.nav import NavItem

bp = Blueprint("portal", __name__, url_prefix="/portaal")
NAV: tuple[NavItem, ...] = (
    NavItem(_l("Mijn aanvragen"), "portal.home", frozenset({"applicant"})),
    NavItem(_l("Toelating aanvragen"), "portal.new_application", frozenset({"applicant"})),
)


def blueprint() -> Blueprint:
    """The blueprint with every screen family's routes attached."""
    from web.portal import apply, home, respond, signup  # noqa: F401  (routes attach themselves)

    return bp
