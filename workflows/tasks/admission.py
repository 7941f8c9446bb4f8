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
BACK_TO_VIEWS = "back_to_views"
# The decision form offers one more choice than there are outcomes: sending the case back.
DECISION_CHOICES = {**OUTCOMES, BACK_TO_VIEWS: "Terugsturen: eerst een zienswijze vragen"}
MAX_DEVIATION_ROUNDS = 3  # an unconfirmed deviation returns to the decision; bounded


class CheckCompletenessSchema(f.TaskSchema):
    complete = f.yes_no("Is de aanvraag volledig?",
                        "Volledig betekent: alle gevraagde gegevens en bijlagen zijn er.")
    missing_items = f.lines("Wat ontbreekt er?",
                            "De aanvrager krijgt deze lijst.")
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
    outcome = f.choice("Besluit", DECISION_CHOICES,
                       "Wilt u afwijzen of deels toelaten terwijl de toetsen positief zijn? "
                       "Stuur de zaak dan eerst terug voor een zienswijze.")
    admitted_subsegments = f.subsegments("Toegelaten subsegmenten",
                                         "Alleen bij (deels) toelaten.")
    motivation = f.text("Motivering", "Komt in de beschikking; bij terugsturen: waarom.",
                        required=True, max_length=20_000)
    deviation_reason = f.text(
        "Motivering van de afwijking",
        "Alleen als u toelaat terwijl de integriteits- of kwaliteitstoets negatief was. "
        "Een tweede besluitnemer moet de afwijking bevestigen.", max_length=20_000)

    @validates_schema
    def _consistent(self, data: dict[str, Any], **_: Any) -> None:
        admits = data["outcome"] in ("admitted", "partly_admitted")
        if data["outcome"] == BACK_TO_VIEWS and data["admitted_subsegments"]:
            raise ValidationError("Kies geen subsegmenten als u de zaak terugstuurt.",
                                  "admitted_subsegments")
        if data["outcome"] != BACK_TO_VIEWS and admits != bool(data["admitted_subsegments"]):
            raise ValidationError("Noem de toegelaten subsegmenten precies bij (deels) "
                                  "toelaten, en geen bij afwijzen.", "admitted_subsegments")


class ConfirmDeviationSchema(f.TaskSchema):
    deviation_confirmed = f.yes_no(
        "Bevestigt u het afwijkende besluit?",
        "Bij nee gaat de zaak terug naar de besluitnemer voor een nieuw besluit.")
    deviation_review = f.text("Uw motivering", "Komt in de zaakgeschiedenis.",
                              required=True, max_length=20_000)


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
    """The decision follows the procedure: a negative one only after views (Awb 4:7), not
    considering only when the application was incomplete (Awb 4:5); admitting against a
    failed assessment needs a reasoned deviation that a second decision maker confirms."""
    codes = applied_only(form["admitted_subsegments"], data, "admitted_subsegments")
    outcome = form["outcome"]
    if outcome == BACK_TO_VIEWS:
        return _back_to_views(form, data, actor)
    if (outcome == "not_considered") != (data.get("intended_outcome") == "not_considered"):
        raise InvalidInput("Buiten behandeling laten kan alleen (en moet) bij een aanvraag "
                           "die niet tijdig is aangevuld.", {"outcome": ["past niet"]})
    if outcome in ("refused", "partly_admitted") and "views_requested_on" not in data:
        basis = " (Awb 4:7)" if terms.model(data).objection else ""
        raise InvalidInput(
            f"Vraag eerst een zienswijze{basis} voordat u (deels) afwijst: kies "
            "'Terugsturen: eerst een zienswijze vragen'.",
            {"outcome": ["Eerst een zienswijze vragen: kies terugsturen."]})
    if outcome == "admitted" and set(codes) != set(data.get("subsegments", [])):
        raise InvalidInput("Toelaten betekent: voor alle aangevraagde subsegmenten; "
                           "kies anders 'deels toelaten'.", {"outcome": ["deels?"]})
    deviating = deviation(codes, data)
    _require_reason(form, data, deviating)
    decided = {"admitted_subsegments": codes, "decided_by": actor.email,
               "deviation": bool(deviating), "deviation_reason": form["deviation_reason"]
               if deviating else "", "deviation_subsegments": deviating}
    if deviating:  # the decision is taken when the second decision maker confirms it
        return {**decided, "deviation_rounds": data.get("deviation_rounds", 0) + 1}
    return {**decided, **terms.decided(data, dl.local_day(now))}


def deviation(codes: list[str], data: dict[str, Any]) -> list[str]:
    """The admitted subsegments the assessments did not pass (integrity failed, or the
    quality criteria not met): admitting them deviates from the assessments."""
    if "admissible" not in data:  # not assessed: not considered, or no assessment yet
        return []
    return sorted(set(codes) - set(data["admissible"]))


def _require_reason(form: dict[str, Any], data: dict[str, Any], deviating: list[str]) -> None:
    if not deviating:
        return
    if not form["deviation_reason"].strip():
        raise InvalidInput(
            "Dit besluit wijkt af van de toetsen: motiveer de afwijking.",
            {"deviation_reason": ["U laat toe terwijl een toets negatief was. Motiveer "
                                  "waarom; een tweede besluitnemer bevestigt dit."]})
    if data.get("deviation_rounds", 0) >= MAX_DEVIATION_ROUNDS:
        raise InvalidInput(
            f"Een afwijking is al {MAX_DEVIATION_ROUNDS} keer niet bevestigd; besluit "
            "volgens de toetsen.", {"outcome": ["Besluit volgens de toetsen."]})


def _back_to_views(form: dict[str, Any], data: dict[str, Any],
                   actor: Actor) -> dict[str, Any]:
    """Back to the views step: once, and only when no views were asked yet."""
    if "views_requested_on" in data or data.get("intended_outcome") == "not_considered":
        raise InvalidInput("Terugsturen kan alleen als er nog geen zienswijze is gevraagd.",
                           {"outcome": ["Er is al een zienswijze gevraagd."]})
    return {"deviation": False, "sent_back_by": actor.email,
            "sent_back_reason": form["motivation"], "admitted_subsegments": []}


def _confirm_deviation(form: dict[str, Any], data: dict[str, Any], actor: Actor,
                       now: datetime) -> dict[str, Any]:
    """The second decision maker confirms the deviation: only now is the decision taken."""
    confirmed = {"deviation_confirmed_by": actor.email}
    if not form["deviation_confirmed"]:
        return {**confirmed, "deviation": False}
    return {**confirmed, **terms.decided(data, dl.local_day(now))}


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
    TaskSpec("confirm_deviation", "admission_procedure", "Afwijkend besluit bevestigen",
             ConfirmDeviationSchema, "decision_maker",
             "Een besluit wijkt af van de toetsen; een tweede besluitnemer bevestigt het of "
             "stuurt het terug.", _confirm_deviation, term="decision", decides=True,
             irreversible=True, second_of="decide_admission"),
)
