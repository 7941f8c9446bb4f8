"""The form macros in a real browser: every widget, with errors, inside base.html passes
axe-core and shows its focus. No task screen exists yet, so the form is rendered here and
put into a page of the live app (its stylesheets, its Content-Security-Policy)."""

from __future__ import annotations

from types import SimpleNamespace

from flask import render_template_string
from werkzeug.datastructures import MultiDict

from tests.e2e.helpers import assert_accessible, screenshot, tab_through
from tests.integration.web.test_form_macros import CHOICES, WIDGETS
from web.app import create_app

GALLERY = """{% extends "base.html" %}
{% import "macros/forms.html" as forms %}{% import "macros/content.html" as content %}
{% block content %}<h1 class="utrecht-heading-1">Alle velden</h1>
{{ forms.error_summary(errors, fields) }}
{% call forms.form() %}{{ forms.fields(fields, values, errors, {"subsegments": choices}) }}
{% call forms.actions() %}{{ forms.button("Opslaan") }}
{{ forms.button("Concept bewaren", "secondary") }}{% endcall %}{% endcall %}
{{ forms.confirm(values, "Weet u het zeker?", "Dit besluit is definitief.",
                 summary=[("Uitkomst", "Afwijzen")]) }}
{{ content.pagination(2, 5) }}{% endblock %}"""
ERRORS = {"radio": ["Kies een van de mogelijkheden."], "flag": ["Kruis aan."],
          "date": ["Geef een datum als dd-mm-jjjj, bijvoorbeeld 11-12-2026."]}
TYPED = MultiDict([("text", "TW-2026-00001"), ("date", "31-02-2026"), ("yesno", "ja"),
                   ("subsegments", "wonen_gezinshuis"), ("lines", "KvK\nVOG")])


def gallery(page):
    app = create_app({"TESTING": True, "SECRET_KEY": "e2e", "DATABASE": SimpleNamespace()})
    with app.test_request_context("/"):
        html = render_template_string(GALLERY, errors=ERRORS, fields=WIDGETS, values=TYPED,
                                      choices=CHOICES)
    page.goto("/inloggen")  # a page of the app: same origin, same CSP
    page.set_content(html)
    page.wait_for_load_state("networkidle")


def test_every_widget_with_errors_passes_axe_and_keeps_what_was_typed(page):
    gallery(page)
    screenshot(page, "formulier-met-fouten")
    assert page.get_by_label("Kenmerk").input_value() == "TW-2026-00001"
    assert page.get_by_label("Datum ontvangst").input_value() == "31-02-2026"
    assert page.get_by_label("Gezinshuis").is_checked()
    assert page.get_by_role("radio", name="Ja").is_checked()
    assert_accessible(page)


def test_every_control_of_the_form_shows_its_focus(page):
    gallery(page)
    stops = tab_through(page, limit=80)
    assert {"veld-text", "veld-date"} <= {s["name"] and f"veld-{s['name']}" for s in stops}
    assert not [s for s in stops if not (s["outline"] or s["shadow"])]


def test_the_error_summary_link_takes_the_keyboard_to_the_field(page):
    gallery(page)
    page.get_by_role("link", name="Datum ontvangst: Geef een datum").click()
    assert page.evaluate("document.activeElement.id") == "veld-date"
