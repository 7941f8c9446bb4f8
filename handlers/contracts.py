"""Contract and bridging records the procedure keeps up to date."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from handlers.context import HandlerContext
from models import BridgingAgreement, Contract


def record_contract_extension(ctx: HandlerContext, params: dict[str, Any]) -> dict[str, Any]:
    contract = _contract(ctx, params)
    contract.extensions = int(params["extensions"])
    contract.ends_on = date.fromisoformat(params["term_end"])
    return {"extensions": contract.extensions, "ends_on": contract.ends_on.isoformat()}


def record_contract_end(ctx: HandlerContext, params: dict[str, Any]) -> dict[str, Any]:
    contract = _contract(ctx, params)
    contract.ended_on = contract.ends_on
    return {"ended_on": contract.ends_on.isoformat()}


def record_bridging_end(ctx: HandlerContext, params: dict[str, Any]) -> dict[str, Any]:
    agreement = ctx.session.scalars(select(BridgingAgreement).where(
        BridgingAgreement.case_id == ctx.case_id)).one()
    agreement.ended_on = ctx.at.date()
    agreement.end_reason = str(params["reason"])
    return {"ended_on": agreement.ended_on.isoformat(), "reason": agreement.end_reason}


def _contract(ctx: HandlerContext, params: dict[str, Any]) -> Contract:
    contract = ctx.session.get(Contract, int(params["contract_id"]))
    if contract is None or contract.case_id != ctx.case_id:
        raise LookupError(f"overeenkomst {params.get('contract_id')} hoort niet bij deze zaak")
    return contract
