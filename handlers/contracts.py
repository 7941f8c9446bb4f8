"""Contract and bridging records the procedure keeps up to date."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from handlers.context import HandlerContext
from models import BridgingAgreement, Contract, Decision

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def record_contract_extension(ctx: HandlerContext, params: dict[str, Any]) -> dict[str, Any]:
    """The extension is a decision of its own: typed, dated, with who took it and why."""
    contract = _contract(ctx, params)
    effective = contract.ends_on + timedelta(days=1)
    contract.extensions = int(params["extensions"])
    contract.ends_on = date.fromisoformat(params["term_end"])
    ctx.session.add(Decision(
        case_id=ctx.case_id, kind="contract_extension", outcome="extended",
        outcome_per_subsegment="{}", effective_date=effective, expiry_date=contract.ends_on,
        motivation=str(ctx.data.get("motivation") or ""), decided_by=ctx.actor,
        decided_at=ctx.at))
    return {"extensions": contract.extensions, "ends_on": contract.ends_on.isoformat()}


def record_contract_end(ctx: HandlerContext, params: dict[str, Any]) -> dict[str, Any]:
    contract = _contract(ctx, params)
    contract.ended_on = contract.ends_on
    return {"ended_on": contract.ends_on.isoformat()}


def record_bridging_end(ctx: HandlerContext, params: dict[str, Any]) -> dict[str, Any]:
    agreement = ctx.session.scalars(select(BridgingAgreement).where(
        BridgingAgreement.case_id == ctx.case_id)).one()
    agreement.end_reason = str(params["reason"])
    # An expired term ended on its last day; otherwise the agreement ends today (Amsterdam).
    agreement.ended_on = (agreement.ends_on if agreement.end_reason == "term_expired"
                          else ctx.at.astimezone(AMSTERDAM).date())
    return {"ended_on": agreement.ended_on.isoformat(), "reason": agreement.end_reason}


def _contract(ctx: HandlerContext, params: dict[str, Any]) -> Contract:
    contract = ctx.session.get(Contract, int(params["contract_id"]))
    if contract is None or contract.case_id != ctx.case_id:
        raise LookupError(f"overeenkomst {params.get('contract_id')} hoort niet bij deze zaak")
    return contract
