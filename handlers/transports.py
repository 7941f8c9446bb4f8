"""How outbox messages leave the machine: SMTP, or files when no mail server is set."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

SUBJECTS = {
    "supplement_request": "Verzoek om aanvulling van uw aanvraag",
    "views_request": "Verzoek om uw zienswijze",
    "decision": "Besluit op uw aanvraag",
    "withdrawal_confirmation": "Bevestiging intrekking van uw aanvraag",
    "lbb_request": "Verzoek om advies (Wet Bibob)",
    "bridging_start": "Overbruggingsovereenkomst",
    "bridging_reminder": "Herinnering: overdracht van cliënten",
    "task_due_soon": "Taak nadert de uiterste datum",
    "task_overdue": "Taak is over de uiterste datum",
    "response_reminder": "Herinnering: uw reactie wordt binnenkort verwacht",
}
# An objection (Awb model) or a complaint (civil model): the letter's data names the model.
REMEDY_SUBJECTS = {
    ("objection_receipt", "awb"): "Ontvangstbevestiging van uw bezwaar",
    ("objection_receipt", "civil"): "Ontvangstbevestiging van uw klacht",
    ("objection_decision", "awb"): "Beslissing op uw bezwaar",
    ("objection_decision", "civil"): "Beslissing op uw klacht",
}


def subject(payload: dict[str, Any]) -> str:
    data = payload.get("data")
    model = str(data.get("model")) if isinstance(data, dict) else ""
    kind = str(payload.get("kind", ""))
    return REMEDY_SUBJECTS.get((kind, model)) or SUBJECTS.get(kind, "Bericht over uw aanvraag")


def compose(sender: str, key: str, payload: dict[str, Any]) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = payload["to"]
    message["Subject"] = subject(payload)
    message["Message-ID"] = f"<{key.replace('/', '.')}@toelating>"
    reference = payload.get("reference") or f"zaak {payload.get('case_id')}"
    task = f"Taak: {payload['task']}\n" if payload.get("task") else ""
    due = f"Uiterste datum: {payload['due_at']}\n" if payload.get("due_at") else ""
    message.set_content(f"{message['Subject']} ({reference}).\n\n{task}{due}\n"
                        "Log in op Toelating om de details te zien.\n")
    return message


@dataclass(frozen=True)
class SmtpTransport:
    host: str
    port: int
    sender: str

    def __call__(self, key: str, payload: dict[str, Any]) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            smtp.send_message(compose(self.sender, key, payload))


@dataclass(frozen=True)
class FileTransport:
    directory: Path
    sender: str = "toelating@localhost"

    def __call__(self, key: str, payload: dict[str, Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / (key.replace("/", "_") + ".eml")
        path.write_bytes(bytes(compose(self.sender, key, payload)))
