"""Every open deadline of one case, each with its regime and its reasoning.

The screens and the `toelating deadlines` command show these; the dates come from
workflows.deadlines through workflows.deadlines.case_terms, never from anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from engine import clock
from engine.commands import current_data
from models import Application, Case, HumanTask
from workflows import deadlines as dl
from workflows import decision_term
from workflows.access import require_read
from workflows.actors import Actor
from workflows.deadlines import case_terms
from workflows.uow import UnitOfWork


@dataclass(frozen=True)
class OpenDeadline:
    name: str
    last_day: date
    regime: str
    explanation: tuple[str, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseDeadlines:
    case_id: int
    deadlines: tuple[OpenDeadline, ...]
    penalty_euros: int | None = None


def open_deadlines(uow: UnitOfWork, actor: Actor, *, case_id: int) -> CaseDeadlines:
    """The deadlines that still run in the case, and the penalty accrued (Awb 4:17)."""
    case = require_read(actor, uow.session.get(Case, case_id))
    if case.completed:
        return CaseDeadlines(case_id, ())
    data = {**current_data(uow.session, case), "decision_extension_weeks":
            decision_term.extension_weeks(uow, actor, case_id=case_id)}
    open_tasks = set(uow.session.scalars(select(HumanTask.bpmn_id).where(
        HumanTask.case_id == case_id, HumanTask.completed_at.is_(None))).all())
    if case.process_id in ("objection", "complaint"):
        return CaseDeadlines(case_id, (_remedy_term(data),))
    if case.process_id != "admission":
        return CaseDeadlines(case_id, tuple(_agreement_terms(data)))
    found = [_named("Beslistermijn", case_terms.decision_term(data))]
    if "decided_on" in data:
        found = [_named(case_terms.remedy_name(data), case_terms.remedy_term(
            data, date.fromisoformat(data["decided_on"])))]
    found += _task_terms(data, open_tasks)
    return CaseDeadlines(case_id, tuple(found), _penalty(uow, case_id, data))


def _remedy_term(data: dict[str, Any]) -> OpenDeadline:
    """The term to decide on the objection or complaint, as the advice step left it."""
    term = case_terms.remedy_decision_term(
        data, committee=data.get("advised_by") == "committee",
        extension_weeks=int(data.get("extension_weeks") or 0))
    word = "bezwaar" if case_terms.model(data).objection else "klacht"
    return _named(f"Beslistermijn {word}", term)


def _named(name: str, deadline: dl.Deadline) -> OpenDeadline:
    return OpenDeadline(name, deadline.date, deadline.regime, deadline.explanation,
                        deadline.warnings)


def _task_terms(data: dict[str, Any], open_tasks: set[str]) -> list[OpenDeadline]:
    model = case_terms.model(data)
    found = []
    if "supplement_application" in open_tasks:
        found.append(_named("Aanvullingstermijn", dl.supplement_deadline(
            date.fromisoformat(data["supplement_requested_on"]),
            weeks=case_terms.SUPPLEMENT_WEEKS, regime=model.regime("supplement"))))
    if "submit_views" in open_tasks:
        found.append(_named("Zienswijzetermijn", dl.views_deadline(
            date.fromisoformat(data["views_requested_on"]), weeks=case_terms.VIEWS_WEEKS,
            regime=model.regime("views"))))
    if "register_lbb_advice" in open_tasks:
        found.append(_named("Adviestermijn LBB", dl.lbb_advice_deadline(
            date.fromisoformat(data["lbb_requested_on"]),
            extended=bool(data.get("lbb_extended")))))
    return found


def _agreement_terms(data: dict[str, Any]) -> list[OpenDeadline]:
    found = []
    if "term_end" in data:
        found.append(OpenDeadline("Einde looptijd overeenkomst", date.fromisoformat(
            data["term_end"]), "contract", (
            f"Looptijd vanaf {data['start_date']}, {data['extensions']} keer verlengd: "
            f"eindigt de dag vóór de verjaardag, op {data['term_end']}.",)))
    if "bridging_last_day" in data:
        found.append(OpenDeadline("Einde overbruggingstermijn", date.fromisoformat(
            data["bridging_last_day"]), "contract", (
            f"Overbrugging van {data['bridging_months']} maanden vanaf "
            f"{data['bridging_start']}: laatste dag {data['bridging_last_day']} "
            "(contractuele termijn, geen Algemene termijnenwet).",)))
    return found


def _penalty(uow: UnitOfWork, case_id: int, data: dict[str, Any]) -> int | None:
    notice = uow.session.scalars(select(Application.notice_of_default_on).where(
        Application.case_id == case_id)).first()
    if notice is None or not case_terms.model(data).objection:
        return None  # Awb 4:17 applies to decisions under the Awb only
    decided = data.get("decided_on")
    as_of = date.fromisoformat(decided) if decided else dl.local_day(clock.now())
    term = case_terms.decision_term(data)
    return dl.penalty_for_late_decision(term.date, notice, as_of)
