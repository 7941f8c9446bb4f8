"""Form fields that read browser forms as well as JSON, with Dutch labels, help texts and
error messages.

A browser leaves an unticked checkbox out of the form and sends every value as text; an
API client sends JSON. Both go through the same schema, so the screens and the API
validate alike. Labels live in the field metadata, from which screens are generated.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from marshmallow import Schema, fields, validate

_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_TRUE = frozenset(fields.Boolean.truthy | {"ja", "Ja"})
_FALSE = frozenset(fields.Boolean.falsy | {"nee", "Nee"})
# How a browser form says "not ticked" or "no" (lower-cased); one set for reading a form
# and for showing it again, so a draft posted back keeps its unticked boxes unticked.
FALSE_WORDS = frozenset({""} | {str(v).lower() for v in _FALSE})
REQUIRED = "Dit veld is verplicht."
_MESSAGES: dict[str, Any] = {"required": REQUIRED, "null": REQUIRED}


class TaskSchema(Schema):
    """Base of every task form: unknown fields are refused in Dutch."""

    error_messages = {"unknown": "Dit veld hoort niet bij dit formulier.",
                      "type": "De gegevens moeten een object met velden zijn."}


def meta(label: str, help_text: str = "", **extra: Any) -> dict[str, Any]:
    """Field metadata: the Dutch label and help text a screen shows beside the field."""
    return {"label": label, "help": help_text, **extra}


def _boolean(label: str, help_text: str, widget: str, invalid: str) -> fields.Boolean:
    return fields.Boolean(required=True, truthy=set(_TRUE), falsy=set(_FALSE),
                          error_messages={**_MESSAGES, "invalid": invalid},
                          metadata=meta(label, help_text, widget=widget))


def flag(label: str, help_text: str = "") -> fields.Boolean:
    """A tick box: required in JSON; in a browser form an unticked box is absent, which
    `registry.from_browser` reads as false."""
    return _boolean(label, help_text, "checkbox", "Kruis aan of laat leeg.")


def yes_no(label: str, help_text: str = "") -> fields.Boolean:
    """A question that must be answered yes or no (radio buttons), in forms and JSON alike."""
    return _boolean(label, help_text, "yesno", "Kies ja of nee.")


class Day(fields.Date):
    """A calendar day as dd-mm-jjjj (how people write it) or ISO jjjj-mm-dd (the API)."""

    default_error_messages = {"invalid": "Geef een datum als dd-mm-jjjj, bijvoorbeeld "
                                         "11-12-2026.", **_MESSAGES}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        match = _DUTCH_DATE.match(value.strip()) if isinstance(value, str) else None
        if match is None:
            result: date = super()._deserialize(value, attr, data, **kwargs)
            return result
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            raise self.make_error("invalid") from None


def day(label: str, help_text: str = "") -> Day:
    return Day(required=True, metadata=meta(label, help_text, widget="date"))


def text(label: str, help_text: str = "", *, required: bool = False,
         max_length: int = 10_000, multiline: bool = True) -> fields.String:
    # One message per problem: an empty field is not also told its maximum.
    length = [validate.Length(max=max_length, error=f"Ten hoogste {max_length} tekens.")]
    if required:
        length.insert(0, validate.Length(min=1, error="Vul dit veld in."))
    extra: dict[str, Any] = {"required": True} if required else {"load_default": ""}
    return fields.String(validate=length, error_messages={**_MESSAGES, "invalid": "Vul tekst in."},
                         metadata=meta(label, help_text,
                                       widget="textarea" if multiline else "text"), **extra)


def count(label: str, help_text: str = "", *, maximum: int) -> fields.Integer:
    return fields.Integer(required=True, strict=False, validate=validate.Range(
        0, maximum, error=f"Vul een heel getal van 0 tot en met {maximum} in."),
        error_messages={**_MESSAGES, "invalid": "Vul een heel getal in."},
        metadata=meta(label, help_text, widget="number", maximum=maximum))


def choice(label: str, choices: dict[str, str], help_text: str = "") -> fields.String:
    """One of a closed set; `choices` maps each stored value to its Dutch label."""
    return fields.String(required=True, validate=validate.OneOf(
        list(choices), error="Kies een van de mogelijkheden."), error_messages=dict(_MESSAGES),
        metadata=meta(label, help_text, widget="radio", choices=choices))


def _codes(label: str, help_text: str, widget: str, max_items: int) -> fields.List[str]:
    return fields.List(fields.String(validate=validate.Length(
        max=200, error="Ten hoogste 200 tekens per regel."),
        error_messages={**_MESSAGES, "invalid": "Vul tekst in."}), load_default=list,
        validate=validate.Length(max=max_items, error=f"Ten hoogste {max_items} regels."),
        error_messages={**_MESSAGES, "invalid": "Geef een lijst."},
        metadata=meta(label, help_text, widget=widget))


def lines(label: str, help_text: str = "", *, max_items: int = 20) -> fields.List[str]:
    """A list of short texts; a browser sends one per line in a text area."""
    return _codes(label, help_text, "lines", max_items)


def subsegments(label: str, help_text: str = "") -> fields.List[str]:
    """Subsegment codes, chosen from those the application is about."""
    return _codes(label, help_text, "subsegments", 50)
