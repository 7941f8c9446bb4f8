"""Case data as people read it: each disclosed fact with its Dutch label and its value
written out (dates in words, yes/no, names instead of codes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from workflows import disclosure
from workflows.deadlines.atw import long_date

MODELS = {"civil": "Privaatrechtelijk (Open House)", "awb": "Bestuursrechtelijk (Awb)"}


@dataclass(frozen=True)
class DataItem:
    key: str
    label: str
    text: str


def present(data: Mapping[str, Any], audience: str,
            subsegment_names: Mapping[str, str]) -> tuple[DataItem, ...]:
    shown = disclosure.disclosed(data, audience)
    return tuple(DataItem(key, _label(key, data), _text(key, value, subsegment_names))
                 for key, value in shown.items())


def _label(key: str, data: Mapping[str, Any]) -> str:
    """The remedy by the case's legal model: objection only under the Awb."""
    if key == "objection_last_day":
        awb = data.get("legal_model") == "awb"
        return "Bezwaar uiterlijk op" if awb else "Klacht uiterlijk op"
    return disclosure.label(key)


def _text(key: str, value: Any, names: Mapping[str, str]) -> str:
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if key in ("subsegments", "admitted_subsegments", "subsegment", "deviation_subsegments",
               "subsegments_meeting_specific_criteria", "upheld_subsegments"):
        codes = value if isinstance(value, list) else [value]
        return ", ".join(names.get(str(c), "onbekend subsegment") for c in codes) or "Geen"
    if key == "withdrawal" and isinstance(value, dict):
        return str(value.get("reason") or "Ingetrokken zonder reden")
    if key == "legal_model":
        return MODELS.get(str(value), "Onbekend")
    labels = disclosure.choices(key)
    if labels:
        return labels.get(str(value), "Onbekend")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "Geen"
    return _day(value) or ("" if value is None else str(value))


def _day(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return long_date(date.fromisoformat(value))
    except ValueError:
        return None


def present_form(spec: Any, form: Mapping[str, Any],
                 names: Mapping[str, str]) -> tuple[DataItem, ...]:
    """A validated task form as people read it: each field's label and its value."""
    fields = spec.fields()
    return tuple(DataItem(key, str(fields[key].metadata.get("label", key)),
                          _form_text(key, value, fields[key].metadata, names))
                 for key, value in form.items() if key in fields)


def _form_text(key: str, value: Any, meta: Mapping[str, Any],
               names: Mapping[str, str]) -> str:
    choices = meta.get("choices")
    if isinstance(choices, Mapping) and isinstance(value, str):
        return str(choices.get(value, value))
    if isinstance(value, date):
        return long_date(value)
    if meta.get("widget") == "subsegments":
        return ", ".join(names.get(str(c), str(c)) for c in value) or "Geen"
    return _text(key, value, names)
