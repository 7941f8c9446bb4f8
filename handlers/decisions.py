"""Typed decision records, and awards plus contracts-to-start for what was admitted."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from handlers.context import HandlerContext
from models import (
    Application,
    Award,
    Case,
    Contract,
    Decision,
    Municipality,
    Participation,
    Subsegment,
    WindowSubsegment,
)

CONTRACT_YEARS = 2


def record_decision(ctx: HandlerContext, params: dict[str, Any]) -> dict[str, Any]:
    app = ctx.session.scalars(select(Application).where(
        Application.case_id == ctx.case_id)).one()
    outcome = str(params["outcome"])
    admitted = set(params.get("subsegments") or [])
    applied = ctx.data.get("subsegments", [])
    decided_on = date.fromisoformat(ctx.data["decided_on"])
    per_subsegment = {code: ("admitted" if code in admitted else outcome_for_rest(outcome))
                      for code in applied}
    decision = Decision(
        case_id=ctx.case_id, kind="admission", outcome=outcome,
        outcome_per_subsegment=json.dumps(per_subsegment, sort_keys=True),
        effective_date=decided_on, motivation=str(params.get("motivation") or ""),
        decided_by=str(params.get("decided_by") or ctx.actor), decided_at=ctx.at)
    ctx.session.add(decision)
    ctx.session.flush()
    for code in sorted(admitted):
        _award(ctx, app, decision, code, decided_on)
    return decision_record(decision)


def record_remedy_decision(ctx: HandlerContext, params: dict[str, Any]) -> dict[str, Any]:
    """An upheld objection or complaint: a new decision in the admission case's history,
    admitting the upheld subsegments (awards and contracts where there were none)."""
    case = ctx.session.get(Case, ctx.case_id)
    parent = case.parent_case_id if case is not None else None
    app = ctx.session.scalars(select(Application).where(Application.case_id == parent)).one()
    upheld = sorted(set(params.get("subsegments") or []))
    decided_on = date.fromisoformat(ctx.data["remedy_decided_on"])
    decision = Decision(
        case_id=app.case_id, kind=str(ctx.data.get("remedy_kind") or "objection"),
        outcome=str(params["outcome"]),
        outcome_per_subsegment=json.dumps(dict.fromkeys(upheld, "admitted"), sort_keys=True),
        effective_date=decided_on, motivation=str(params.get("reasons") or ""),
        decided_by=str(params.get("decided_by") or ctx.actor), decided_at=ctx.at)
    ctx.session.add(decision)
    ctx.session.flush()
    awarded = set(ctx.session.scalars(select(Subsegment.code).join(
        Award, Award.subsegment_id == Subsegment.id).where(Award.application_id == app.id)))
    for code in upheld:
        if code not in awarded:
            _award(ctx, app, decision, code, decided_on)
    return decision_record(decision)


def decision_record(decision: Decision) -> dict[str, Any]:
    """The decision as logged with the command: verification compares the row with it."""
    return {"decision_id": decision.id, "kind": decision.kind, "outcome": decision.outcome,
            "outcome_per_subsegment": json.loads(decision.outcome_per_subsegment),
            "effective_date": decision.effective_date.isoformat()
            if decision.effective_date else None,
            "motivation": decision.motivation, "decided_by": decision.decided_by}


def _closed_for(ctx: HandlerContext, app: Application, subsegment_id: int) -> set[str]:
    """Municipalities where the window closed this product group (dichtgezet)."""
    closed = ctx.session.scalars(select(WindowSubsegment.closed_for).where(
        WindowSubsegment.window_id == app.window_id,
        WindowSubsegment.subsegment_id == subsegment_id)).first()
    return {code for code in (closed or "").split(",") if code}


def outcome_for_rest(outcome: str) -> str:
    return "refused" if outcome in ("admitted", "partly_admitted") else outcome


def _award(ctx: HandlerContext, app: Application, decision: Decision, code: str,
           decided_on: date) -> None:
    subsegment = ctx.session.scalars(select(Subsegment).where(Subsegment.code == code)).one()
    closed = _closed_for(ctx, app, subsegment.id)
    municipalities = ctx.session.execute(
        select(Municipality.id, Municipality.code).join(
            Participation, Participation.municipality_id == Municipality.id)
        .where(Participation.subsegment_id == subsegment.id)).all()
    for municipality_id, municipality_code in municipalities:
        if municipality_code in closed:
            continue
        ctx.session.add(Award(application_id=app.id, decision_id=decision.id,
                              subsegment_id=subsegment.id, municipality_id=municipality_id))
    start = decided_on + timedelta(days=1)
    end = _anniversary(start, CONTRACT_YEARS) - timedelta(days=1)
    ctx.session.add(Contract(application_id=app.id, subsegment_id=subsegment.id,
                             provider_id=app.provider_id, starts_on=start, ends_on=end))


def _anniversary(start: date, years: int) -> date:
    """Without a 29 February that year, the anniversary of 29 February is 1 March."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 3, 1)
