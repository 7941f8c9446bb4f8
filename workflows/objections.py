"""Objection (Awb model: bezwaar) or complaint (civil model: klacht) against a decision on
an admission: lodged within its term, handled as a case of its own by legal counsel."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from engine import clock
from engine.commands import current_data
from models import Case, Decision
from workflows import case_reads, commands
from workflows import deadlines as dl
from workflows.access import require_read
from workflows.actors import Actor
from workflows.deadlines import case_terms
from workflows.errors import Conflict, InvalidInput, NotAllowed, NotFound
from workflows.uow import UnitOfWork
from workflows.views import CaseView

REMEDY_PROCESSES = ("objection", "complaint")
# Who may register an objection or complaint that arrived on paper.
REGISTRARS = ("legal_counsel", "screening_officer")
MAX_GROUNDS = 20_000


@dataclass(frozen=True)
class DecisionEntry:
    decision_id: int
    kind: str
    outcome: str
    outcome_per_subsegment: dict[str, str]
    effective_date: date | None
    motivation: str
    decided_by: str


def remedy_word(data: dict[str, Any]) -> str:
    """"bezwaar" in the Awb model, "klacht" in the civil one."""
    return case_terms.model(data).remedy


def lodge_objection(uow: UnitOfWork, actor: Actor, *, case_id: int, subsegments: list[str],
                    grounds: str, hearing_waived: bool = False,
                    received_on: date | None = None,
                    posted_on: date | None = None) -> CaseView:
    """Lodge an objection (Awb 6:4, within the term of 6:7-6:9) or, in the civil model, a
    complaint within the region's term, against the decision in admission case `case_id`;
    starts an `objection` or `complaint` case for legal counsel, child of the admission."""
    case = require_read(actor, uow.session.get(Case, case_id))
    if case.process_id != "admission":
        raise NotFound("Tegen deze zaak staat geen bezwaar of klacht open.")
    data = current_data(uow.session, case)
    word = remedy_word(data)
    _require_lodger(actor, case, word)
    if "decided_on" not in data:
        raise Conflict(f"Over deze aanvraag is nog niet besloten; een {word} kan pas "
                       "tegen het besluit.")
    today = dl.local_day(clock.now())
    received = _received(actor, word, today, received_on, posted_on)
    _require_on_time(data, word, received, posted_on)
    codes = _objected(data, subsegments, word)
    if not grounds.strip() or len(grounds) > MAX_GROUNDS:
        raise InvalidInput(f"Schrijf de gronden van uw {word} op.",
                           {"grounds": [f"Vul dit veld in. Ten hoogste {MAX_GROUNDS} tekens."]})
    _require_none_open(uow, case.id, word)
    process_id = "objection" if case_terms.model(data).objection else "complaint"
    facts = {"reference": data.get("reference"), "provider": data.get("provider"),
             "legal_model": data.get("legal_model"), "remedy_kind": process_id,
             # what the objection asks for, as `subsegments` (the task screens' choices)
             "subsegments": codes, "remedy_grounds": grounds.strip(),
             "hearing_waived": bool(hearing_waived), "lodged_on": received.isoformat(),
             "lodged_by": actor.email, "decided_on": data["decided_on"],
             "objection_last_day": data["objection_last_day"]}
    started = commands.start_case(uow, actor, process_id=process_id,
                                  data={**facts, **case_terms.remedy_decision_moments(facts)},
                                  provider_id=case.provider_id, parent_case_id=case.id)
    return case_reads.case_summary(uow, actor, case_id=started.id)


def _require_lodger(actor: Actor, case: Case, word: str) -> None:
    if actor.has("applicant"):
        if case.provider_id != actor.provider_id:
            raise NotAllowed(f"Alleen de aanvrager zelf kan een {word} indienen.")
        return
    if not any(actor.has(role) for role in REGISTRARS):
        raise NotAllowed(f"Een {word} indienen kan alleen de aanvrager; een jurist of "
                         "behandelaar registreert er een die op papier binnenkwam.")


def _received(actor: Actor, word: str, today: date, received_on: date | None,
              posted_on: date | None) -> date:
    """Today, or for one that came on paper the day it was received (registrars only)."""
    if received_on is None and posted_on is None:
        return today
    if actor.has("applicant"):
        raise NotAllowed(f"Alleen een medewerker legt vast wanneer een {word} per post "
                         "binnenkwam.")
    received = received_on or today
    if received > today or (posted_on is not None and posted_on > received):
        raise InvalidInput("Een ontvangst- of postdatum ligt niet in de toekomst of na de "
                           "ontvangst.", {"received_on": ["datum klopt niet"]})
    return received


def _require_on_time(data: dict[str, Any], word: str, received: date,
                     posted: date | None) -> None:
    last_day = date.fromisoformat(data["objection_last_day"])
    if case_terms.model(data).objection:
        on_time = dl.objection_on_time(date.fromisoformat(data["decided_on"]), received, posted)
    else:
        on_time = received <= last_day
    if not on_time:
        raise Conflict(f"De termijn voor een {word} liep af op {dl.long_date(last_day)}; "
                       f"een {word} kan niet meer.")


def _objected(data: dict[str, Any], subsegments: list[str], word: str) -> list[str]:
    """The subsegments the decision refused (or left unconsidered) that the remedy names."""
    codes = sorted(set(subsegments))
    refused = set(data.get("subsegments", [])) - set(data.get("admitted_subsegments", []))
    if not codes or set(codes) - refused:
        raise InvalidInput(f"Noem de subsegmenten waarover uw {word} gaat: alleen "
                           "aangevraagde subsegmenten die niet zijn toegelaten.",
                           {"subsegments": ["kies uit de niet-toegelaten subsegmenten"]})
    return codes


def _require_none_open(uow: UnitOfWork, case_id: int, word: str) -> None:
    open_case = uow.session.scalars(select(Case.id).where(
        Case.parent_case_id == case_id, Case.process_id.in_(REMEDY_PROCESSES),
        Case.completed.is_(False))).first()
    if open_case is not None:
        raise Conflict(f"Er loopt al een {word} tegen dit besluit; wacht op de beslissing "
                       "daarop.")


def decision_history(uow: UnitOfWork, actor: Actor, *, case_id: int) -> tuple[DecisionEntry, ...]:
    """The decisions in an admission case, oldest first: the decision on the application
    and any later one on an upheld objection or complaint."""
    require_read(actor, uow.session.get(Case, case_id))
    rows = uow.session.scalars(select(Decision).where(Decision.case_id == case_id)
                               .order_by(Decision.decided_at, Decision.id)).all()
    return tuple(DecisionEntry(r.id, r.kind, r.outcome, json.loads(r.outcome_per_subsegment),
                               r.effective_date, r.motivation, r.decided_by) for r in rows)
