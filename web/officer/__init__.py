"""The officer workspace: the inbox at /taken, task screens and the officers' actions.

One blueprint for the audience; each screen family is its own module that adds its
routes to `bp` and is imported in `blueprint()`, so nothing happens at import time.
"""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from web.nav import OFFICERS, NavItem

bp = Blueprint("officer", __name__)
NAV = (NavItem(_l("Taken"), "officer.inbox", OFFICERS),)


def blueprint() -> Blueprint:
    """The blueprint with every screen family's routes attached."""
    from web.officer import actions, inbox, tasks  # noqa: F401  (routes attach themselves)

    return bp
