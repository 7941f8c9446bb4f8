"""The applicant portal at /portaal: provider organisations apply, follow their
applications and answer the municipality's requests, in plain Dutch (B1).

One blueprint for the audience; each screen family is its own module that adds its
routes to `bp` and is imported in `blueprint()`, so nothing happens at import time.
"""

from __future__ import annotations

from flask import Blueprint

from web.nav import NavItem

bp = Blueprint("portal", __name__, url_prefix="/portaal")
# The applicants' menu item is still the case list's; the portal takes it over.
NAV: tuple[NavItem, ...] = ()


def blueprint() -> Blueprint:
    """The blueprint with every screen family's routes attached."""
    from web.portal import apply, home, signup  # noqa: F401  (routes attach themselves to bp)

    return bp
