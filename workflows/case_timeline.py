"""The case history as people read it: each logged event as who, in which role, what
and when, in Dutch words (never event codes), masked for the reader's audience.

Integrity steps, LBB questions and notes on integrity tasks are confidential: outside
the integrity roles the entry says that something confidential happened, not what
(the same masking as `disclosure.open_task`). Machine records (service calls other than
letters, decision-table evaluations) are left out: they belong to the audit trail.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select

from models import CaseEvent, User, UserRole
from workflows import labels
from workflows.deadlines.atw import long_date
from workflows.tasks import REGISTRY
from workflows.uow import UnitOfWork

CONFIDENTIAL = ("Vertrouwelijk, alleen zichtbaar voor integriteitsbeoordelaars en "
                "besluitnemers.")
INTEGRITY_PROCESS = "integrity"
LETTERS = {"supplement_request": "Verzoek om aanvulling verstuurd",
           "views_request": "Verzoek om zienswijze verstuurd",
           "decision": "Besluitbrief verstuurd",
           "withdrawal_confirmation": "Bevestiging van de intrekking verstuurd",
           "lbb_request": "Adviesaanvraag aan het Landelijk Bureau Bibob verstuurd",
           "bridging_start": "Brief over de overbrugging verstuurd",
           "bridging_reminder": "Herinnering over de overdracht van cliënten verstuurd"}
# Who works on a task (the inbox's assignment events).
ASSIGNMENTS = {"task_claimed": "Taak opgepakt", "task_released": "Taak teruggelegd",
               "task_reassigned": "Taak overgedragen",
               "task_distributed": "Taak toegewezen door coördinator",
               "task_returned_to_team": "Taak door coördinator teruggelegd bij het team"}
# Which of the actor's roles an event was done in, when the event does not say.
ROLE_OF_KIND = {"notice_of_default": ("applicant", "screening_officer", "legal_counsel"),
                "decision_term_extended": ("legal_counsel", "decision_maker")}


@dataclass(frozen=True)
class TimelineEntry:
    seq: int
    kind: str  # the event's code, for grouping (notes); never shown
    at: datetime
    who: str
    role_label: str
    text: str
    detail: str = ""
    confidential: bool = False  # True: the reader sees that it exists, not what it says


@dataclass(frozen=True)
class Person:
    name: str
    roles: tuple[str, ...]


PAGE_SIZE = 50
NOT_SHOWN = ("dmn_evaluated",)  # decision-table records: for auditors, not the timeline
LETTER = '%"service":"send_letter"%'  # of the service calls only letters (canonical JSON)


@dataclass(frozen=True)
class Timeline:
    entries: tuple[TimelineEntry, ...]
    page: int
    pages: int


def case_timeline(uow: UnitOfWork, case_id: int, audience: str, *, page: int = 1,
                  kinds: Sequence[str] = ()) -> Timeline:
    """One page of the case's events (only `kinds` when given) for an audience the caller
    has checked, newest first."""
    where = [CaseEvent.case_id == case_id, CaseEvent.kind.not_in(NOT_SHOWN),
             or_(CaseEvent.kind != "service_called", CaseEvent.payload.like(LETTER))]
    if kinds:
        where.append(CaseEvent.kind.in_(list(kinds)))
    total = uow.session.scalar(select(func.count()).select_from(CaseEvent).where(*where)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    events = uow.session.execute(
        select(CaseEvent.seq, CaseEvent.kind, CaseEvent.actor, CaseEvent.at,
               CaseEvent.payload).where(*where).order_by(CaseEvent.seq.desc())
        .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return Timeline(_entries(uow, events, audience), page, pages)


def _entries(uow: UnitOfWork, events: Sequence[Any], audience: str
             ) -> tuple[TimelineEntry, ...]:
    people = _people(uow, {e.actor for e in events})
    entries = []
    for seq, kind, email, at, payload in events:
        said = _describe(kind, json.loads(payload))
        if said is None:
            continue
        text, detail, role, confidential = said
        person = people.get(email, Person(email, ()))
        role = role or _role_for(kind, person)
        if confidential and audience not in ("integrity", "auditor"):
            text, detail = _masked(kind), CONFIDENTIAL
        who = _who(email, person)
        if role == "system" and email != "system":  # the system, within a person's step
            who = AUTOMATIC.format(who=who)
        entries.append(TimelineEntry(seq, kind, at, who, labels.role(role), text, detail,
                                     confidential))
    return tuple(entries)


def _people(uow: UnitOfWork, emails: Iterable[str]) -> dict[str, Person]:
    rows = uow.session.execute(
        select(User.email, User.name, UserRole.role)
        .join(UserRole, UserRole.user_id == User.id, isouter=True)
        .where(User.email.in_(list(emails))).order_by(UserRole.role)).all()
    found: dict[str, Person] = {}
    for email, name, role in rows:
        known = found.get(email, Person(name, ()))
        found[email] = Person(name, known.roles + ((role,) if role else ()))
    return found


def _who(email: str, person: Person) -> str:
    return "Toelating (automatisch)" if email == "system" else person.name


def _role_for(kind: str, person: Person) -> str:
    for role in ROLE_OF_KIND.get(kind, ()):
        if role in person.roles:
            return role
    return person.roles[0] if person.roles else "system"


def _masked(kind: str) -> str:
    if kind == "internal_note":
        return "Vertrouwelijke notitie bij de integriteitstoets"
    if kind in ("lbb_questions", "lbb_answers"):
        return "Vertrouwelijk gegeven over het advies van het LBB vastgelegd"
    if kind in ASSIGNMENTS:
        return "Werkverdeling in de integriteitstoets gewijzigd"
    return "Stap in de integriteitstoets"


Described = tuple[str, str, str | None, bool]  # text, detail, role, confidential


def _describe(kind: str, payload: Mapping[str, Any]) -> Described | None:
    if kind == "task_completed":
        return _task_completed(payload)
    if kind == "service_called":
        letter = LETTERS.get(str(payload.get("params", {}).get("kind")))
        if payload.get("service") != "send_letter" or letter is None:
            return None
        return letter, "", "system", False
    if kind == "warning":
        return _warning(payload)
    if kind in ASSIGNMENTS:
        return _assignment(kind, payload)
    return _case_events(kind, payload)


def _case_events(kind: str, payload: Mapping[str, Any]) -> Described | None:
    role = payload.get("role")
    confidential = bool(payload.get("confidential"))
    if kind == "started":
        return "Zaak gestart", "", None, False
    if kind == "message" and payload.get("name") == "withdrawal_requested":
        data = payload.get("data", {})
        reason = str(data.get("reason") or "")
        if data.get("on_behalf"):
            return (f"Intrekking van de aanvrager vastgelegd (ontvangen op "
                    f"{_day(data['received_on'])})", reason, data.get("role"), False)
        return "Aanvraag ingetrokken door de aanvrager", reason, "applicant", False
    if kind == "tick":
        return "Termijn verstreken; de procedure ging verder", "", "system", False
    if kind == "notice_of_default":
        return ("Ingebrekestelling ontvangen", f"Ontvangen op {_day(payload['received_on'])}.",
                role, False)
    if kind == "decision_term_extended":
        return (f"Beslistermijn verdaagd met {payload['weeks']} weken",
                str(payload.get("reason", "")), role, False)
    if kind == "internal_note":
        about = f" bij de taak '{payload['task_label']}'" if payload.get("task_label") else ""
        return f"Interne notitie{about}", str(payload["text"]), role, confidential
    if kind == "lbb_questions":
        return ("Vragen van het LBB aan de aanvrager vastgelegd",
                f"Gesteld op {_day(payload['asked_on'])}: " + "; ".join(payload["questions"]),
                role, True)
    if kind == "lbb_answers":
        return ("Antwoorden van de aanvrager op de vragen van het LBB",
                str(payload.get("answers", "")), "applicant", True)
    if kind == "dmn_evaluated":
        return (DECISION_TABLES.get(str(payload.get("decision")), "Beslistabel toegepast"),
                "", "system", False)
    return "Gebeurtenis in de zaak vastgelegd", "", role, False


def _task_completed(payload: Mapping[str, Any]) -> Described:
    bpmn_id = str(payload.get("task", ""))
    spec = REGISTRY.get(bpmn_id)
    if spec is None:
        return "Stap afgerond", "", None, False
    data = payload.get("data", {})
    if bpmn_id == "check_completeness" and data.get("complete") is False:
        missing = "; ".join(str(m) for m in data.get("missing_items", []))
        return "Verzoek om aanvulling: de aanvraag is niet volledig", \
            f"Ontbreekt: {missing}", spec.role, False
    return (f"Stap afgerond: {spec.label}", "", spec.role,
            spec.process_id == INTEGRITY_PROCESS)


def _warning(payload: Mapping[str, Any]) -> Described:
    spec = REGISTRY.get(str(payload.get("task", "")))
    label = spec.label if spec is not None else "een taak"
    text = ("Waarschuwing: de termijn van een taak is verstreken"
            if payload.get("kind") == "overdue"
            else "Waarschuwing: de termijn van een taak verstrijkt binnenkort")
    confidential = spec is not None and spec.process_id == INTEGRITY_PROCESS
    return text, f"Taak: {label}.", "system", confidential


def _assignment(kind: str, payload: Mapping[str, Any]) -> Described:
    spec = REGISTRY.get(str(payload.get("task", "")))
    detail = f"Taak: {spec.label if spec is not None else 'een taak'}."
    if kind in ("task_reassigned", "task_distributed") and payload.get("assignee_name"):
        detail += f" Aan: {payload['assignee_name']}."
    if payload.get("reason"):
        detail += f" Reden: {payload['reason']}"
    confidential = spec is not None and spec.process_id == INTEGRITY_PROCESS
    return ASSIGNMENTS[kind], detail, spec.role if spec else None, confidential


def _day(value: Any) -> str:
    try:
        return long_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


# The decision tables (DMN) by what they decide.
DECISION_TABLES = {"integrity_risk": "Beslistabel: integriteitsrisico bepaald",
                   "quality_score": "Beslistabel: uitkomst kwaliteitstoets bepaald"}
# The steps the timeline leaves out, in words for the auditor's step-by-step history.
SERVICES = {"compute_decision_term": "Beslistermijn berekend",
            "record_decision": "Besluit vastgelegd",
            "record_remedy_decision": "Beslissing op bezwaar of klacht vastgelegd",
            "record_contract_extension": "Verlenging van de overeenkomst vastgelegd",
            "record_contract_end": "Einde van de overeenkomst vastgelegd",
            "record_bridging_end": "Einde van de overbrugging vastgelegd",
            "start_contracts": "Overeenkomsten gestart",
            "start_remedy_contracts": "Overeenkomsten gestart na bezwaar of klacht",
            "send_letter": "Brief verstuurd"}


AUTOMATIC = "Toelating (automatisch), na een stap van {who}"


def event_entry(uow: UnitOfWork, case_id: int, seq: int, audience: str) -> TimelineEntry:
    """One event in words, also those the timeline leaves out (system steps, decision
    tables), for an auditor stepping through the log."""
    row = uow.session.execute(
        select(CaseEvent.seq, CaseEvent.kind, CaseEvent.actor, CaseEvent.at,
               CaseEvent.payload).where(CaseEvent.case_id == case_id,
                                        CaseEvent.seq == seq)).one()
    entries = _entries(uow, [row], audience)
    if entries:
        return entries[0]
    payload = json.loads(row.payload)
    text = SERVICES.get(str(payload.get("service")), "Systeemstap uitgevoerd")
    person = _people(uow, [row.actor]).get(row.actor, Person(row.actor, ()))
    # Done by the system within the command of the person who acted.
    who = _who(row.actor, person)
    return TimelineEntry(row.seq, row.kind, row.at,
                         who if row.actor == "system" else AUTOMATIC.format(who=who),
                         labels.role("system"), text)
