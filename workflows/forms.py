"""One marshmallow schema per user task: the screens, the API and the CLI all use these.

Completing a task validates first; invalid or oversized data is refused with field
errors and the task stays open.
"""

from __future__ import annotations

import json
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from workflows.errors import InvalidInput

MAX_PAYLOAD_BYTES = 64 * 1024
TEXT = validate.Length(max=10_000)
SHORT = validate.Length(max=200)
CODES = fields.List(fields.String(validate=SHORT), load_default=list,
                    validate=validate.Length(max=50))


class CheckCompletenessSchema(Schema):
    complete = fields.Boolean(required=True)
    missing_items = fields.List(fields.String(validate=SHORT), load_default=list,
                                validate=validate.Length(max=20))
    note = fields.String(load_default="", validate=TEXT)

    @validates_schema
    def _missing_named(self, data: dict[str, Any], **_: Any) -> None:
        if not data["complete"] and not data["missing_items"]:
            raise ValidationError("Noem wat er ontbreekt.", "missing_items")


class SupplementApplicationSchema(Schema):
    supplement_note = fields.String(required=True, validate=validate.Length(min=1, max=10_000))
    documents = fields.List(fields.String(validate=validate.Length(max=255)), load_default=list,
                            validate=validate.Length(max=20))


class ReviewBibobQuestionnaireSchema(Schema):
    questionnaire_complete = fields.Boolean(required=True)
    red_flags = fields.Integer(required=True, validate=validate.Range(0, 50))
    note = fields.String(load_default="", validate=TEXT)


class OwnInvestigationSchema(Schema):
    register_hits = fields.Integer(required=True, validate=validate.Range(0, 50))
    criminal_antecedents = fields.Boolean(required=True)
    note = fields.String(load_default="", validate=TEXT)


class DecideLbbRequestSchema(Schema):
    request_lbb = fields.Boolean(required=True)
    motivation = fields.String(load_default="", validate=TEXT)


class RegisterLbbAdviceSchema(Schema):
    lbb_advice = fields.String(required=True, validate=validate.OneOf(
        ["no_risk", "limited_risk", "serious_risk"]))
    summary = fields.String(load_default="", validate=TEXT)


class RegisterLbbExtensionSchema(Schema):
    lbb_extended = fields.Boolean(required=True)


class ConcludeIntegritySchema(Schema):
    integrity_passed = fields.Boolean(required=True)
    integrity_motivation = fields.String(required=True, validate=validate.Length(min=1, max=10_000))


class AssessQualityCriteriaSchema(Schema):
    governance_code = fields.Boolean(required=True)
    wnt_compliant = fields.Boolean(required=True)
    certified = fields.Boolean(required=True)
    registrations_valid = fields.Boolean(required=True)
    subsegments_meeting_specific_criteria = CODES
    note = fields.String(load_default="", validate=TEXT)


class ConcludeQualitySchema(Schema):
    quality_motivation = fields.String(required=True, validate=validate.Length(min=1, max=10_000))


class PrepareViewsRequestSchema(Schema):
    intended_reasons = fields.String(required=True, validate=validate.Length(min=1, max=10_000))


class SubmitViewsSchema(Schema):
    views = fields.String(required=True, validate=validate.Length(min=1, max=20_000))


class AssessViewsSchema(Schema):
    views_assessment = fields.String(required=True, validate=validate.Length(min=1, max=10_000))


class DecideAdmissionSchema(Schema):
    outcome = fields.String(required=True, validate=validate.OneOf(
        ["admitted", "partly_admitted", "refused", "not_considered"]))
    admitted_subsegments = CODES
    motivation = fields.String(required=True, validate=validate.Length(min=1, max=20_000))

    @validates_schema
    def _consistent(self, data: dict[str, Any], **_: Any) -> None:
        admits = data["outcome"] in ("admitted", "partly_admitted")
        if admits != bool(data["admitted_subsegments"]):
            raise ValidationError("Noem de toegelaten subsegmenten precies bij (deels) "
                                  "toelaten, en geen bij afwijzen.", "admitted_subsegments")


class DecideExtensionSchema(Schema):
    extend = fields.Boolean(required=True)
    motivation = fields.String(load_default="", validate=TEXT)


class RegisterClientTransferSchema(Schema):
    clients_remaining = fields.Integer(required=True, validate=validate.Range(0, 10_000))
    note = fields.String(load_default="", validate=TEXT)


TASK_SCHEMAS: dict[str, type[Schema]] = {
    "check_completeness": CheckCompletenessSchema,
    "supplement_application": SupplementApplicationSchema,
    "review_bibob_questionnaire": ReviewBibobQuestionnaireSchema,
    "own_investigation": OwnInvestigationSchema,
    "decide_lbb_request": DecideLbbRequestSchema,
    "register_lbb_advice": RegisterLbbAdviceSchema,
    "register_lbb_extension": RegisterLbbExtensionSchema,
    "conclude_integrity": ConcludeIntegritySchema,
    "assess_quality_criteria": AssessQualityCriteriaSchema,
    "conclude_quality": ConcludeQualitySchema,
    "prepare_views_request": PrepareViewsRequestSchema,
    "submit_views": SubmitViewsSchema,
    "assess_views": AssessViewsSchema,
    "decide_admission": DecideAdmissionSchema,
    "decide_extension": DecideExtensionSchema,
    "register_client_transfer": RegisterClientTransferSchema,
}


def load_task_form(bpmn_id: str, data: Any) -> dict[str, Any]:
    """Validated task data, or InvalidInput with a message per field."""
    schema = TASK_SCHEMAS.get(bpmn_id)
    if schema is None:
        raise InvalidInput(f"Voor taak '{bpmn_id}' bestaat geen formulier.")
    if not isinstance(data, dict):
        raise InvalidInput("De gegevens moeten een object met velden zijn.")
    if len(json.dumps(data, default=str)) > MAX_PAYLOAD_BYTES:
        raise InvalidInput(f"De gegevens zijn groter dan {MAX_PAYLOAD_BYTES // 1024} kB.")
    try:
        loaded: dict[str, Any] = schema().load(data)
    except ValidationError as err:
        raise InvalidInput("Niet alle velden zijn goed ingevuld.", _flatten(err.messages)) from err
    return loaded


def _flatten(messages: Any) -> dict[str, list[str]]:
    if isinstance(messages, dict):
        return {str(k): v if isinstance(v, list) else [str(v)] for k, v in messages.items()}
    return {"_schema": [str(m) for m in messages]}
