"""The user tasks of `quality`: the KIT criteria and the conclusion."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from workflows.actors import Actor
from workflows.tasks import fields as f
from workflows.tasks.admission import applied_only
from workflows.tasks.registry import TaskSpec


class AssessQualityCriteriaSchema(f.TaskSchema):
    governance_code = f.flag("Past de Governancecode Zorg 2022 toe")
    wnt_compliant = f.flag("Voldoet aan de WNT")
    certified = f.flag("Heeft een geldig kwaliteitscertificaat")
    registrations_valid = f.flag("Registraties (KvK, AGB) zijn geldig")
    subsegments_meeting_specific_criteria = f.subsegments(
        "Subsegmenten die aan hun specifieke criteria voldoen")
    quality_note = f.text("Interne notitie", "Alleen zichtbaar voor medewerkers.")


class ConcludeQualitySchema(f.TaskSchema):
    quality_motivation = f.text("Motivering", required=True)


def _quality(form: dict[str, Any], data: dict[str, Any], _a: Actor,
             _now: datetime) -> dict[str, Any]:
    codes = applied_only(form["subsegments_meeting_specific_criteria"], data,
                         "subsegments_meeting_specific_criteria")
    return {"subsegments_meeting_specific_criteria": codes}


TASKS = (
    TaskSpec("assess_quality_criteria", "quality", "KIT-criteria beoordelen",
             AssessQualityCriteriaSchema, "quality_assessor",
             "Toets de algemene kwaliteitscriteria en de criteria per subsegment.", _quality,
             assesses=True),
    TaskSpec("conclude_quality", "quality", "Kwaliteitstoets afronden", ConcludeQualitySchema,
             "quality_assessor", "Motiveer de uitkomst van de kwaliteitstoets.",
             assesses=True),
)
