"""The user tasks of `admission`: completeness, supplement, views and the decision."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import ValidationError, validates_schema

from workflows import deadlines as dl
from workflows.actors import Actor
from workflows.deadlines import case_terms as terms
from workflows.errors import InvalidInput
from workflows.tasks import fields as f
from workflows.tasks.registry import TaskSpec

OUTCOMES = {"admitted": "Toelaten", "partly_admitted": "Deels toelaten",
            "refused": "Afwijzen", "not_considered": "Buiten behandeling laten"}


class CheckCompletenessSchema(f.TaskSchema):
    complete = f.yes_no("Is de aanvraag volledig?",
                        "Volledig betekent: alle gevraagde gegevens en bijlagen zijn er.")
    missing_items = f.lines("Wat ontbreekt er?",
                            "Eén onderdeel per regel; de aanvrager krijgt deze lijst.")
    completeness_note = f.text("Interne notitie", "Alleen zichtbaar voor medewerkers.")

    @validates_schema
    def _missing_named(self, data: dict[str, Any], **_: Any) -> None:
        if not data["complete"] and not data["missing_items"]:
            raise ValidationError("Noem wat er ontbreekt.", "missing_items")


class SupplementApplicationSchema(f.TaskSchema):
    supplement_note = f.text("Toelichting op de aanvulling", required=True)
    documents = f.lines("Bijgevoegde documenten", "Eén bestandsnaam per regel.")


class PrepareViewsRequestSchema(f.TaskSchema):
    intended_reasons = f.text("Redenen voor het voorgenomen besluit", required=True)


class SubmitViewsSchema(f.TaskSchema):
    views = f.text("Uw zienswijze", "Schrijf waarom u het (niet) eens bent met het "
                   "voorgenomen besluit.", required=True, max_length=20_000)


class AssessViewsSchema(f.TaskSchema):
    views_assessment = f.text("Beoordeling van de zienswijze", required=True)


class DecideAdmissionSchema(f.TaskSchema):
    outcome = f.choice("Besluit", OUTCOMES)
    admitted_subsegments = f.subsegments("Toegelaten subsegmenten",
                                         "Alleen bij (deels) toelaten.")
    motivation = f.text("Motivering", "Komt in de beschikking.", required=True,
                        max_length=20_000)

    @validates_schema
    def _consistent(self, data: dict[str, Any], **_: Any) -> None:
        admits = data["outcome"] in ("admitted", "partly_admitted")
        if admits != bool(data["admitted_subsegments"]):
            raise ValidationError("Noem de toegelaten subsegmenten precies bij (deels) "
                                  "toelaten, en geen bij afwijzen.", "admitted_subsegments")


def _check_completeness(form: dict[str, Any], data: dict[str, Any], _a: Actor,
                        now: datetime) -> dict[str, Any]:
    if form["complete"]:
        return {}
    return terms.supplement_requested(data, dl.local_day(now))


def _supplement(_f: dict[str, Any], data: dict[str, Any], _a: Actor,
                now: datetime) -> dict[str, Any]:
    return terms.supplemented(data, dl.local_day(now))


def _prepare_views(_f: dict[str, Any], data: dict[str, Any], _a: Actor,
                   now: datetime) -> dict[str, Any]:
    return terms.views_requested(data, dl.local_day(now))


def _decide_admission(form: dict[str, Any], data: dict[str, Any], actor: Actor,
                      now: datetime) -> dict[str, Any]:
    """The decision follows the procedure: a negative one only after views (Awb 4:8), not
    considering only when the application was incomplete (Awb 4:5)."""
    codes = applied_only(form["admitted_subsegments"], data, "admitted_subsegments")
    outcome = form["outcome"]
    if (outcome == "not_considered") != (data.get("intended_outcome") == "not_considered"):
        raise InvalidInput("Buiten behandeling laten kan alleen (en moet) bij een aanvraag "
                           "die niet tijdig is aangevuld.", {"outcome": ["past niet"]})
    if outcome in ("refused", "partly_admitted") and "views_requested_on" not in data:
        raise InvalidInput("Vraag eerst een zienswijze (Awb 4:8) voordat u (deels) afwijst.",
                           {"outcome": ["eerst zienswijze vragen"]})
    if outcome == "admitted" and set(codes) != set(data.get("subsegments", [])):
        raise InvalidInput("Toelaten betekent: voor alle aangevraagde subsegmenten; "
                           "kies anders 'deels toelaten'.", {"outcome": ["deels?"]})
    return {"admitted_subsegments": codes, "decided_by": actor.email,
            **terms.decided(data, dl.local_day(now))}


def applied_only(codes: list[str], data: dict[str, Any], field: str) -> list[str]:
    """The codes, sorted and unique; refused when one was not applied for."""
    unique = sorted(set(codes))
    stray = [c for c in unique if c not in data.get("subsegments", [])]
    if stray:
        raise InvalidInput("Alleen aangevraagde subsegmenten zijn mogelijk.",
                           {field: ["Kies alleen subsegmenten waarvoor de aanvraag is "
                                    "gedaan."]})
    return unique


TASKS = (
    TaskSpec("check_completeness", "admission_procedure", "Volledigheid beoordelen",
             CheckCompletenessSchema, "screening_officer",
             "Beoordeel of de aanvraag compleet is; bij een onvolledige aanvraag krijgt de "
             "aanvrager een verzoek om aanvulling.", _check_completeness, term="decision",
             assesses=True, irreversible=True),
    TaskSpec("supplement_application", "admission_procedure", "Aanvraag aanvullen",
             SupplementApplicationSchema, "applicant",
             "Stuur de ontbrekende gegevens of documenten.", _supplement, term="supplement"),
    TaskSpec("prepare_views_request", "admission_procedure", "Zienswijzeverzoek opstellen",
             PrepareViewsRequestSchema, "legal_counsel",
             "Leg het voorgenomen besluit met redenen aan de aanvrager voor.", _prepare_views,
             irreversible=True),
    TaskSpec("submit_views", "admission_procedure", "Zienswijze geven", SubmitViewsSchema,
             "applicant",
             "Geef uw reactie op het voorgenomen besluit.", term="views"),
    TaskSpec("assess_views", "admission_procedure", "Zienswijze beoordelen", AssessViewsSchema,
             "legal_counsel", "Weeg de zienswijze van de aanvrager.", assesses=True),
    TaskSpec("decide_admission", "admission_procedure", "Besluiten over toelating",
             DecideAdmissionSchema, "decision_maker",
             "Neem het besluit op de aanvraag; wie de aanvraag beoordeelde, besluit niet.",
             _decide_admission, term="decision", decides=True, irreversible=True),
)
