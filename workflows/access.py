"""Per-case authorization, checked below the screens for every use case."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, true

from models import Case, HumanTask
from workflows import labels
from workflows.actors import Actor
from workflows.errors import NotAllowed, NotFound


def _reads_all(actor: Actor) -> bool:
    return actor.is_officer or any(actor.has(r) for r in ("auditor", "admin", "system"))


def can_read_case(actor: Actor, case: Case) -> bool:
    """Staff read every case; an applicant only those of its own organisation."""
    if _reads_all(actor):
        return True
    return (actor.has("applicant") and actor.provider_id is not None
            and case.provider_id == actor.provider_id)


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
    """The task's lane is the role that may do it; applicants only in their own case
    (the caller has checked that the actor reads the case)."""
    if actor.has("system"):
        return
    if task.lane == "applicant":
        if not (actor.has("applicant") and case.provider_id == actor.provider_id):
            raise NotAllowed("Alleen de aanvrager zelf kan deze taak uitvoeren.")
        return
    if task.lane is None or not actor.has(task.lane):
        raise NotAllowed(f"Deze taak is voor de rol {labels.role(task.lane).lower()}; "
                         "die rol heeft u niet.")


def require_role(actor: Actor, *roles: str) -> None:
    """Refused unless the actor holds one of the roles (the system counts when named)."""
    if not any(actor.has(r) for r in roles):
        allowed = " of ".join(labels.role(r).lower() for r in roles)
        raise NotAllowed(f"Dit mag alleen een {allowed}; die rol heeft u niet.")
