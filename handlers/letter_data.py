"""What a letter says, gathered from the case: its data, the region, the organisation and
the subsegments with their municipalities (and outcome, for a decision)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from handlers.context import HandlerContext
from models import (
    Application,
    Award,
    BridgingAgreement,
    Case,
    Contract,
    Decision,
    Municipality,
    Participation,
    Provider,
    Region,
    RegistrationWindow,
    Subsegment,
    WindowSubsegment,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def letter_data(ctx: HandlerContext, kind: str, extra: dict[str, Any]) -> dict[str, Any]:
    """The data of one letter (see the `letters` package for what each kind needs);
    `extra` (the service task's `data` parameter) wins over the case data."""
    case = ctx.session.get(Case, ctx.case_id)
    app = _application(ctx, case)
    provider = ctx.session.get(Provider, case.provider_id if case and case.provider_id
                               else app.provider_id if app else -1)
    if provider is None:
        raise LookupError("geen aanbieder bij deze zaak")
    region = _region(ctx, app)
    data = {**ctx.data, **extra}
    facts: dict[str, Any] = {
        "reference": data.get("reference") or (app.reference if app else f"zaak {ctx.case_id}"),
        "date": local_day(ctx.at), "legal_model": data.get("legal_model") or region.legal_model,
        "region": {"name": region.name, "municipalities": _municipality_names(ctx, region)},
        "addressee": {"name": provider.name, "email": provider.email,
                      "kvk": provider.kvk_number, "agb": provider.agb_code},
        "subsegments": _subsegments(ctx, app, kind, data),
        "contact": ctx.actor,
    }
    return {**data, **facts, **_kind_facts(ctx, kind, app, data)}


def local_day(at: datetime) -> str:
    return at.astimezone(AMSTERDAM).date().isoformat()


def _application(ctx: HandlerContext, case: Case | None) -> Application | None:
    """The application of the case, or of its parent (objection and bridging cases)."""
    case_ids = [ctx.case_id] + ([case.parent_case_id] if case and case.parent_case_id else [])
    for case_id in case_ids:
        app = ctx.session.scalars(select(Application).where(
            Application.case_id == case_id)).first()
        if app is not None:
            return app
    return None


def _region(ctx: HandlerContext, app: Application | None) -> Region:
    window = ctx.session.get(RegistrationWindow, app.window_id) if app else None
    region = ctx.session.get(Region, window.region_id) if window else None
    region = region or ctx.session.scalars(select(Region).order_by(Region.id)).first()
    if region is None:
        raise LookupError("geen regio voor het briefhoofd")
    return region


def _municipality_names(ctx: HandlerContext, region: Region) -> list[str]:
    return list(ctx.session.scalars(select(Municipality.name).where(
        Municipality.region_id == region.id).order_by(Municipality.name)).all())


def _subsegments(ctx: HandlerContext, app: Application | None, kind: str,
                 data: dict[str, Any]) -> list[dict[str, Any]]:
    """Each applied subsegment with the municipalities it concerns and, for a decision or
    views request, the (intended) outcome: admitted ones list where they were admitted."""
    codes = sorted(data.get("subsegments") or [])
    outcomes = _outcomes(ctx, kind, data)
    rows = []
    for sub in ctx.session.scalars(select(Subsegment).where(Subsegment.code.in_(codes))
                                   .order_by(Subsegment.name)).all():
        outcome = outcomes.get(sub.code)
        awarded = _awarded(ctx, app, sub.id) if outcome == "admitted" else []
        rows.append({"code": sub.code, "name": sub.name, "outcome": outcome or "",
                     "municipalities": awarded or _buying(ctx, app, sub.id)})
    return rows


def _outcomes(ctx: HandlerContext, kind: str, data: dict[str, Any]) -> dict[str, str]:
    if kind == "views_request":
        admissible = set(data.get("admissible") or [])
        return {code: "admitted" if code in admissible else str(data["intended_outcome"])
                for code in data.get("subsegments") or []}
    if kind != "decision":
        return {}
    decision = ctx.session.scalars(select(Decision).where(
        Decision.case_id == ctx.case_id, Decision.kind == "admission")
        .order_by(Decision.id.desc())).first()
    return dict(json.loads(decision.outcome_per_subsegment)) if decision else {}


def _awarded(ctx: HandlerContext, app: Application | None, subsegment_id: int) -> list[str]:
    if app is None:
        return []
    return list(ctx.session.scalars(select(Municipality.name).join(
        Award, Award.municipality_id == Municipality.id).where(
        Award.application_id == app.id, Award.subsegment_id == subsegment_id)
        .order_by(Municipality.name)).all())


def _buying(ctx: HandlerContext, app: Application | None, subsegment_id: int) -> list[str]:
    """Municipalities that buy the subsegment, less those where the window closed it."""
    closed = ctx.session.scalars(select(WindowSubsegment.closed_for).where(
        WindowSubsegment.window_id == (app.window_id if app else -1),
        WindowSubsegment.subsegment_id == subsegment_id)).first()
    shut = {code for code in (closed or "").split(",") if code}
    rows = ctx.session.execute(select(Municipality.code, Municipality.name).join(
        Participation, Participation.municipality_id == Municipality.id).where(
        Participation.subsegment_id == subsegment_id).order_by(Municipality.name)).all()
    return [name for code, name in rows if code not in shut]


def _kind_facts(ctx: HandlerContext, kind: str, app: Application | None,
                data: dict[str, Any]) -> dict[str, Any]:
    if kind == "decision":
        return {"contracts": _contracts(ctx, app)}
    if kind == "withdrawal_confirmation":
        withdrawal = data.get("withdrawal") or {}
        return {"withdrawn_on": local_day(ctx.at), "reason": withdrawal.get("reason", "")}
    if kind in ("bridging_start", "bridging_reminder"):
        agreement = ctx.session.get(BridgingAgreement, data["bridging_id"])
        if agreement is None:
            raise LookupError("geen overbruggingsovereenkomst bij deze zaak")
        sub = ctx.session.get(Subsegment, agreement.subsegment_id)
        return {"subsegment": sub.name if sub else "", "clients": agreement.clients,
                "bridging_last_day": agreement.ends_on.isoformat()}
    return {}


def _contracts(ctx: HandlerContext, app: Application | None) -> list[dict[str, Any]]:
    if app is None:
        return []
    rows = ctx.session.execute(select(Subsegment.name, Contract.starts_on, Contract.ends_on)
                               .join(Contract, Contract.subsegment_id == Subsegment.id)
                               .where(Contract.application_id == app.id)
                               .order_by(Subsegment.name)).all()
    return [{"subsegment": name, "starts_on": start.isoformat(), "ends_on": end.isoformat()}
            for name, start, end in rows]
