"""The applicant portal's read side: my organisation's applications with their phase in
plain Dutch and the open actions first, and one application's status page.

Only the applicant's own organisation's cases (`access.require_read`: another's does not
exist for them), only public case data, only the applicant's own tasks; internal notes,
work distribution and every integrity step stay out of the applicant's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select

from engine.commands import current_data
from models import Application, Case, Document, HumanTask, Letter, Subsegment
from workflows import access, case_deadlines, case_reads, case_timeline, labels
from workflows.actors import Actor
from workflows.case_deadlines import OpenDeadline
from workflows.deadlines import last_day
from workflows.decision_term import extension_weeks
from workflows.uow import UnitOfWork
from workflows.views import CaseView

OBJECTION_TERM = "Bezwaartermijn"
# The officers' words for an event, where an applicant thinks in other ones.
PLAIN = {"started": "Aanvraag ingediend"}
ACTIONS = {"supplement_application": "aanvullen", "submit_views": "zienswijze"}
# What an applicant reads in its timeline: never notes, work distribution or warnings.
NOT_FOR_APPLICANTS = frozenset({"internal_note", "lbb_questions", "warning",
                                *case_timeline.ASSIGNMENTS})


@dataclass(frozen=True)
class OpenAction:
    case_id: int
    reference: str
    bpmn_id: str
    label: str
    due_at: datetime | None
    slug: str

    @property
    def last_day(self) -> date | None:
        """The legal last day (a task is due at the midnight after it)."""
        return last_day(self.due_at) if self.due_at else None


@dataclass(frozen=True)
class ApplicationRow:
    case_id: int
    reference: str
    received_on: date | None
    phase: str
    completed: bool
    actions: tuple[OpenAction, ...]


@dataclass(frozen=True)
class MyApplications:
    actions: tuple[OpenAction, ...]
    applications: tuple[ApplicationRow, ...]


@dataclass(frozen=True)
class Event:
    at: datetime
    who: str
    text: str
    detail: str


@dataclass(frozen=True)
class LetterRow:
    case_id: int
    letter_id: int
    label: str
    sent_at: datetime


@dataclass(frozen=True)
class Agreement:
    case_id: int
    label: str
    phase: str
    subsegment: str
    last_day: date | None


@dataclass(frozen=True)
class Remedy:
    case_id: int
    label: str
    phase: str
    lodged_on: date | None
    completed: bool


@dataclass(frozen=True)
class StatusPage:
    case: CaseView
    decision: OpenDeadline | None
    decision_note: str
    actions: tuple[tuple[OpenAction, OpenDeadline | None], ...]
    timeline: tuple[Event, ...]
    letters: tuple[LetterRow, ...]
    documents: tuple[tuple[str, datetime], ...]
    agreements: tuple[Agreement, ...]
    remedies: tuple[Remedy, ...]
    may_withdraw: bool
    lbb_open: bool
    remedy: OpenDeadline | None

    @property
    def objection(self) -> bool:
        """The remedy open to the applicant is an objection (Awb), not a complaint."""
        return self.remedy is not None and self.remedy.name == OBJECTION_TERM


def my_applications(uow: UnitOfWork, actor: Actor) -> MyApplications:
    """My organisation's applications, those waiting for us first (earliest due first)."""
    access.require_role(actor, "applicant")
    rows = uow.session.execute(
        select(Case.id, Case.status, Case.completed, Application.reference,
               Application.received_on)
        .join(Application, Application.case_id == Case.id)
        .where(access.readable_cases(actor), Case.process_id == "admission")
        .order_by(Case.id.desc())).all()
    tasks = uow.session.execute(
        select(HumanTask.case_id, HumanTask.bpmn_id, HumanTask.due_at)
        .where(HumanTask.case_id.in_([r.id for r in rows]), HumanTask.lane == "applicant",
               HumanTask.completed_at.is_(None)).order_by(HumanTask.id)).all()
    references = {r.id: r.reference for r in rows}
    actions = [OpenAction(t.case_id, references[t.case_id], t.bpmn_id,
                          labels.task(t.bpmn_id), t.due_at, ACTIONS.get(t.bpmn_id, ""))
               for t in tasks]
    apps = [ApplicationRow(r.id, r.reference, r.received_on,
                           labels.status(r.status, applicant=True), r.completed,
                           tuple(a for a in actions if a.case_id == r.id)) for r in rows]
    apps.sort(key=lambda a: (not a.actions, _due(a.actions), -a.case_id))
    return MyApplications(tuple(sorted(actions, key=lambda a: _due((a,)))), tuple(apps))


