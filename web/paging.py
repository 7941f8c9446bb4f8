"""Pages of a list: which page the URL asks for (`?pagina=n`, bounded) and its slice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask import request

T = TypeVar("T")
PARAM = "pagina"


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    page: int
    pages: int


def requested_page() -> int:
    """The page number in the query; anything that is not a small positive number is 1."""
    raw = request.args.get(PARAM, "1")
    return int(raw) if raw.isdigit() and 0 < len(raw) <= 6 and int(raw) > 0 else 1


def paginate(items: Sequence[T], per_page: int) -> Page[T]:
    """The requested page of items; a page past the end shows the last one."""
    pages = max(1, -(-len(items) // per_page))
    page = min(requested_page(), pages)
    start = (page - 1) * per_page
    return Page(items[start:start + per_page], page, pages)
