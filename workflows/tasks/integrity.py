"""The user tasks of `integrity`: the Bibob questionnaire, own investigation and the LBB."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from workflows import deadlines as dl
from workflows.actors import Actor
from workflows.deadlines import case_terms as terms
from workflows.tasks import fields as f
from workflows.tasks.registry import TaskSpec

LBB_ADVICE = {"no_risk": "Geen gevaar", "limited_risk": "Mindere mate van gevaar",
              "serious_risk": "Ernstig gevaar"}
CONFIDENTIAL = "Vertrouwelijk: alleen zichtbaar voor integriteitsbeoordelaars en besluitnemers."


class ReviewBibobQuestionnaireSchema(f.TaskSchema):
    questionnaire_complete = f.yes_no("Is de Bibob-vragenlijst volledig ingevuld?")
    red_flags = f.count("Aantal signalen in de vragenlijst",
                        "Over eigendom, bestuurders, financiering en antecedenten.", maximum=50)
    bibob_note = f.text("Notitie bij de vragenlijst", CONFIDENTIAL)


class OwnInvestigationSchema(f.TaskSchema):
    register_hits = f.count("Aantal treffers in registers", maximum=50)
    criminal_antecedents = f.yes_no("Zijn er strafrechtelijke antecedenten?")
    investigation_note = f.text("Bevindingen eigen onderzoek", CONFIDENTIAL)


class DecideLbbRequestSchema(f.TaskSchema):
    request_lbb = f.yes_no("Advies vragen aan het Landelijk Bureau Bibob?",
                           "Het vragen van advies schort de beslistermijn op.")
    lbb_motivation = f.text("Motivering", CONFIDENTIAL)


class RegisterLbbAdviceSchema(f.TaskSchema):
    lbb_advice = f.choice("Advies van het LBB", LBB_ADVICE)
    lbb_advice_summary = f.text("Samenvatting van het advies", CONFIDENTIAL)


class RegisterLbbExtensionSchema(f.TaskSchema):
    lbb_extended = f.yes_no("Heeft het LBB de adviestermijn verlengd?",
                            "Verlenging met ten hoogste vier weken (Wet Bibob art. 15).")


class ConcludeIntegritySchema(f.TaskSchema):
    integrity_passed = f.yes_no("Voldoet de aanvrager aan de integriteitseisen?")
    integrity_motivation = f.text("Motivering", CONFIDENTIAL, required=True)


def _decide_lbb(form: dict[str, Any], data: dict[str, Any], _a: Actor,
                now: datetime) -> dict[str, Any]:
    if not form["request_lbb"]:
        return {"lbb_extended": False}
    return terms.lbb_requested(data, dl.local_day(now), extended=False)


def _lbb_extension(form: dict[str, Any], data: dict[str, Any], _a: Actor,
                   now: datetime) -> dict[str, Any]:
    if not form["lbb_extended"]:
        return {}
    return terms.lbb_requested(data, dl.local_day(now), extended=True)


def _lbb_advice(_f: dict[str, Any], _d: dict[str, Any], _a: Actor,
                now: datetime) -> dict[str, Any]:
    return {"lbb_advice_on": dl.local_day(now).isoformat()}


def _task(bpmn_id: str, label: str, schema: type[f.TaskSchema], summary: str,
          **kw: Any) -> TaskSpec:
    return TaskSpec(bpmn_id, "integrity", label, schema, "integrity_officer", summary,
                    assesses=True, **kw)


TASKS = (
    _task("review_bibob_questionnaire", "Bibob-vragenlijst beoordelen",
          ReviewBibobQuestionnaireSchema, "Beoordeel de antwoorden op de Bibob-vragenlijst."),
    _task("own_investigation", "Eigen onderzoek", OwnInvestigationSchema,
          "Raadpleeg de registers en leg de bevindingen vast."),
    _task("decide_lbb_request", "Besluiten over LBB-advies", DecideLbbRequestSchema,
          "Besluit of het Landelijk Bureau Bibob om advies wordt gevraagd.",
          derive=_decide_lbb, irreversible=True),
    _task("register_lbb_advice", "LBB-advies registreren", RegisterLbbAdviceSchema,
          "Leg het advies van het Landelijk Bureau Bibob vast.", derive=_lbb_advice,
          term="lbb_advice"),
    _task("register_lbb_extension", "Verlenging LBB-termijn registreren",
          RegisterLbbExtensionSchema, "Leg vast of het LBB zijn adviestermijn verlengde.",
          derive=_lbb_extension),
    _task("conclude_integrity", "Integriteitstoets afronden", ConcludeIntegritySchema,
          "Trek de conclusie van de integriteitstoets, met motivering."),
)
