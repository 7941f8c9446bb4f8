"""Per-case authorization, checked below the screens for every use case."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, true

from models import Case, HumanTask
from workflows.actors import Actor
from workflows.errors import NotAllowed, NotFound

# Tasks whose completer has assessed the case; they may not take its decision.
ASSESSMENT_TASKS = frozenset({
    "check_completeness", "review_bibob_questionnaire", "own_investigation",
    "decide_lbb_request", "register_lbb_advice", "register_lbb_extension",
    "conclude_integrity", "assess_quality_criteria", "conclude_quality", "assess_views",
})
DECISION_TASKS = frozenset({"decide_admission"})


def _reads_all(actor: Actor) -> bool:
    return actor.is_officer or any(actor.has(r) for r in ("auditor", "admin", "system"))


def can_read_case(actor: Actor, case: Case) -> bool:
    if _reads_all(actor):
        return True
    return actor.has("applicant") and case.provider_id == actor.provider_id


def readable_cases(actor: Actor) -> ColumnElement[bool]:
    """`can_read_case` as a WHERE clause, so lists filter in the database."""
    if _reads_all(actor):
        return true()
    if actor.has("applicant") and actor.provider_id is not None:
        return Case.provider_id == actor.provider_id
    return false()


def require_read(actor: Actor, case: Case | None) -> Case:
    """A case you may not see does not exist for you (no hint that it does)."""
    if case is None or not can_read_case(actor, case):
        raise NotFound("Deze zaak bestaat niet of u heeft er geen toegang toe.")
    return case


def require_task(actor: Actor, case: Case, task: HumanTask) -> None:
    """The task's lane is the role that may do it; applicants only in their own case."""
    require_read(actor, case)
    if actor.has("system"):
        return
    if task.lane == "applicant":
        if not (actor.has("applicant") and case.provider_id == actor.provider_id):
            raise NotAllowed("Alleen de aanvrager zelf kan deze taak uitvoeren.")
        return
    if task.lane is None or not actor.has(task.lane):
        raise NotAllowed(f"Voor deze taak is de rol '{task.lane}' nodig.")


def require_role(actor: Actor, *roles: str) -> None:
    if not any(actor.has(r) for r in roles):
        raise NotAllowed("U heeft geen rol die dit mag: " + ", ".join(roles) + ".")
