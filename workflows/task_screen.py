"""What a task screen shows: the task, the application beside it, the documents the task
needs, for a decision the assessments it rests on, the reader's own draft, and why the
reader may not complete it (role or separation of duties). Disclosure applies to all of
it: confidential Bibob facts only for integrity officers and decision makers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select

from engine.commands import current_data
from models import (
    Application,
    Case,
    Document,
    HumanTask,
    Municipality,
    Participation,
    Provider,
    Subsegment,
    User,
)
from workflows import access, deadlines, disclosure, drafts, duties, labels
from workflows.actors import Actor
from workflows.case_data import DataItem, present
from workflows.deadlines import case_terms
from workflows.deadlines.atw import long_date
from workflows.errors import NotAllowed, NotFound, ToelatingError
from workflows.tasks import ASSESSMENT_TASKS, REGISTRY, TaskSpec, task_spec
from workflows.uow import UnitOfWork

DOCUMENT_KINDS = {
    "kvk_extract": "Uittreksel Kamer van Koophandel",
    "quality_certificate": "Kwaliteitscertificaat",
    "governance_statement": "Verklaring Governancecode Zorg 2022",
    "wnt_statement": "WNT-verantwoording",
    "bibob_questionnaire": "Bibob-vragenlijst met bijlagen",
    "lbb_advice": "Advies Landelijk Bureau Bibob",
    "contract": "Overeenkomst",
}
CONFIDENTIAL_KINDS = frozenset({"bibob_questionnaire", "lbb_advice"})
# The documents each task is done with (beside the case data it reads).
NEEDS: Mapping[str, tuple[str, ...]] = {
    "check_completeness": ("kvk_extract", "quality_certificate", "governance_statement",
                           "wnt_statement", "bibob_questionnaire"),
    "review_bibob_questionnaire": ("bibob_questionnaire",),
    "own_investigation": ("kvk_extract", "bibob_questionnaire"),
    "decide_lbb_request": ("bibob_questionnaire",),
    "register_lbb_advice": ("lbb_advice",), "register_lbb_extension": ("lbb_advice",),
    "conclude_integrity": ("bibob_questionnaire", "lbb_advice"),
    "assess_quality_criteria": ("quality_certificate", "governance_statement",
                                "wnt_statement", "kvk_extract"),
    "conclude_quality": ("quality_certificate", "governance_statement", "wnt_statement"),
    "decide_admission": ("kvk_extract", "quality_certificate", "bibob_questionnaire",
                         "lbb_advice"),
    "confirm_deviation": ("bibob_questionnaire", "lbb_advice"),
    "decide_extension": ("contract",), "register_client_transfer": ("contract",),
}
# What a decision rests on: (heading, the processes whose assessment tasks' fields count,
# further case data the assessment produced).
INTEGRITY = "Integriteitstoets (Bibob)"
ASSESSMENT_GROUPS = (
    (INTEGRITY, ("integrity",), ("integrity_risk", "integrity_passed")),
    ("Kwaliteitstoets (KIT)", ("quality",), ("quality_passed", "quality_finding")),
    ("Voornemen en zienswijze", (), ("intended_outcome", "intended_reasons", "views",
                                     "views_assessment", "sent_back_reason")),
    ("Eerdere afwijking", (), ("deviation_reason", "deviation_subsegments",
                               "deviation_review")),
)
CONFIDENTIAL_HIDDEN = "Alleen zichtbaar voor integriteitsbeoordelaars en besluitnemers."


@dataclass(frozen=True)
class TaskScreen:
    task_id: str
    bpmn_id: str
    label: str
    summary: str
    role_label: str
    case_id: int
    reference: str
    process_label: str
    application: tuple[DataItem, ...]
    documents: tuple[DataItem, ...]
    assessments: tuple[tuple[str, tuple[DataItem, ...]], ...]  # (heading, what it found)
    case_data: tuple[DataItem, ...]
    subsegments: Mapping[str, str]  # code -> name: what the application is about
    due_at: datetime | None
    completed_at: datetime | None
    completed_by: str | None  # the name of who completed it
    refusal: str | None  # why the reader may not complete it (shown; no submit button)
    draft: drafts.Draft | None
    irreversible: bool
    decides: bool
    remedy: str = ""

    @property
    def last_day(self) -> date | None:
        """The legal last day (the task is due at the midnight after it)."""
        return deadlines.last_day(self.due_at) if self.due_at else None


def show_task(uow: UnitOfWork, actor: Actor, *, task_id: str) -> TaskScreen:
    """The task screen as the actor may see it; applicants only for their own tasks, and
    integrity steps only for the integrity audience."""
    row, case = _task(uow, actor, task_id)
    spec = task_spec(row.bpmn_id)
    reader = disclosure.audience(actor)
    if reader == "officer" and row.lane == "integrity_officer":
        raise NotAllowed("Deze stap van de integriteitstoets is vertrouwelijk. "
                         + CONFIDENTIAL_HIDDEN)
    data = current_data(uow.session, case)
    names = {c: n for c, n in uow.session.execute(select(Subsegment.code, Subsegment.name)).all()}
    app = _application(uow, case)
    applied = [str(c) for c in data.get("subsegments", [])]
    items = present(data, reader, names)
    return TaskScreen(
        row.task_id, row.bpmn_id, spec.label, spec.summary, labels.role(row.lane), case.id,
        app.reference if app else f"Zaak {case.id}", labels.process(case.process_id),
        _application_items(uow, app, data, names), _documents(uow, app, spec, reader, items),
        _assessments(spec, items, reader), items, {c: names.get(c, c) for c in applied},
        row.due_at, row.completed_at, _name(uow, row.completed_by), _refusal(uow, actor,
                                                                           case, row),
        drafts.own_draft(uow, actor, row.task_id), spec.irreversible, spec.decides,
        _remedy(spec, data))


def _task(uow: UnitOfWork, actor: Actor, task_id: str) -> tuple[HumanTask, Case]:
    found = uow.session.execute(select(HumanTask, Case).join(
        Case, Case.id == HumanTask.case_id).where(HumanTask.task_id == task_id)).first()
    if found is None:
        raise NotFound("Deze taak bestaat niet.")
    row, case = found
    access.require_read(actor, case)
    if not (actor.is_officer or actor.has("system")):
        access.require_task(actor, case, row)
    return row, case


def _refusal(uow: UnitOfWork, actor: Actor, case: Case, row: HumanTask) -> str | None:
    if row.completed_at is not None:
        return None
    try:
        access.require_task(actor, case, row)
    except ToelatingError as err:
        return err.message
    return duties.why_not(uow, actor, row)


def _application(uow: UnitOfWork, case: Case) -> Application | None:
    return uow.session.scalars(select(Application).where(or_(
        Application.case_id == case.id, Application.case_id == case.parent_case_id))
        .order_by(Application.case_id != case.id)).first()


def _application_items(uow: UnitOfWork, app: Application | None, data: dict[str, Any],
                       names: Mapping[str, str]) -> tuple[DataItem, ...]:
    if app is None:
        return ()
    provider = uow.session.get(Provider, app.provider_id)
    codes = [str(c) for c in data.get("subsegments") or [data.get("subsegment")] if c]
    places = uow.session.scalars(select(Municipality.name).join(
        Participation, Participation.municipality_id == Municipality.id).join(
        Subsegment, Subsegment.id == Participation.subsegment_id).where(
        Subsegment.code.in_(codes)).distinct().order_by(Municipality.name)).all()
    model = case_terms.model(data)
    return (
        DataItem("reference", "Kenmerk", app.reference),
        DataItem("provider", "Aanbieder", provider.name if provider else ""),
        DataItem("kvk_number", "KvK-nummer", provider.kvk_number if provider else ""),
        DataItem("agb_code", "AGB-code", provider.agb_code if provider else ""),
        DataItem("subsegments", "Subsegmenten",
                 ", ".join(names.get(c, c) for c in codes) or "Geen"),
        DataItem("municipalities", "Gemeenten", ", ".join(places) or "Geen"),
        DataItem("received_on", "Ontvangen op", long_date(app.received_on)),
        DataItem("legal_model", "Juridisch kader", "Bestuursrechtelijk (Awb)"
                 if model.objection else "Privaatrechtelijk (Open House)"),
    )


def _documents(uow: UnitOfWork, app: Application | None, spec: TaskSpec, reader: str,
               items: tuple[DataItem, ...]) -> tuple[DataItem, ...]:
    kinds = NEEDS.get(spec.bpmn_id, ())
    found: dict[str, list[str]] = {}
    if app is not None and kinds:
        for doc in uow.session.scalars(select(Document).where(
                Document.application_id == app.id, Document.kind.in_(kinds))
                .order_by(Document.uploaded_at)):
            found.setdefault(doc.kind, []).append(
                f"{doc.filename} (ontvangen op {long_date(doc.uploaded_at.date())})")
    shown = []
    for kind in kinds:
        if kind in CONFIDENTIAL_KINDS and reader in ("applicant", "officer"):
            text = CONFIDENTIAL_HIDDEN
        else:
            text = "; ".join(found.get(kind, [])) or "Nog niet ontvangen"
        shown.append(DataItem(kind, DOCUMENT_KINDS[kind], text))
    shown += [i for i in items if i.key in ("documents", "missing_items")]
    return tuple(shown)


def _assessments(spec: TaskSpec, items: tuple[DataItem, ...],
                 reader: str) -> tuple[tuple[str, tuple[DataItem, ...]], ...]:
    """For a decision: each assessment it rests on, with what it found (empty facts left
    out); the integrity assessment only as "confidential" outside the integrity audience."""
    if not spec.decides:
        return ()
    groups = []
    for title, processes, facts in ASSESSMENT_GROUPS:
        keys = {name for b in ASSESSMENT_TASKS if REGISTRY[b].process_id in processes
                for name in REGISTRY[b].fields()} | set(facts)
        shown = tuple(i for i in items if i.key in keys and i.text not in ("", "–"))
        if title == INTEGRITY and reader == "officer" and shown:
            shown += (DataItem("integrity", "Bevindingen", CONFIDENTIAL_HIDDEN),)
        if shown:
            groups.append((title, shown))
    return tuple(groups)


def _remedy(spec: TaskSpec, data: dict[str, Any]) -> str:
    """For an admission decision: what the applicant can do against it, by legal model."""
    if not (spec.decides and spec.process_id == "admission_procedure"):
        return ""
    return remedy_note(data)


def remedy_note(data: dict[str, Any]) -> str:
    """The remedy after an admission decision under the case's legal model."""
    if case_terms.model(data).objection:
        return ("Na het besluit kan de aanvrager binnen zes weken bezwaar maken "
                "(Awb 6:4, 6:7).")
    return ("Na het besluit kan de aanvrager binnen zes weken een klacht indienen volgens "
            "de procedureregeling en daarna naar de civiele rechter; bezwaar is niet "
            "mogelijk (privaatrechtelijke procedure).")


def _name(uow: UnitOfWork, email: str | None) -> str | None:
    if email is None:
        return None
    return uow.session.scalars(select(User.name).where(User.email == email)).first() or email
