"""Which case data each audience gets: an allow-list, so a new field shows nowhere until
it is classified here.

    public        the applicant's own organisation and every officer
    internal      officers (screening, quality, legal, contract, admin)
    confidential  integrity officers, decision makers and auditors: Bibob signals, the
                  own investigation, LBB advice and the integrity reasoning

Task fields take their Dutch label from the task registry; other facts are labelled here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from workflows import labels
from workflows.actors import Actor
from workflows.tasks import REGISTRY
from workflows.tasks.admission import DECISION_CHOICES, OUTCOMES
from workflows.tasks.integrity import LBB_ADVICE
from workflows.tasks.remedies import COMPLAINT_ADVISERS, REMEDY_OUTCOMES

LEVELS = {"applicant": ("public",), "officer": ("public", "internal"),
          "integrity": ("public", "internal", "confidential"),
          "auditor": ("public", "internal", "confidential")}
RISKS = {"low": "Laag", "medium": "Middel", "high": "Hoog"}
INTEGRITY_STEP = "Integriteitstoets (vertrouwelijk)"
_OWN = {"reference": "Kenmerk", "provider": "Aanbieder",
        "subsegments": "Aangevraagde subsegmenten", "received_on": "Ontvangen op",
        "incumbent": "Zittende aanbieder", "decision_last_day": "Uiterste beslisdatum",
        "supplement_requested_on": "Aanvulling gevraagd op",
        "supplement_last_day": "Aanvullen uiterlijk op", "supplemented_on": "Aangevuld op",
        "views_requested_on": "Zienswijze gevraagd op",
        "views_last_day": "Zienswijze uiterlijk op", "lbb_requested_on": "Advies LBB gevraagd op",
        "lbb_last_day": "Adviestermijn LBB loopt tot en met", "decided_on": "Besluitdatum",
        "objection_last_day": "Bezwaar of klacht uiterlijk op",
        "remedy": "Rechtsmiddel", "withdrawal": "Intrekking",
        "subsegment": "Subsegment", "start_date": "Ingangsdatum",
        "term_end": "Einddatum looptijd", "extensions": "Aantal verlengingen",
        "bridging_start": "Overbrugging vanaf", "bridging_last_day": "Overbrugging tot en met",
        "intended_outcome": "Voorgenomen uitkomst", "integrity_risk": "Integriteitsrisico",
        "quality_passed": "Voldoet aan de kwaliteitscriteria",
        "quality_finding": "Bevinding kwaliteitstoets", "decided_by": "Besloten door",
        "lbb_advice_on": "Advies LBB ontvangen op", "legal_model": "Juridisch kader",
        "views": "Zienswijze van de aanvrager", "motivation": "Motivering van het besluit",
        "integrity_motivation": "Motivering integriteitstoets",
        "quality_motivation": "Motivering kwaliteitstoets",
        "lbb_motivation": "Motivering adviesaanvraag LBB", "extend": "Verlengd",
        "complete": "Aanvraag volledig", "lbb_extended": "Adviestermijn LBB verlengd",
        "deviation": "Besluit wijkt af van de toetsen",
        "deviation_subsegments": "Toegelaten ondanks negatieve toets",
        "deviation_confirmed_by": "Afwijking beoordeeld door",
        "sent_back_by": "Teruggestuurd voor zienswijze door",
        "sent_back_reason": "Reden van terugsturen",
        "remedy_grounds": "Gronden",
        "hearing_waived": "Afgezien van horen", "lodged_on": "Ontvangen op",
        "lodged_by": "Ingediend door", "remedy_decision_last_day": "Beslissen uiterlijk op",
        "remedy_decided_on": "Beslist op"}

# key -> level, in the order a case page lists them
LEVEL_OF: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys((
        "reference", "provider", "subsegments", "received_on", "incumbent",
        "decision_last_day", "missing_items", "supplement_requested_on",
        "supplement_last_day", "supplement_note", "documents", "supplemented_on",
        "lbb_requested_on", "lbb_extended", "lbb_last_day", "intended_reasons",
        "views_requested_on", "views_last_day", "views", "outcome", "admitted_subsegments",
        "motivation", "decided_on", "objection_last_day", "remedy", "withdrawal", "subsegment",
        "start_date", "term_end", "extensions", "extend", "bridging_start",
        "bridging_last_day", "clients_remaining", "remedy_grounds",
        "hearing_waived", "lodged_on", "remedy_decision_last_day", "hearing_held_on",
        "hearing_report", "remedy_outcome", "upheld_subsegments", "remedy_reasons",
        "remedy_decided_on"), "public"),
    **dict.fromkeys((
        "legal_model", "complete", "completeness_note", "governance_code", "wnt_compliant",
        "certified", "registrations_valid", "subsegments_meeting_specific_criteria",
        "quality_note", "quality_passed", "quality_finding", "quality_motivation",
        "integrity_passed", "intended_outcome", "views_assessment", "decided_by",
        "transfer_note", "deviation", "deviation_reason", "deviation_subsegments",
        "deviation_confirmed", "deviation_review", "deviation_confirmed_by", "sent_back_by",
        "sent_back_reason", "lodged_by", "advised_by", "advice", "advised_outcome",
        "extension_weeks"), "internal"),
    **dict.fromkeys((
        "questionnaire_complete", "red_flags", "bibob_note", "register_hits",
        "criminal_antecedents", "investigation_note", "integrity_risk", "request_lbb",
        "lbb_motivation", "lbb_advice", "lbb_advice_on", "lbb_advice_summary",
        "integrity_motivation"), "confidential"),
})
# Bookkeeping the procedure keeps for itself; shown to nobody as case data.
HIDDEN = frozenset({
    "application_id", "contract_id", "bridging_id", "decision_due", "supplement_due",
    "views_due", "lbb_due", "objection_until", "term_end_at", "bridging_end_at",
    "reminder_at", "extension_decision_at", "decision_term", "decision_weeks",
    "suspensions", "supplement_rounds", "max_supplement_rounds", "max_extensions",
    "max_transfer_rounds", "transfer_rounds", "bridging_months", "admissible",
    "quality_subsegments", "decision_extension_weeks", "deviation_rounds", "remedy_kind",
    "remedy_decision_due",
})
HIDDEN_PREFIXES = ("spiff__",)


def audience(actor: Actor) -> str:
    """The audience an actor reads cases as (access itself is checked in workflows.access)."""
    if actor.has("auditor") or actor.has("system"):
        return "auditor"
    if actor.has("integrity_officer") or actor.has("decision_maker"):
        return "integrity"
    if actor.is_officer or actor.has("admin"):
        return "officer"
    return "applicant"


def open_task(audience_name: str, bpmn_id: str,
              lane: str | None) -> tuple[str, str, str] | None:
    """An open task as this audience may see it: (step id, task label, role label), or
    None when hidden; a step shown only as "the integrity assessment" has no id.

    Which integrity step is open tells more than the phase: a question to the LBB is only
    considered when the risk table found signals, so outside the integrity roles every
    integrity step reads as the one assessment. Applicants see only their own tasks.
    """
    if audience_name == "applicant" and lane != "applicant":
        return None
    if audience_name == "officer" and lane == "integrity_officer":
        return "", INTEGRITY_STEP, labels.role(lane)
    return bpmn_id, labels.task(bpmn_id), labels.role(lane)


def disclosed(data: Mapping[str, Any], audience_name: str) -> dict[str, Any]:
    """The case data this audience may read, in page order; nothing unclassified."""
    levels = LEVELS[audience_name]
    return {key: data[key] for key, level in LEVEL_OF.items()
            if level in levels and key in data}


def label(key: str) -> str:
    if key in _OWN:
        return _OWN[key]
    for spec in REGISTRY.values():
        field = spec.fields().get(key)
        if field is not None:
            return str(field.metadata["label"])
    return "Gegeven"


def choices(key: str) -> Mapping[str, str]:
    """Dutch labels for the values of a closed set (outcomes, LBB advice, risk)."""
    return {"outcome": DECISION_CHOICES, "intended_outcome": OUTCOMES, "lbb_advice": LBB_ADVICE,
            "integrity_risk": RISKS, "remedy_outcome": REMEDY_OUTCOMES,
            "advised_outcome": REMEDY_OUTCOMES,
            "advised_by": {**COMPLAINT_ADVISERS, "committee": "Advies- of klachtencommissie"},
            }.get(key, {})
