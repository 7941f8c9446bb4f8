"""The main navigation: which links a signed-in person sees depends on their roles.

Each blueprint names its own links (a tuple `NAV` of NavItem) and create_app registers
them in order; base.html shows those of the signed-in person. A link whose endpoint the
app does not have is never shown, so a page can be announced before it exists.

    NAV = (NavItem(_l("Taken"), "officer.inbox", OFFICERS),)
    nav.register(app, *officer.NAV)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, request, url_for

from web.transactions import current_actor
from workflows.actors import OFFICER_ROLES

OFFICERS = OFFICER_ROLES
EXTENSION = "toelating.nav"


@dataclass(frozen=True)
class NavItem:
    label: Any  # a lazy_gettext string: translated when the page is made
    endpoint: str
    roles: frozenset[str]


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = []
    app.context_processor(_navigation)


def register(app: Flask, *items: NavItem) -> None:
    app.extensions[EXTENSION].extend(items)


def links_for(roles: Iterable[str]) -> list[dict[str, Any]]:
    """The links for someone with these roles: label, url and whether it is this page."""
    held = frozenset(roles)
    items: list[NavItem] = current_app.extensions[EXTENSION]
    links, seen = [], set()
    for item in items:
        if item.endpoint in seen or not (item.roles & held):
            continue
        if item.endpoint not in current_app.view_functions:
            continue
        seen.add(item.endpoint)
        url = url_for(item.endpoint)
        current = request.endpoint == item.endpoint
        links.append({"label": str(item.label), "url": url, "current": current})
    return links


def _navigation() -> dict[str, Any]:
    try:
        actor = current_actor()
    except Exception:  # an error page (say, the database is down) must still render
        current_app.logger.exception("navigation without the signed-in person")
        actor = None
    return {"nav_links": links_for(actor.roles) if actor else [], "signed_in": actor}
