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
    "account_confirm": "Bevestig uw e-mailadres voor Toelating",
    "account_invite": "Uitnodiging voor Toelating",
}


def compose(sender: str, key: str, payload: dict[str, Any]) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = payload["to"]
    message["Subject"] = SUBJECTS.get(payload.get("kind", ""), "Bericht over uw aanvraag")
    message["Message-ID"] = f"<{key.replace('/', '.')}@toelating>"
    if payload.get("link"):  # an account link: confirm the address, accept an invitation
        message.set_content(f"{message['Subject']}.\n\nOpen deze link:\n{payload['link']}\n\n"
                            f"De link is geldig tot {payload.get('valid_until', '')}.\n")
        return message
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
