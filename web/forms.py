"""What the form macros (templates/macros/forms.html) need from Python: the values to put
back in a field, its error messages, the hidden copy of a form for the confirmation
step, and links that keep the current query.

`values` is either the submitted form (a MultiDict: what the person typed, kept on an
error) or a dict of loaded values (a saved draft: booleans, dates, lists).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Flask, request

from workflows.tasks.fields import FALSE_WORDS

CONFIRM = "bevestigd"  # the flag the confirmation step posts
BACK = "terug"  # "no, back to the form": show the form again with what was entered
NOT_COPIED = frozenset({"csrf_token", CONFIRM, BACK})
FALSE = FALSE_WORDS


def init_app(app: Flask) -> None:
    app.add_template_global(form_values)
    app.add_template_global(ticked)
    app.add_template_global(field_messages)
    app.add_template_global(hidden_fields)
    app.add_template_global(url_with)


def form_values(values: Any, name: str) -> list[str]:
    """The field's values as a browser would send them again."""
    if values is None:
        return []
    if hasattr(values, "getlist"):
        return [v for v in values.getlist(name) if isinstance(v, str)]
    return _strings(values.get(name)) if isinstance(values, Mapping) else []


def ticked(values: Any, name: str) -> bool:
    """A tick box or a yes: the last value sent is not a no."""
    found = form_values(values, name)
    return bool(found) and found[-1].strip().lower() not in FALSE


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool):
        return ["ja" if value else "nee"]
    if isinstance(value, date):
        return [f"{value:%d-%m-%Y}"]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    return [str(value)]


def field_messages(errors: Any, name: str) -> list[str]:
    """Every message for one field, also those of list items ({"0": [...]})."""
    if not isinstance(errors, Mapping):
        return []
    return _flatten(errors.get(name))


def _flatten(found: Any) -> list[str]:
    if found is None:
        return []
    if isinstance(found, Mapping):
        return [m for value in found.values() for m in _flatten(value)]
    if isinstance(found, list | tuple):
        return [m for value in found for m in _flatten(value)]
    return [str(found)]


def hidden_fields(values: Any, exclude: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The submitted form as (name, value) pairs, to post again after confirming."""
    skip = NOT_COPIED | set(exclude)
    if hasattr(values, "items") and hasattr(values, "getlist"):
        pairs: Iterable[tuple[str, Any]] = values.items(multi=True)
    elif isinstance(values, Mapping):
        pairs = ((k, v) for k in values for v in _strings(values[k]))
    else:
        pairs = ()
    return [(k, str(v)) for k, v in pairs if k not in skip]


def confirmed(form: Mapping[str, Any]) -> bool:
    """The person confirmed on the "Weet u het zeker?" step."""
    return form.get(CONFIRM) == "ja"


def going_back(form: Mapping[str, Any]) -> bool:
    """The person chose "Nee, terug" on the confirmation step."""
    return form.get(BACK) == "ja"


def url_with(**changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    query = {k: v for k, v in request.args.items() if k not in changes}
    query.update({k: v for k, v in changes.items() if v is not None})
    return f"{request.path}?{urlencode(query)}" if query else request.path
