"""The forms of the officers' case actions: one marshmallow schema per action (the field
builders of the task registry, so widgets, Dutch errors and dates work alike) and how a
browser form is read into it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validates

from workflows.tasks import fields as f
from workflows.tasks.fields import FALSE_WORDS

# action code (workflows.case_page.ACTIONS) -> its URL part and its title
SLUGS = {"supplement": "aanvulling", "notice_of_default": "ingebrekestelling",
         "extend_term": "verdaging", "lbb_questions": "lbb-vragen", "note": "notitie",
         "withdraw": "intrekking"}
TITLES = {"supplement": _l("Om aanvulling vragen"),
          "notice_of_default": _l("Ingebrekestelling vastleggen"),
          "extend_term": _l("Beslistermijn verdagen"),
          "lbb_questions": _l("Vragen van het LBB vastleggen"),
          "note": _l("Interne notitie toevoegen"),
          "withdraw": _l("Intrekking namens de aanvrager vastleggen")}


class SupplementRequestSchema(Schema):
    missing_items = f.lines(_l("Wat ontbreekt er?"),
                            _l("Eén onderdeel per regel; de aanvrager krijgt deze lijst."))
    note = f.text(_l("Interne notitie"), _l("Alleen zichtbaar voor medewerkers."))

    @validates("missing_items")
    def _named(self, value: list[str], **_: Any) -> None:
        if not value:
            raise ValidationError("Noem ten minste één onderdeel.")


class NoticeOfDefaultSchema(Schema):
    received_on = f.day(_l("Ontvangen op"),
                        _l("De dag waarop de schriftelijke ingebrekestelling binnenkwam."))


class TermExtensionSchema(Schema):
    weeks = f.count(_l("Verdagen met (weken)"),
                    _l("Een redelijke termijn; in totaal ten hoogste 26 weken."), maximum=26)
    reason = f.text(_l("Reden van de verdaging"),
                    _l("Komt in de verdagingsbrief aan de aanvrager."), required=True,
                    max_length=2000)


class LbbQuestionsSchema(Schema):
    questions = f.lines(_l("Vragen van het LBB"), _l("Eén vraag per regel. Vertrouwelijk."))
    asked_on = f.day(_l("Gesteld op"), _l("De dag waarop het LBB de vragen stelde."))

    @validates("questions")
    def _asked(self, value: list[str], **_: Any) -> None:
        if not value:
            raise ValidationError("Noem ten minste één vraag.")


class WithdrawalSchema(Schema):
    received_on = f.day(_l("Ontvangen op"),
                        _l("De dag waarop de brief of mail van de aanvrager binnenkwam."))
    reason = f.text(_l("Wat schreef de aanvrager?"),
                    _l("De reden of een korte samenvatting van het bericht."), required=True,
                    max_length=5000)


def note_schema(tasks: Mapping[str, str]) -> type[Schema]:
    """The note form: the text and, when the case has open tasks, which one it is about."""
    found: dict[str, fields.Field[Any]] = {"text": f.text(
        _l("Notitie"), _l("Alleen voor medewerkers; de aanvrager ziet dit niet."),
        required=True, max_length=5000)}
    if tasks:
        found["task_id"] = fields.String(load_default="", metadata=f.meta(
            _l("Over"), widget="radio", choices={"": _l("De zaak als geheel"), **tasks}))
    return Schema.from_dict(found, name="InternalNoteSchema")


@dataclass(frozen=True)
class Loaded:
    data: dict[str, Any]
    errors: dict[str, Any]


def load(schema: type[Schema], form: Any) -> Loaded:
    """A browser form read into the schema: lists one per line, texts trimmed."""
    raw: dict[str, Any] = {}
    for name, field in schema().fields.items():
        values = [v for v in form.getlist(name) if isinstance(v, str)]
        if isinstance(field, fields.List):
            raw[name] = [line.strip() for v in values for line in v.splitlines()
                         if line.strip()]
        elif field.metadata.get("widget") == "checkbox":
            raw[name] = bool(values) and values[-1].strip().lower() not in FALSE_WORDS
        elif values and (values[-1].strip() or field.metadata.get("widget") == "textarea"):
            raw[name] = values[-1].strip()
    try:
        return Loaded(schema().load(raw), {})
    except ValidationError as err:  # nested list items stay nested: the macros flatten
        return Loaded({}, err.messages if isinstance(err.messages, dict)
                      else {"form": err.messages})
