"""Templates to HTML (Jinja2, autoescaped, strict) and HTML to PDF (WeasyPrint)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape

from letters.dates import dutch_date, dutch_long_date

SUBJECTS = {
    "supplement_request": "Verzoek om aanvulling van uw aanvraag",
    "lbb_notice": "Wij hebben advies gevraagd aan het Landelijk Bureau Bibob",
    "lbb_request": "Verzoek om advies (artikel 9 Wet Bibob)",
    "views_request": "Verzoek om uw zienswijze op ons voorgenomen besluit",
    "decision": "Besluit op uw aanvraag om toelating",
    "objection_receipt": "Ontvangstbevestiging van uw bezwaar",
    "objection_decision": "Beslissing op uw bezwaar",
    "withdrawal_confirmation": "Bevestiging: u heeft uw aanvraag ingetrokken",
    "bridging_start": "Overbruggingsovereenkomst voor uw huidige cliënten",
    "bridging_reminder": "Herinnering: het einde van de overbruggingsperiode nadert",
}
# Under the civil model an objection is a complaint (no Awb objection there).
CIVIL_SUBJECTS = {"objection_receipt": "Ontvangstbevestiging van uw klacht",
                  "objection_decision": "Beslissing op uw klacht"}
KINDS = frozenset(SUBJECTS)
# The name the PDF is saved under, in Dutch like the letter (the reference follows).
FILE_NAMES = {
    "supplement_request": "verzoek-om-aanvulling", "lbb_notice": "bericht-adviesaanvraag-lbb",
    "lbb_request": "adviesverzoek-bibob", "views_request": "verzoek-om-zienswijze",
    "decision": "besluit", "objection_receipt": "ontvangstbevestiging-bezwaar",
    "objection_decision": "beslissing-op-bezwaar",
    "withdrawal_confirmation": "bevestiging-intrekking",
    "bridging_start": "overbruggingsovereenkomst", "bridging_reminder": "herinnering-overbrugging",
}
CIVIL_FILE_NAMES = {"objection_receipt": "ontvangstbevestiging-klacht",
                    "objection_decision": "beslissing-op-klacht"}
OUTCOMES = {"admitted": "toegelaten", "partly_admitted": "deels toegelaten",
            "refused": "afgewezen", "not_considered": "buiten behandeling gelaten"}
# "Wij hebben besloten ..." and "Wij zijn van plan ..." per outcome, in plain Dutch.
DECIDED = {"admitted": "u toe te laten voor alles waarvoor u zich aanmeldde",
           "partly_admitted": "u toe te laten voor een deel van de subsegmenten en uw "
                              "aanvraag voor de rest af te wijzen",
           "refused": "uw aanvraag af te wijzen",
           "not_considered": "uw aanvraag niet te behandelen"}


def _source(name: str) -> str:
    return (files("letters") / "templates" / name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    env = Environment(loader=FunctionLoader(_source), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["datum"] = dutch_date
    env.filters["lange_datum"] = dutch_long_date
    env.filters["uitkomst"] = lambda code: OUTCOMES.get(code, code)
    env.filters["besluit"] = lambda code: DECIDED[code]
    return env


def file_name(kind: str, data: dict[str, Any]) -> str:
    """The PDF's file name without the reference: Dutch, per legal model."""
    if kind in CIVIL_FILE_NAMES and _model(data) != "awb":
        return CIVIL_FILE_NAMES[kind]
    return FILE_NAMES[kind]


def subject(kind: str, data: dict[str, Any]) -> str:
    """The subject; under the civil model an objection decision is a complaint decision."""
    if kind in CIVIL_SUBJECTS and _model(data) != "awb":
        return CIVIL_SUBJECTS[kind]
    return SUBJECTS[kind]


def _model(data: dict[str, Any]) -> str:
    return str(data.get("model") or data["legal_model"])


def render_html(kind: str, data: dict[str, Any]) -> str:
    """The letter as HTML; StrictUndefined makes a missing part an error, not a gap."""
    if kind not in KINDS:
        raise ValueError(f"onbekende brief: {kind!r}")
    template = _environment().get_template(f"{kind}.html")
    return template.render(**data, kind=kind, subject=subject(kind, data),
                           awb=_model(data) == "awb")


def render_pdf(kind: str, data: dict[str, Any]) -> bytes:
    """The letter as PDF."""
    return html_to_pdf(render_html(kind, data))


def render_page(template: str, data: dict[str, Any]) -> str:
    """A document that is not a letter (a dossier's summary), made the same way."""
    return _environment().get_template(template).render(**data)


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint is imported here: loading it takes a second, which the web app and the
    command line should not pay at start-up."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
