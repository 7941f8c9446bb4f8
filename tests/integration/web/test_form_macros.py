"""The form and content macros, rendered without a page: every widget of the task
registry gets a label, its help and its error read out, and keeps what was entered."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from werkzeug.datastructures import MultiDict

from web.app import create_app
from web.forms import confirmed, going_back
from workflows.tasks import REGISTRY
from workflows.tasks import fields as f

CHOICES = {"ambulant_begeleiding": "Begeleiding", "wonen_gezinshuis": "Gezinshuis"}
WIDGETS = {
    "flag": f.flag("Aanvraag volledig", "Alles is ontvangen."),
    "yesno": f.yes_no("Voldoet de aanvrager?", "Kies ja of nee."),
    "radio": f.choice("Uitkomst", {"admit": "Toelaten", "refuse": "Afwijzen"}, "Het besluit."),
    "text": f.text("Kenmerk", "Zoals in de brief.", required=True, multiline=False),
    "textarea": f.text("Motivering", "Waarom."),
    "number": f.count("Aantal cliënten", "Op dit moment.", maximum=500),
    "lines": f.lines("Ontbrekende stukken", "Wat mist er."),
    "subsegments": f.subsegments("Subsegmenten", "Waarvoor."),
    "date": f.day("Datum ontvangst", "De dag van ontvangst."),
}


class Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def by_id(self, element_id):
        return next(attrs for _, attrs in self.found if attrs.get("id") == element_id)

    def all(self, tag):
        return [attrs for t, attrs in self.found if t == tag]


@pytest.fixture(scope="module")
def app():
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE": SimpleNamespace()})


def render(app, source, **context):
    with app.test_request_context("/"):
        return app.jinja_env.from_string(
            '{% import "macros/forms.html" as forms %}'
            '{% import "macros/content.html" as content %}' + source).render(**context)


def field(app, name, values=None, errors=None, choices=None):
    return Elements(render(app, "{{ forms.field(name, field, values, errors, choices) }}",
                           name=name, field=WIDGETS[name], values=values,
                           errors=errors or {}, choices=choices))


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_each_widget_has_a_label_for_its_control_and_reads_out_its_help(app, name):
    page = field(app, name, choices=CHOICES if name == "subsegments" else None)
    control = page.by_id(f"veld-{name}")
    labels = [a.get("for") for a in page.all("label")]
    legends = page.all("legend")
    assert f"veld-{name}" in labels
    assert legends or control.get("aria-describedby", "").startswith(f"veld-{name}-uitleg")
    assert page.by_id(f"veld-{name}-uitleg")
    assert "aria-invalid" not in control


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_an_error_is_shown_beside_the_field_and_read_out(app, name):
    page = field(app, name, errors={name: ["Dit veld is verplicht."]})
    assert "Dit veld is verplicht." in "".join(page.text)
    described = [a for _, a in page.found if f"veld-{name}-fout" in a.get("aria-describedby", "")]
    assert described, "the error is not linked to the control"
    invalid = [a for _, a in page.found if a.get("aria-invalid") == "true"]
    assert invalid or name == "subsegments"  # a group of tick boxes has no invalid state


@pytest.mark.parametrize(("name", "typed", "expect"), [
    ("text", ["TW-2026-00001"], ("input", "value", "TW-2026-00001")),
    ("number", ["12"], ("input", "value", "12")),
    ("date", ["31-02-2026"], ("input", "value", "31-02-2026")),  # wrong, but kept as typed
])
def test_what_was_typed_is_kept_after_an_error(app, name, typed, expect):
    page = field(app, name, values=MultiDict({name: typed}), errors={name: ["Fout."]})
    tag, attribute, value = expect
    assert page.by_id(f"veld-{name}")[attribute] == value


def test_choices_ticks_and_lines_are_kept_too(app):
    form = MultiDict([("radio", "refuse"), ("yesno", "nee"), ("flag", "ja"),
                      ("subsegments", "wonen_gezinshuis"), ("lines", "KvK\nVOG")])
    assert "checked" in field(app, "radio", form).by_id("veld-radio-2")
    assert "checked" in field(app, "yesno", form).by_id("veld-yesno-2")
    assert "checked" in field(app, "flag", form).by_id("veld-flag")
    ticked = field(app, "subsegments", form, choices=CHOICES)
    assert "checked" not in ticked.by_id("veld-subsegments")
    assert "checked" in ticked.by_id("veld-subsegments-2")
    assert "KvK\nVOG" in "".join(field(app, "lines", form).text)


def test_a_saved_draft_fills_the_fields_from_loaded_values(app):
    draft = {"date": date(2026, 12, 11), "flag": False, "yesno": True, "lines": ["A", "B"]}
    assert field(app, "date", draft).by_id("veld-date")["value"] == "11-12-2026"
    assert "checked" not in field(app, "flag", draft).by_id("veld-flag")
    assert "checked" in field(app, "yesno", draft).by_id("veld-yesno")
    assert "A\nB" in "".join(field(app, "lines", draft).text)


def test_optional_fields_say_so_and_required_ones_do_not(app):
    assert "(niet verplicht)" in "".join(field(app, "textarea").text)
    assert "(niet verplicht)" not in "".join(field(app, "text").text)


def test_the_error_summary_links_to_each_field_in_error(app):
    html = render(app, "{{ forms.error_summary(errors, fields) }}", fields=WIDGETS,
                  errors={"number": ["Vul een heel getal in."], "form": ["Niet opgeslagen."]})
    page = Elements(html)
    assert [a["href"] for a in page.all("a")] == ["#veld-number"]
    text = "".join(page.text)
    assert "Aantal cliënten: Vul een heel getal in." in text and "Niet opgeslagen." in text
    assert render(app, "{{ forms.error_summary({}, fields) }}", fields=WIDGETS).strip() == ""


@pytest.mark.parametrize("bpmn_id", sorted(REGISTRY))
def test_every_task_form_of_the_registry_renders_with_a_label_for_each_control(app, bpmn_id):
    spec = REGISTRY[bpmn_id]
    page = Elements(render(app, "{{ forms.fields(fields) }}", fields=spec.fields()))
    labelled = {a.get("for") for a in page.all("label")}
    controls = [a for t, a in page.found if t in ("input", "textarea", "select")]
    assert all(c["id"] in labelled for c in controls), bpmn_id


def test_the_confirmation_step_posts_the_form_again_with_the_confirm_flag(app):
    form = MultiDict([("csrf_token", "x"), ("outcome", "refuse"), ("notes", "a"),
                      ("notes", "b")])
    page = Elements(render(app, '{{ forms.confirm(values, "Weet u het zeker?", "Dit is '
                           'definitief.", summary=[("Uitkomst", "Afwijzen")]) }}', values=form))
    hidden = [(a["name"], a["value"]) for a in page.all("input") if a.get("type") == "hidden"]
    assert ("outcome", "refuse") in hidden and ("notes", "b") in hidden
    assert [n for n, _ in hidden].count("csrf_token") == 1  # a fresh token, not the old one
    buttons = {(a["name"], a["value"]) for a in page.all("button")}
    assert buttons == {("bevestigd", "ja"), ("terug", "ja")}


def test_content_macros_data_list_table_and_pagination(app):
    with app.test_request_context("/zaken/?status=x&pagina=2"):
        html = app.jinja_env.from_string(
            '{% import "macros/content.html" as content %}'
            '{{ content.data_list([("Fase", "Besluit"), ("Leeg", "")]) }}'
            '{{ content.table("Zaken", ["Zaak", "Status"], [[{"text": "Z1", "url": "/z/1"},'
            ' "Open"]]) }}{{ content.pagination(2, 3) }}').render()
    page = Elements(html)
    text = "".join(page.text)
    assert "Besluit" in text and "–" in text and "pagina 2 van 3" in text
    assert page.all("caption") and page.all("th")[-1]["scope"] == "row"
    hrefs = [a["href"] for a in page.all("a")]
    assert hrefs == ["/z/1", "/zaken/?status=x&pagina=1", "/zaken/?status=x&pagina=3"]


def test_the_view_reads_the_answer_of_the_confirmation_step():
    assert confirmed(MultiDict({"bevestigd": "ja"})) and not confirmed(MultiDict())
    assert going_back(MultiDict({"terug": "ja"})) and not going_back(MultiDict({"x": "ja"}))