def _due(actions: tuple[OpenAction, ...]) -> datetime:
    return min((a.due_at for a in actions if a.due_at), default=datetime.max)


def application_summary(uow: UnitOfWork, actor: Actor, *, case_id: int) -> CaseView:
    """One of my organisation's applications, its phase and my open tasks (for a screen on
    which I respond); anyone else's, or a contract's, does not exist here."""
    access.require_role(actor, "applicant")
    case = access.require_read(actor, uow.session.get(Case, case_id))
    if case.process_id != "admission":
        access.require_read(actor, None)
    return case_reads.case_summary(uow, actor, case_id=case_id)


def application_view(uow: UnitOfWork, actor: Actor, *, case_id: int) -> CaseView:
    """`application_summary` with the public case data (what we asked for, for one)."""
    application_summary(uow, actor, case_id=case_id)
    return case_reads.show_case(uow, actor, case_id=case_id)


def application_status(uow: UnitOfWork, actor: Actor, *, case_id: int) -> StatusPage:
    """One application as its applicant follows it: phase, decision deadline with why,
    what we expect and by when, history, letters, documents and agreements."""
    access.require_role(actor, "applicant")
    case = access.require_read(actor, uow.session.get(Case, case_id))
    if case.process_id != "admission":
        access.require_read(actor, None)  # only applications have a status page
    view = case_reads.show_case(uow, actor, case_id=case_id)
    data = current_data(uow.session, case)
    terms = {d.name: d for d in case_deadlines.open_deadlines(
        uow, actor, case_id=case_id).deadlines}
    summary = my_applications_row(view)
    decided = "decided_on" in data
    remedy = next((d for n, d in terms.items() if n in (OBJECTION_TERM, "Klachttermijn")),
                  None)
    remedies = _remedies(uow, case_id)
    lbb_open = bool(data.get("lbb_requested_on")) and not data.get("lbb_advice_on") \
        and not case.completed
    return StatusPage(
        view, terms.get("Beslistermijn"), _decision_note(uow, actor, case, data, view),
        tuple((a, terms.get(TERM_OF.get(a.bpmn_id, ""))) for a in summary),
        _timeline(uow, case_id), _letters(uow, case_id), _documents(uow, case_id),
        _agreements(uow, case_id), remedies, not case.completed and not decided, lbb_open,
        None if any(not r.completed for r in remedies) else remedy)


TERM_OF = {"supplement_application": "Aanvullingstermijn", "submit_views": "Zienswijzetermijn"}


def my_applications_row(view: CaseView) -> tuple[OpenAction, ...]:
    return tuple(OpenAction(view.case_id, view.reference, t.bpmn_id, t.label, t.due_at,
                            ACTIONS.get(t.bpmn_id, "")) for t in view.open_tasks)


