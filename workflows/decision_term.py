"""Notices about the decision term: the organ extends it (verdaging, Awb 4:14), or the
applicant gives notice of default (ingebrekestelling, Awb 4:17), from whose receipt a
late decision accrues a penalty. Both are recorded beside the workflow and in its log."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from engine import clock, store
from engine.commands import current_data
from engine.store import PendingEvent
from models import Application, Case, CaseEvent, HumanTask
from workflows.access import require_read
from workflows.actors import Actor
from workflows.deadlines import case_terms, local_day, moment_after
from workflows.errors import Conflict, InvalidInput, NotAllowed, NotFound
from workflows.tasks import DECISION_TERM_TASKS
from workflows.uow import UnitOfWork


def register_notice_of_default(uow: UnitOfWork, actor: Actor, *, case_id: int,
                               received_on: date) -> date:
    """Record the day the written notice of default was received (by the organ)."""
    case = require_read(actor, uow.session.get(Case, case_id))
    own = actor.has("applicant") and case.provider_id == actor.provider_id
    if not (own or actor.has("screening_officer") or actor.has("legal_counsel")):
        raise NotAllowed("Alleen de aanvrager of een behandelaar kan dit registreren.")
    if received_on > local_day(clock.now()):
        raise InvalidInput("De ontvangstdatum ligt in de toekomst.",
                           {"received_on": ["niet na vandaag"]})
    app = _application(uow, case_id)
    if app.notice_of_default_on is not None:
        raise Conflict(f"Er is al een ingebrekestelling ontvangen op {app.notice_of_default_on}.")
    store.lock_case(uow.session, case_id)
    app.notice_of_default_on = received_on
    store.append_events(uow.session, case_id, actor.email, clock.now(), [PendingEvent(
        "notice_of_default", {"received_on": received_on.isoformat()})])
    return received_on


MAX_EXTENSION_WEEKS = 26  # Awb 4:14 lid 3 asks a reasonable term; more than half a year is not


def extend_decision_term(uow: UnitOfWork, actor: Actor, *, case_id: int, weeks: int,
                         reason: str) -> date:
    """Extend the decision term by notice before it ends (verdaging, Awb 4:14 lid 3);
    returns the new last day."""
    case = require_read(actor, uow.session.get(Case, case_id))
    if not (actor.has("legal_counsel") or actor.has("decision_maker")):
        raise NotAllowed("Alleen een jurist of besluitnemer kan de beslistermijn verdagen.")
    already = extension_weeks(uow, actor, case_id=case_id)
    if (not 1 <= weeks <= MAX_EXTENSION_WEEKS - already or not reason.strip()
            or len(reason) > 2000):
        raise InvalidInput(
            f"Geef een verdaging en een reden; in totaal ten hoogste {MAX_EXTENSION_WEEKS} "
            f"weken (al verdaagd: {already}).",
            {"weeks": [f"1 tot {MAX_EXTENSION_WEEKS - already}"],
             "reason": ["verplicht, max. 2000 tekens"]})
    store.lock_case(uow.session, case_id)
    _application(uow, case_id)
    data = {**current_data(uow.session, case), "decision_extension_weeks": already}
    if case.completed or "decided_on" in data:
        raise Conflict("Over deze aanvraag is al besloten.")
    if local_day(clock.now()) > case_terms.decision_term(data).date:
        raise Conflict("De beslistermijn is al verstreken; verdagen kan alleen daarvoor.")
    store.append_events(uow.session, case_id, actor.email, clock.now(), [PendingEvent(
        "decision_term_extended", {"weeks": weeks, "reason": reason})])
    uow.session.flush()
    refresh_decision_dues(uow, actor, case_id=case_id, weeks=already + weeks)
    return case_terms.decision_term({**data, "decision_extension_weeks":
                                     already + weeks}).date


def extension_weeks(uow: UnitOfWork, actor: Actor, *, case_id: int) -> int:
    """The weeks the decision term was extended by notice, summed from the hash-chained
    log (so an edited column cannot move the term)."""
    require_read(actor, uow.session.get(Case, case_id))
    payloads = uow.session.scalars(select(CaseEvent.payload).where(
        CaseEvent.case_id == case_id, CaseEvent.kind == "decision_term_extended")).all()
    return sum(int(json.loads(p)["weeks"]) for p in payloads)


def refresh_decision_dues(uow: UnitOfWork, actor: Actor, *, case_id: int, weeks: int,
                          data: dict[str, Any] | None = None) -> None:
    """Open tasks due at the end of the decision term follow an extension at once;
    `weeks` is the extension as the command read it from the log, `data` the case data
    the command left (loaded here only when the caller has none)."""
    case = require_read(actor, uow.session.get(Case, case_id))
    if not weeks or case.completed:
        return
    current = data if data is not None else current_data(uow.session, case)
    data = {**current, "decision_extension_weeks": weeks}
    if "received_on" not in data:
        return
    due = moment_after(case_terms.decision_term(data).date)
    for task in uow.session.scalars(select(HumanTask).where(
            HumanTask.case_id == case_id, HumanTask.completed_at.is_(None),
            HumanTask.bpmn_id.in_(DECISION_TERM_TASKS))):
        if task.due_at != due:  # a moved due date deserves its own warnings
            task.due_at, task.warned_due_soon_at, task.warned_overdue_at = due, None, None
    uow.session.flush()


def _application(uow: UnitOfWork, case_id: int) -> Application:
    app = uow.session.scalars(select(Application).where(Application.case_id == case_id)).first()
    if app is None:
        raise NotFound("Bij deze zaak hoort geen aanvraag.")
    return app
