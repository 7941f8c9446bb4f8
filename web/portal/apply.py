"""Open windows and the application wizard: care and municipalities, the integrity and
quality questions, documents, and a review page where the applicant declares and submits.

Every step saves the draft; "Opslaan en later verder" keeps the applicant on the step,
"Opslaan en verder" goes to the next. A draft id of another organisation is a 404.
"""

from __future__ import annotations

import os
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields
from werkzeug.wrappers import Response

from web.portal import bp
from web.transactions import current_actor, read, read_as_visitor, write
from workflows import applying, questionnaire, registration
from workflows.errors import Conflict, InvalidInput

Page = str | Response | tuple[str, int]
STEPS = (("zorg", _l("Zorg en gemeenten")), ("integriteit", _l("Integriteit")),
         ("kwaliteit", _l("Kwaliteit")), ("documenten", _l("Documenten")),
         ("controle", _l("Controleren en indienen")))
NAMES = [code for code, _label in STEPS]


def _choices(label: Any, help_text: Any) -> fields.List[str]:
    return fields.List(fields.String(), metadata={"label": label, "help": help_text,
                                                  "widget": "subsegments"})


class CareChoiceSchema(Schema):
    subsegment_codes = _choices(_l("Voor welke zorg vraagt u toelating aan?"),
                                _l("Kies een of meer soorten zorg."))
    municipalities = _choices(_l("In welke gemeenten wilt u deze zorg leveren?"),
                              _l("Kies gemeenten die de gekozen zorg inkopen. Welke gemeente wat "
                                 "inkoopt, staat hierboven."))


class DocumentFieldsSchema(Schema):
    """Only the labels, for the error summary of the documents step (its form is its own
    markup: a file field and the kind of document)."""
    kind = fields.String(metadata={"label": _l("Wat voor document is het?")})
    document = fields.String(metadata={"label": _l("Bestand (PDF)")})


class DeclarationSchema(Schema):
    declaration = fields.Boolean(metadata={
        "label": _l("Ik verklaar dat ik alles naar waarheid heb ingevuld"),
        "help": _l("Wie bewust onjuiste gegevens geeft, kan worden uitgesloten."),
        "widget": "checkbox"})


@bp.get("/vensters")
def windows() -> str:
    return render_template("portal/windows.html", windows=read_windows(),
                           signed_in=current_actor() is not None)


def read_windows() -> list[applying.OpenWindow]:
    if current_actor() is None:
        return read_as_visitor(applying.open_windows)
    return read(applying.open_windows)


@bp.route("/aanvragen/nieuw", methods=["GET", "POST"])
def new_application() -> Page:
    if request.method == "POST":
        window_id = request.form.get("window_id", "")
        draft_id = write(applying.start_draft,
                         window_id=int(window_id) if window_id.isdigit() else 0)
        return redirect(url_for("portal.step", application_id=draft_id, step="zorg"))
    start = read(applying.start_page)
    return render_template("portal/new_application.html", drafts=start.drafts,
                           windows=start.windows)


@bp.route("/concepten/<int:application_id>/<step>", methods=["GET", "POST"])
def step(application_id: int, step: str) -> Page:
    if step not in NAMES:
        abort(404)
    if request.method == "POST":
        use_case, data = _command(step)
        try:
            done = write(use_case, application_id=application_id, **data)
        except InvalidInput as err:
            draft = read(applying.draft, application_id=application_id)
            return _page(draft, step, request.form, err.fields or {"form": [err.message]}), 422
        except Conflict as err:
            draft = read(applying.draft, application_id=application_id)
            return _page(draft, step, request.form, {"form": [err.message]}), 409
        if step == "controle":
            flash(_("Uw aanvraag is ingediend onder kenmerk %(reference)s. U krijgt een "
                    "ontvangstbevestiging per e-mail. Hieronder ziet u wanneer wij uiterlijk "
                    "beslissen.", reference=done.reference), "success")
            return redirect(url_for("portal.status", case_id=done.case_id))
        if request.form.get("later") == "ja":
            flash(_("Uw aanvraag is opgeslagen als concept. U kunt later verder."), "success")
            return redirect(url_for("portal.new_application"))
        if step == "documenten":
            flash(_("Het document is toegevoegd."), "success")
            return redirect(url_for("portal.step", application_id=application_id, step=step))
        following = NAMES[NAMES.index(step) + 1]
        return redirect(url_for("portal.step", application_id=application_id, step=following))
    draft = read(applying.draft, application_id=application_id)
    return _page(draft, step, _values(draft, step), {})


@bp.post("/concepten/<int:application_id>/documenten/<int:document_id>/verwijderen")
def remove_document(application_id: int, document_id: int) -> Response:
    write(applying.remove_document, application_id=application_id, document_id=document_id)
    flash(_("Het document is verwijderd."), "success")
    return redirect(url_for("portal.step", application_id=application_id, step="documenten"))


def _command(step: str) -> tuple[Any, dict[str, Any]]:
    """The step's use case and its input from the browser form."""
    form = {k: v for k, v in request.form.items() if k not in ("csrf_token", "later")}
    if step == "zorg":
        return applying.choose_care, {
            "subsegment_codes": request.form.getlist("subsegment_codes"),
            "municipalities": request.form.getlist("municipalities")}
    if step == "integriteit":
        return applying.answer_integrity, {"answers": form}
    if step == "kwaliteit":
        return applying.answer_quality, {"answers": form}
    if step == "documenten":
        upload = request.files.get("document")
        return applying.add_document, {
            "kind": request.form.get("kind", ""),
            "filename": (upload.filename or "") if upload else "",
            "content_type": upload.mimetype if upload else "",
            "data": upload.read() if upload else b"", "storage": _storage()}
    return registration.submit_draft, {"declaration": request.form.get("declaration") == "ja"}


def _storage() -> str:
    configured = current_app.config.get("DOCUMENT_DIR")
    return str(configured or os.path.join(current_app.instance_path, "documents"))


def _values(draft: applying.DraftView, step: str) -> dict[str, Any]:
    if step == "zorg":
        return {"subsegment_codes": list(draft.subsegments),
                "municipalities": list(draft.municipalities)}
    part = {"integriteit": "integrity", "kwaliteit": "quality"}.get(step)
    saved = draft.answers.get(part, {}) if part else {}
    return saved if isinstance(saved, dict) else {}


def _page(draft: applying.DraftView, step: str, values: Any, errors: Any) -> str:
    chosen = {s.code: s.name for s in draft.window.subsegments if s.code in draft.subsegments}
    forms: dict[str, Any] = {
        "zorg": CareChoiceSchema().fields,
        "integriteit": questionnaire.IntegrityAnswersSchema().fields,
        "kwaliteit": questionnaire.quality_schema(chosen)().fields,
        "documenten": DocumentFieldsSchema().fields,
        "controle": DeclarationSchema().fields}
    places = sorted({m for s in draft.window.subsegments for m in s.municipalities})
    choices = {"subsegment_codes": {s.code: s.name for s in draft.window.subsegments},
               "municipalities": {m: m for m in places}}
    return render_template(
        "portal/step.html", draft=draft, step=step, steps=STEPS, fields=forms.get(step, {}),
        values=values, errors=errors, choices=choices, chosen=chosen,
        kinds=applying.DOCUMENT_KINDS,
        integrity=questionnaire.IntegrityAnswersSchema().fields,
        quality=questionnaire.quality_schema(chosen)().fields)