def _decision_note(uow: UnitOfWork, actor: Actor, case: Case, data: dict[str, Any],
                   view: CaseView) -> str:
    """One line on why the decision deadline is where it is, in plain Dutch."""
    if case.completed or "decided_on" in data:
        return "Wij hebben een besluit genomen."
    if any(t.bpmn_id == "supplement_application" for t in view.open_tasks):
        return ("De beslistermijn staat stil zolang wij op uw aanvulling wachten. "
                "Vult u eerder aan, dan komt de datum eerder te liggen.")
    if data.get("lbb_requested_on") and not data.get("lbb_advice_on"):
        return ("Wij hebben advies gevraagd aan het Landelijk Bureau Bibob; de beslistermijn "
                "staat zolang stil.")
    weeks = extension_weeks(uow, actor, case_id=case.id)
    if weeks:
        return f"Wij hebben de beslistermijn met {weeks} weken verlengd."
    if data.get("suspensions"):
        return "De beslistermijn is opgeschoven met de tijd die wij op uw aanvulling wachtten."
    return "Wij beslissen binnen 8 weken na ontvangst van uw aanvraag."


def _timeline(uow: UnitOfWork, case_id: int) -> tuple[Event, ...]:
    found = case_timeline.case_timeline(uow, case_id, "applicant")
    return tuple(Event(e.at, "U" if e.role_label == labels.role("applicant") else
                       ("Toelating (automatisch)" if e.who.startswith("Toelating")
                        else "Gemeente"), PLAIN.get(e.kind, e.text), e.detail)
                 for e in found.entries
                 if e.kind not in NOT_FOR_APPLICANTS and not e.confidential)


def _letters(uow: UnitOfWork, case_id: int) -> tuple[LetterRow, ...]:
    """The letters we sent about this application, its objection or complaint, its
    contracts and bridging, as stored (the PDF that was sent); never the LBB's."""
    family = select(Case.id).where(or_(Case.id == case_id, Case.parent_case_id == case_id))
    rows = uow.session.execute(select(Letter.case_id, Letter.id, Letter.kind, Letter.subject,
                                      Letter.created_at).where(
        Letter.case_id.in_(family), Letter.confidential.is_(False))
        .order_by(Letter.created_at, Letter.id)).all()
    return tuple(LetterRow(r.case_id, r.id, r.subject, r.created_at) for r in rows)


def _documents(uow: UnitOfWork, case_id: int) -> tuple[tuple[str, datetime], ...]:
    rows = uow.session.execute(select(Document.filename, Document.uploaded_at).join(
        Application, Application.id == Document.application_id).where(
        Application.case_id == case_id, Document.confidential.is_(False),
        Document.kind.not_in(("bibob_questionnaire", "lbb_advice")))
        .order_by(Document.uploaded_at, Document.id)).all()
    return tuple((name, at) for name, at in rows)


def _agreements(uow: UnitOfWork, case_id: int) -> tuple[Agreement, ...]:
    """Contracts and bridging agreements that came from this application."""
    names = {code: name for code, name in uow.session.execute(
        select(Subsegment.code, Subsegment.name)).all()}
    found = []
    for child in _children(uow, case_id, ("contract", "bridging")):
        data = current_data(uow.session, child)
        bridging = child.process_id == "bridging"
        last = data.get("bridging_last_day" if bridging else "term_end")
        found.append(Agreement(
            child.id, labels.process(child.process_id),
            labels.status(child.status, applicant=True),
            names.get(str(data.get("subsegment")), str(data.get("subsegment", ""))),
            date.fromisoformat(last) if last else None))
    return tuple(found)


def _remedies(uow: UnitOfWork, case_id: int) -> tuple[Remedy, ...]:
    """The objections or complaints lodged against the decision, with where they stand."""
    return tuple(Remedy(child.id, labels.process(child.process_id),
                        labels.status(child.status, applicant=True),
                        _day(current_data(uow.session, child).get("lodged_on")),
                        child.completed)
                 for child in _children(uow, case_id, ("objection", "complaint")))


def _children(uow: UnitOfWork, case_id: int, processes: tuple[str, ...]) -> list[Case]:
    return list(uow.session.scalars(select(Case).where(
        Case.parent_case_id == case_id, Case.process_id.in_(processes)).order_by(Case.id)))


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None
