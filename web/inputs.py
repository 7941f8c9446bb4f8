"""Malformed input stops at the door with a 4xx and a Dutch message, never a 500.

What reaches a view is valid UTF-8 without NUL bytes (PostgreSQL cannot store them),
JSON of bounded depth (Python's parser would otherwise overflow its stack), and ids that
fit the id columns (a larger number is no page, not a database overflow). Bodies are
bounded by MAX_CONTENT_LENGTH (413).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_to_bytes

from flask import Flask, Request, request
from flask.json.provider import DefaultJSONProvider
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter, Map

from web.errors import Malformed

# Ids are INTEGER columns: 64-bit on SQLite but 32-bit on PostgreSQL, which refuses a
# larger parameter with an error instead of finding no row. No row can have a larger id.
MAX_ID = 2**31 - 1
MAX_JSON_DEPTH = 32
BAD_ENCODING = _l("Het verzoek bevat tekens die geen geldige UTF-8 zijn.")
NUL_BYTE = _l("Het verzoek bevat een NUL-teken; dat kan niet worden verwerkt.")
BAD_JSON = _l("De JSON in het verzoek is ongeldig.")
TOO_DEEP = _l("De JSON is dieper genest dan %(depth)s niveaus.", depth=MAX_JSON_DEPTH)


class IdConverter(IntegerConverter):
    """`<id:name>`: 1 .. MAX_ID; at most 19 digits, so no huge number is even parsed."""

    regex = r"\d{1,19}"

    def __init__(self, url_map: Map) -> None:
        super().__init__(url_map, min=1, max=MAX_ID)


class RefusedJSON(ValueError):
    """JSON that parses but that we will not take (Dutch message)."""


class BoundedJSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            value = super().loads(s, **kwargs)
        except RecursionError as err:
            raise RefusedJSON(TOO_DEEP) from err
        _check_json(value)
        return value


class ToelatingRequest(Request):
    def on_json_loading_failed(self, e: ValueError | None) -> Any:
        raise Malformed(str(e) if isinstance(e, RefusedJSON) else BAD_JSON)


def init_app(app: Flask) -> None:
    app.url_map.converters["id"] = IdConverter
    app.json = BoundedJSONProvider(app)
    app.request_class = ToelatingRequest
    app.before_request(check_request)


def check_request() -> None:
    """Refuse undecodable or NUL-carrying query strings, forms and JSON bodies."""
    _check_urlencoded(request.query_string)
    if request.mimetype == "application/x-www-form-urlencoded":
        _check_urlencoded(request.get_data(cache=True))  # the form is parsed from this copy
    elif request.mimetype == "multipart/form-data":
        _check_parts()
    if request.is_json and request.get_data(cache=True):
        request.get_json()  # parsed (and checked by BoundedJSONProvider) once, then cached


def _check_urlencoded(raw: bytes) -> None:
    try:
        text = unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError as err:
        raise Malformed(BAD_ENCODING) from err
    if "\x00" in text:
        raise Malformed(NUL_BYTE)


def _check_parts() -> None:
    for key, value in request.form.items(multi=True):
        text = key + value
        if "\x00" in text:
            raise Malformed(NUL_BYTE)
        if "\ufffd" in text:  # parts are decoded leniently: this marks bytes that were no UTF-8
            raise Malformed(BAD_ENCODING)


def _check_json(value: Any) -> None:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise RefusedJSON(NUL_BYTE)
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > MAX_JSON_DEPTH:
            raise RefusedJSON(TOO_DEEP)
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
