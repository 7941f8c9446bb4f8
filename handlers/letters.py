"""Letters: rendered to PDF in the command, stored with their sha256, mailed after commit.

`send_letter` is the service task of every letter (see the `letters` package for the kinds
and the data each needs). The PDF is made and stored inside the command's transaction and
the mail that carries it is queued in the outbox there too, so a rolled-back command
leaves neither. The result (letter ids and hashes) is logged with the command: a replay
takes the logged result and never renders or sends again.

The Landelijk Bureau Bibob has no account: `lbb_request` sends it the advice request
itself (confidential, never shown to the applicant), and the applicant gets the notice
that advice was asked (`lbb_notice`, Wet Bibob art. 31 lid 2).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import letters
from handlers.context import HandlerContext
from handlers.letter_data import letter_data
from models import Letter, Outbox

# The Bibob request goes to the national office, never to the applicant.
RECIPIENT_LBB = "lbb@justis.example"
# The notice to the applicant goes with the request; on its own it tells of an extension.
LETTER_KINDS = frozenset({*letters.KINDS, "objection_receipt"})


@dataclass(frozen=True)
class Sent:
    letter_id: int
    kind: str
    to: str
    sha256: str


def send_letter(ctx: HandlerContext, params: dict[str, Any]) -> dict[str, Any]:
    kind = params.get("kind")
    if kind not in LETTER_KINDS:
        raise ValueError(f"onbekende brief: {kind!r}")
    extra = params.get("data") or {}
    if not isinstance(extra, dict):
        raise ValueError("de gegevens van een brief zijn een object")
    data = letter_data(ctx, kind, {**extra, **{k: v for k, v in params.items()
                                              if k not in ("kind", "data")}})
    if kind == "lbb_request":
        sent = [_send(ctx, "lbb_request", data, RECIPIENT_LBB, confidential=True),
                _send(ctx, "lbb_notice", data, data["addressee"]["email"])]
    else:
        sent = [_send(ctx, kind, data, data["addressee"]["email"])]
    return {"queued": kind, "to": sent[0].to,
            "letters": [{"letter_id": s.letter_id, "kind": s.kind, "sha256": s.sha256}
                        for s in sent]}


def _send(ctx: HandlerContext, kind: str, data: dict[str, Any], to: str, *,
          confidential: bool = False) -> Sent:
    pdf = letters.render_pdf(kind, data)
    digest = hashlib.sha256(pdf).hexdigest()
    mail = letters.letter_mail(kind, data)
    key = f"{ctx.idempotency_key}/{kind}"
    letter = Letter(case_id=ctx.case_id, kind=kind, key=key, recipient=to,
                    subject=letters.subject(kind, data),
                    filename=f"{letters.file_name(kind, data)}-{_safe(data['reference'])}.pdf",
                    size=len(pdf), sha256=digest, content=pdf, confidential=confidential,
                    created_at=ctx.at)
    ctx.session.add(letter)
    ctx.session.flush()
    payload = {"kind": kind, "to": to, "case_id": ctx.case_id, "source_task": ctx.task,
               "reference": data["reference"], "letter_id": letter.id, "sha256": digest,
               "subject": mail.subject, "body": mail.body}
    ctx.session.add(Outbox(case_id=ctx.case_id, kind="letter", idempotency_key=key,
                           payload=json.dumps(payload, sort_keys=True), created_at=ctx.at,
                           next_attempt_at=ctx.at))
    return Sent(letter.id, kind, to, digest)


def _safe(reference: str) -> str:
    return "".join(c if c.isalnum() or c == "-" else "-" for c in reference)
