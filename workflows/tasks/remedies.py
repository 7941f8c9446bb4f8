"""The user tasks of `objection` (Awb model: bezwaar) and `complaint` (civil model:
klacht): hearing, advice and the decision, worked by legal counsel. The two processes
have the same shape and their own words; their fields share keys and neutral labels."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import ValidationError, validates_schema

from workflows import deadlines as dl
from workflows.actors import Actor
from workflows.deadlines import case_terms as terms
from workflows.deadlines.remedies import OBJECTION_EXTENSION_MAX_WEEKS
from workflows.errors import InvalidInput
from workflows.tasks import fields as f
from workflows.tasks.registry import TaskSpec

REMEDY_OUTCOMES = {"upheld": "Gegrond", "partly_upheld": "Deels gegrond",
                   "dismissed": "Ongegrond", "not_admissible": "Niet-ontvankelijk"}
UPHOLDING = ("upheld", "partly_upheld")
OBJECTION_ADVISERS = {"legal_counsel": "Jurist van de gemeente",
                      "committee": "Adviescommissie bezwaarschriften (Awb 7:13)"}
COMPLAINT_ADVISERS = {"legal_counsel": "Jurist van de gemeente",
                      "committee": "Klachtencommissie van de regio"}


class HearSchema(f.TaskSchema):
    hearing_held_on = f.day("Datum van het horen")
    hearing_report = f.text("Verslag van het horen", "Wat de indiener en de gemeente naar "
                            "voren brachten; het verslag gaat mee naar de indiener.",
                            required=True, max_length=20_000)


class AdviseObjectionSchema(f.TaskSchema):
    advised_by = f.choice("Advies van", OBJECTION_ADVISERS,
                          "Met een adviescommissie is de beslistermijn twaalf weken "
                          "(Awb 7:10 lid 1).")
    advice = f.text("Advies", required=True, max_length=20_000)
    advised_outcome = f.choice("Geadviseerde beslissing", REMEDY_OUTCOMES)
    extension_weeks = f.count("Verdaging in weken", "Ten hoogste zes weken (Awb 7:10 lid 3); "
                              "0 als niet verdaagd wordt.",
                              maximum=OBJECTION_EXTENSION_MAX_WEEKS)


class AdviseComplaintSchema(f.TaskSchema):
    advised_by = f.choice("Advies van", COMPLAINT_ADVISERS)
    advice = f.text("Advies", required=True, max_length=20_000)
    advised_outcome = f.choice("Geadviseerde beslissing", REMEDY_OUTCOMES)


class DecideRemedySchema(f.TaskSchema):
    remedy_outcome = f.choice("Beslissing", REMEDY_OUTCOMES)
    upheld_subsegments = f.subsegments("Subsegmenten waarvoor de indiener gelijk krijgt",
                                       "Alleen bij (deels) gegrond; die worden alsnog "
                                       "toegelaten.")
    remedy_reasons = f.text("Motivering", "Komt in de brief met de beslissing.",
                            required=True, max_length=20_000)

    @validates_schema
    def _consistent(self, data: dict[str, Any], **_: Any) -> None:
        if (data["remedy_outcome"] in UPHOLDING) != bool(data["upheld_subsegments"]):
            raise ValidationError("Noem de subsegmenten precies bij (deels) gegrond, en "
                                  "geen bij ongegrond of niet-ontvankelijk.",
                                  "upheld_subsegments")


def _hear(form: dict[str, Any], _d: dict[str, Any], _a: Actor,
          now: datetime) -> dict[str, Any]:
    if form["hearing_held_on"] > dl.local_day(now):
        raise InvalidInput("Het horen kan niet in de toekomst hebben plaatsgevonden.",
                           {"hearing_held_on": ["datum ligt in de toekomst"]})
    return {"hearing_held_on": form["hearing_held_on"].isoformat()}


def _advise_objection(form: dict[str, Any], data: dict[str, Any], _a: Actor,
                      _now: datetime) -> dict[str, Any]:
    """An advisory committee makes the term twelve weeks, an extension adds at most six
    (Awb 7:10 lid 1 and 3): the decision's due date is recomputed."""
    return terms.remedy_decision_moments(data, committee=form["advised_by"] == "committee",
                                         extension_weeks=form["extension_weeks"])


def _decide(form: dict[str, Any], data: dict[str, Any], actor: Actor,
            now: datetime) -> dict[str, Any]:
    codes = sorted(set(form["upheld_subsegments"]))
    objected = data.get("subsegments", [])
    if set(codes) - set(objected):
        raise InvalidInput("Alleen subsegmenten waarover het gaat zijn mogelijk.",
                           {"upheld_subsegments": ["kies uit de genoemde subsegmenten"]})
    whole = set(codes) == set(objected)
    if codes and whole != (form["remedy_outcome"] == "upheld"):
        raise InvalidInput("Gegrond betekent: voor alle genoemde subsegmenten; kies anders "
                           "'deels gegrond'.", {"remedy_outcome": ["deels?"]})
    return {"upheld_subsegments": codes, "decided_by": actor.email,
            "remedy_decided_on": dl.local_day(now).isoformat()}


TASKS = (
    TaskSpec("hear_objector", "objection", "Bezwaarmaker horen", HearSchema, "legal_counsel",
             "Hoor de bezwaarmaker (Awb 7:2) en leg het verslag vast; vervalt als die "
             "heeft afgezien van horen.", _hear, term="objection_decision"),
    TaskSpec("advise_on_objection", "objection", "Advies over het bezwaar",
             AdviseObjectionSchema, "legal_counsel",
             "Leg het advies van de jurist of de adviescommissie vast.", _advise_objection,
             term="objection_decision"),
    TaskSpec("decide_objection", "objection", "Beslissen op het bezwaar", DecideRemedySchema,
             "legal_counsel", "Beslis op het bezwaar; bij (deels) gegrond volgt een nieuw "
             "besluit met toelating voor die subsegmenten.", _decide,
             term="objection_decision", irreversible=True),
    TaskSpec("hear_complainant", "complaint", "Klager horen", HearSchema, "legal_counsel",
             "Hoor de klager en leg het verslag vast; vervalt als die heeft afgezien van "
             "horen.", _hear, term="complaint_decision"),
    TaskSpec("advise_on_complaint", "complaint", "Advies over de klacht",
             AdviseComplaintSchema, "legal_counsel",
             "Leg het advies van de jurist of de klachtencommissie vast.",
             term="complaint_decision"),
    TaskSpec("decide_complaint", "complaint", "Beslissen op de klacht", DecideRemedySchema,
             "legal_counsel", "Beslis op de klacht; bij (deels) gegrond volgt een nieuw "
             "besluit met toelating voor die subsegmenten.", _decide,
             term="complaint_decision", irreversible=True),
)
