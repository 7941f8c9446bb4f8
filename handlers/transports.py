"""How outbox messages leave the machine: SMTP, or files when no mail server is set."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import letters


@dataclass(frozen=True)
class Attachment:
    """A stored letter travelling with its mail (loaded by the outbox when leased)."""

    filename: str
    content: bytes


def compose(sender: str, key: str, payload: dict[str, Any]) -> EmailMessage:
    """The mail as queued: its subject and body were written when the command ran (older
    rows without them get the generic text); letters under `attachments` go as PDF."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = payload["to"]
    text = (letters.MailText(payload["subject"], payload["body"]) if payload.get("subject")
            else letters.mail_text(str(payload.get("kind", "")), payload))
    message["Subject"] = text.subject
    message["Message-ID"] = f"<{key.replace('/', '.')}@toelating>"
    message.set_content(text.body)
    for attachment in payload.get("attachments", ()):
        message.add_attachment(attachment.content, maintype="application", subtype="pdf",
                               filename=attachment.filename)
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
