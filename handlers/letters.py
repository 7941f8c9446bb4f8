"""Letters and mail leave through the outbox: written in the command, sent after commit."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from handlers.context import HandlerContext
from models import Application, Case, Outbox, Provider

LETTER_KINDS = frozenset({
    "supplement_request", "views_request", "decision", "withdrawal_confirmation",
    "lbb_request", "bridging_start", "bridging_reminder", "objection_receipt",
    "objection_decision",
})
# The Bibob request goes to the national office, never to the applicant.
RECIPIENT_LBB = "lbb@justis.example"


def send_letter(ctx: HandlerContext, params: dict[str, Any]) -> dict[str, Any]:
    kind = params.get("kind")
    if kind not in LETTER_KINDS:
        raise ValueError(f"onbekende brief: {kind!r}")
    recipient = RECIPIENT_LBB if kind == "lbb_request" else _provider_email(ctx)
    payload = {"kind": kind, "to": recipient, "case_id": ctx.case_id,
               "source_task": ctx.task, "reference": ctx.data.get("reference")}
    if kind == "decision":  # bezwaar (Awb) or klacht and civil court (Open House)
        payload["remedy"] = ctx.data.get("remedy")
    if params.get("data") is not None:  # what the letter says beyond the case's reference
        payload["data"] = params["data"]
    ctx.session.add(Outbox(case_id=ctx.case_id, kind="letter",
                           idempotency_key=ctx.idempotency_key,
                           payload=json.dumps(payload, sort_keys=True), created_at=ctx.at,
                           next_attempt_at=ctx.at))
    return {"queued": kind, "to": recipient}


def _provider_email(ctx: HandlerContext) -> str:
    case = ctx.session.get(Case, ctx.case_id)
    provider = ctx.session.get(Provider, case.provider_id) if case and case.provider_id else None
    if provider is None:
        app = ctx.session.scalars(select(Application).where(
            Application.case_id == ctx.case_id)).first()
        provider = ctx.session.get(Provider, app.provider_id) if app else None
    if provider is None:
        raise LookupError("geen aanbieder bij deze zaak")
    return provider.email
