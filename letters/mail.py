"""The mail texts: subject and body in plain Dutch, every deadline as a Dutch date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from letters.dates import dutch_date, dutch_long_date
from letters.render import subject

SIGNATURE = "\n\nMet vriendelijke groet,\n{region}\n"
# Per letter kind: the date the reader must act by (or that matters), and what it means.
DEADLINES = {
    "supplement_request": ("supplement_last_day",
                           "Stuur het ontbrekende uiterlijk {day}."),
    "views_request": ("views_last_day", "U kunt uw zienswijze geven tot en met {day}."),
    "decision": ("objection_last_day", "{remedy} kunt u indienen tot en met {day}."),
    "lbb_notice": ("lbb_last_day", "Het LBB adviseert uiterlijk {day}."),
    "lbb_request": ("lbb_last_day", "Wij ontvangen uw advies graag uiterlijk {day}."),
    "objection_receipt": ("decision_last_day", "Wij beslissen uiterlijk {day}."),
    "bridging_start": ("bridging_last_day",
                       "Uw huidige cliënten kunnen tot en met {day} bij u blijven."),
    "bridging_reminder": ("bridging_last_day",
                          "Uw huidige cliënten kunnen tot en met {day} bij u blijven."),
}


@dataclass(frozen=True)
class MailText:
    subject: str
    body: str


def letter_mail(kind: str, data: dict[str, Any]) -> MailText:
    """The mail that carries a letter (attached as PDF)."""
    title = subject(kind, data)
    lines = [f"Geachte heer, mevrouw,\n\nBijgevoegd vindt u onze brief \"{title}\" over "
             f"kenmerk {data['reference']}, als PDF."]
    if kind in DEADLINES:
        key, sentence = DEADLINES[kind]
        remedy = "Een bezwaarschrift" if data.get("legal_model") == "awb" else "Een klacht"
        lines.append(sentence.format(day=dutch_long_date(data[key]), remedy=remedy))
    if kind == "lbb_request":
        lines.append("Dit bericht en de bijlage zijn vertrouwelijk (artikel 28 Wet Bibob).")
    else:
        lines.append("U vindt de brief ook in Toelating bij uw aanvraag.")
    body = "\n\n".join(lines) + SIGNATURE.format(region=data["region"]["name"])
    return MailText(f"{title} ({data['reference']})", body)


def mail_text(kind: str, payload: dict[str, Any]) -> MailText:
    """Mail without a letter: a receipt, a response that arrived, a reminder, a warning."""
    reference = payload.get("reference") or f"zaak {payload.get('case_id')}"
    write = _TEXTS.get(kind)
    if write is None:
        return MailText(f"Bericht over {reference}",
                        f"Er is nieuws over {reference}. Open Toelating voor de details.")
    title, text = write(payload, reference, payload.get("task") or "de taak")
    return MailText(f"{title} ({reference})", f"Geachte heer, mevrouw,\n\n{text}\n")


def _last_day(payload: dict[str, Any]) -> str:
    """Rows queued before the last day was stored still go out, with a plainer sentence."""
    return dutch_long_date(payload["last_day"]) if payload.get("last_day") else "de gestelde dag"


def _received(p: dict[str, Any], reference: str, _task: str) -> tuple[str, str]:
    return ("Wij hebben uw aanvraag ontvangen",
            f"Wij hebben uw aanvraag om toelating ontvangen op {dutch_date(p['received_on'])}. "
            f"Uw kenmerk is {reference}.\n\nWij beslissen uiterlijk {_last_day(p)}, tenzij "
            "die termijn wordt opgeschort of verlengd; dan krijgt u bericht. In Toelating ziet "
            "u steeds waar uw aanvraag staat.")


def _response(p: dict[str, Any], reference: str, task: str) -> tuple[str, str]:
    return (f"Reactie van de aanvrager: {task}",
            f"De aanvrager heeft gereageerd in zaak {reference}: \"{task}\" is binnengekomen "
            f"op {dutch_date(p['received_on'])}. Open de zaak in Toelating om de reactie te "
            "lezen.")


def _reminder(p: dict[str, Any], reference: str, task: str) -> tuple[str, str]:
    return ("Herinnering: uw reactie wordt binnenkort verwacht",
            f"Wij wachten nog op uw reactie bij aanvraag {reference}: \"{task}\".\n\n"
            f"U kunt reageren tot en met {_last_day(p)}. Daarna gaan wij verder zonder uw "
            "reactie.")


def _due_soon(p: dict[str, Any], reference: str, task: str) -> tuple[str, str]:
    return ("Taak nadert de uiterste datum",
            f"De taak \"{task}\" in zaak {reference} moet uiterlijk {_last_day(p)} af zijn.")


def _overdue(p: dict[str, Any], reference: str, task: str) -> tuple[str, str]:
    return ("Taak is over de uiterste datum",
            f"De taak \"{task}\" in zaak {reference} had uiterlijk {_last_day(p)} af moeten "
            "zijn.")


_TEXTS: dict[str, Callable[[dict[str, Any], str, str], tuple[str, str]]] = {
    "submission_received": _received, "response_received": _response,
    "response_reminder": _reminder, "task_due_soon": _due_soon, "task_overdue": _overdue,
}
