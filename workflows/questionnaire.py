"""The KIT questionnaire of the application wizard: the integrity part (the Bibob
questions on ownership, directors, financing and antecedents) and the quality part (the
general KIT criteria and one answer per chosen subsegment).

The screening officers read these answers in `review_bibob_questionnaire` and
`assess_quality_criteria`; the field names say which criterion each answers.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields

from workflows.errors import InvalidInput
from workflows.tasks import fields as f


class IntegrityAnswersSchema(f.TaskSchema):
    ownership = f.text("Wie is eigenaar van uw organisatie?",
                       "Noem alle personen en organisaties met meer dan 25% van de aandelen.",
                       required=True, max_length=4000)
    directors = f.lines("Bestuurders en toezichthouders",
                        "Eén naam per regel, met de functie erbij.")
    financing = f.text("Hoe wordt uw organisatie gefinancierd?",
                       "Bijvoorbeeld eigen vermogen, een lening van de bank of van een "
                       "ander. Noem wie geld leende.", required=True, max_length=4000)
    antecedents = f.yes_no("Zijn uw organisatie, eigenaren of bestuurders de laatste 5 jaar "
                           "veroordeeld of beboet?")
    antecedents_explanation = f.text("Uitleg", "Alleen als u hierboven ja koos.",
                                     max_length=4000)


class QualityAnswersSchema(f.TaskSchema):
    governance_code = f.flag("Wij passen de Governancecode Zorg 2022 toe")
    wnt_compliant = f.flag("Wij houden ons aan de WNT (Wet normering topinkomens)")
    certified = f.flag("Wij hebben een geldig kwaliteitscertificaat")
    certificate = f.text("Welk certificaat?", "Bijvoorbeeld HKZ of ISO 9001.",
                         max_length=200, multiline=False)
    registrations_valid = f.flag("Onze inschrijving bij de KvK en onze AGB-code zijn geldig")


def subsegment_field(code: str) -> str:
    return f"criteria_{code}"


def quality_schema(subsegments: dict[str, str]) -> type[Schema]:
    """The quality part with one question per chosen subsegment (code -> name)."""
    extra: dict[str, Any] = {
        subsegment_field(code): f.text(
            f"Hoe voldoet u aan de eisen voor {name}?",
            "Beschrijf uw aanbod, uw medewerkers en hun diploma's of registraties.",
            required=True, max_length=4000)
        for code, name in subsegments.items()}
    return type("QualityAnswers", (QualityAnswersSchema,), extra)


def load_part(schema: type[Schema], data: dict[str, Any]) -> dict[str, Any]:
    """Check one part of the questionnaire; errors per field in Dutch."""
    try:
        loaded: dict[str, Any] = schema().load(_from_form(schema, data))
    except ValidationError as err:
        raise InvalidInput("Niet alle antwoorden zijn goed ingevuld.",
                           _flat(err.messages)) from err
    if schema is IntegrityAnswersSchema and loaded["antecedents"] and not loaded[
            "antecedents_explanation"].strip():
        raise InvalidInput("Niet alle antwoorden zijn goed ingevuld.",
                           {"antecedents_explanation": ["Leg uit wat er gebeurde."]})
    return loaded


def _from_form(schema: type[Schema], data: dict[str, Any]) -> dict[str, Any]:
    """A browser form as the schema's input: an unticked box is false, a text area gives
    one list item per line; unknown names are left for the schema to refuse."""
    result = dict(data)
    for name, field in schema().fields.items():
        value = data.get(name)
        if isinstance(field, fields.List) and isinstance(value, str):
            result[name] = [line.strip() for line in value.splitlines() if line.strip()]
        elif field.metadata.get("widget") == "checkbox" and name not in data:
            result[name] = False
    return result


def _flat(messages: Any) -> dict[str, list[str]]:
    if not isinstance(messages, dict):
        return {"form": [str(messages)]}
    return {str(k): [str(m) for m in (v if isinstance(v, list) else [v])]
            for k, v in messages.items()}
