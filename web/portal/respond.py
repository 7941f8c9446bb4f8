"""Responding to the municipality: supplement (PDFs and an explanation), give views,
answer the LBB's questions and withdraw, each on its own screen under the application;
an irreversible step asks "Weet u het zeker?" first (no JavaScript)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError
from werkzeug.wrappers import Response

from web import config
from web.forms import confirmed, going_back
from web.portal import bp
from web.transactions import read, refused, write
from workflows import portal, registration, responses
from workflows.errors import Conflict, InvalidInput
from workflows.tasks import REGISTRY
from workflows.tasks import fields as f
from workflows.uploads import MAX_BYTES, Upload

Page = str | Response | tuple[str, int]


class WithdrawSchema(Schema):
    reason = f.text(_l("Waarom trekt u uw aanvraag in?"),
                    _l("Dit mag kort. Wij gebruiken het alleen om onze procedure te "
                       "verbeteren."), max_length=2000)


class LbbAnswersSchema(Schema):
    answers = f.text(_l("Uw antwoorden aan het Landelijk Bureau Bibob"),
                     _l("Beantwoord elke vraag uit de brief van het LBB. Alleen "
                        "integriteitsbeoordelaars lezen dit."), required=True,
                     max_length=20_000)


class RemedySchema(Schema):
    subsegments = f.subsegments(_l("Waar gaat het over?"),
                                _l("Kies de subsegmenten waarvoor u niet bent toegelaten."))
    grounds = f.text(_l("Waarom bent u het niet eens met het besluit?"),
                     _l("Schrijf uw redenen (de gronden) op."), required=True,
                     max_length=20_000)
    wants_hearing = f.yes_no(_l("Wilt u in een gesprek uitleggen waarom u het niet eens "
                                "bent?"),
                             _l("Bij ja nodigen wij u uit voor een gesprek (een hoorzitting). "
                                "Bij nee beslissen wij op wat u hier schrijft."))


def _supplement_fields() -> dict[str, Any]:
    return {k: v for k, v in REGISTRY["supplement_application"].fields().items()
            if k != "documents"}


@bp.route("/aanvragen/<id:case_id>/aanvullen", methods=["GET", "POST"])
def supplement(case_id: int) -> Page:
    case = read(portal.application_view, case_id=case_id)
    if not _asked(case, "supplement_application"):
        flash(_("Wij hebben u op dit moment niet om een aanvulling gevraagd."), "info")
        return redirect(url_for("portal.status", case_id=case_id))
    if request.method == "GET":
        return _screen("supplement", case, _supplement_fields(), None, {})
    uploads = [Upload(file.filename or "", file.mimetype or "", file.read(MAX_BYTES + 1))
               for file in request.files.getlist("bestanden") if file.filename]
    try:
        write(responses.supplement_with_documents, case_id=case_id,
              note=request.form.get("supplement_note", "").strip(), uploads=uploads,
              directory=_document_dir())
    except (InvalidInput, Conflict) as err:
        errors = getattr(err, "fields", None) or {"form": [err.message]}
        return _screen("supplement", case, _supplement_fields(), request.form, errors), \
            422 if isinstance(err, InvalidInput) else 409
    flash(_("Dank u wel. Wij hebben uw aanvulling ontvangen; de beslistermijn loopt weer."),
          "success")
    return redirect(url_for("portal.status", case_id=case_id))


def _asked(case: Any, bpmn_id: str) -> bool:
    return any(task.bpmn_id == bpmn_id for task in case.open_tasks)


@bp.route("/aanvragen/<id:case_id>/zienswijze", methods=["GET", "POST"])
def views(case_id: int) -> Page:
    if not _asked(read(portal.application_summary, case_id=case_id), "submit_views"):
        flash(_("Wij hebben u op dit moment niet om uw zienswijze gevraagd."), "info")
        return redirect(url_for("portal.status", case_id=case_id))
    fields = dict(REGISTRY["submit_views"].fields())
    return _confirmed_step(case_id, "views", fields, lambda form: write(
        responses.give_views, case_id=case_id, views=form.get("views", "").strip()),
        _("Wij hebben uw zienswijze ontvangen. Wij wegen die mee in ons besluit."))


@bp.route("/aanvragen/<id:case_id>/lbb", methods=["GET", "POST"])
def lbb_answers(case_id: int) -> Page:
    fields = dict(LbbAnswersSchema().fields)
    return _confirmed_step(case_id, "lbb", fields, lambda form: write(
        responses.answer_lbb_questions, case_id=case_id,
        **_load(LbbAnswersSchema, form)), _("Wij hebben uw antwoorden doorgestuurd."))


@bp.route("/aanvragen/<id:case_id>/intrekken", methods=["GET", "POST"])
def withdraw(case_id: int) -> Page:
    fields = dict(WithdrawSchema().fields)
    return _confirmed_step(case_id, "withdraw", fields, lambda form: write(
        registration.withdraw_application, case_id=case_id,
        **_load(WithdrawSchema, form)), _("U heeft uw aanvraag ingetrokken."))


@bp.route("/aanvragen/<id:case_id>/bezwaar", methods=["GET", "POST"])
def remedy(case_id: int) -> Page:
    found = read(responses.remedy_form, case_id=case_id)
    fields = dict(RemedySchema().fields)
    return _confirmed_step(case_id, "remedy", fields, lambda form: write(
        responses.lodge_remedy, case_id=case_id, **_remedy(form)),
        _("Wij hebben uw %(word)s ontvangen. U krijgt een ontvangstbevestiging.",
          word=found.word), choices={"subsegments": found.choices},
        extra={"word": found.word, "last_day": found.last_day},
        check=lambda form: _load(RemedySchema, form),
        title=REMEDY_TITLES.get(found.word, TITLES["remedy"]))


def _remedy(form: Any) -> dict[str, Any]:
    loaded = _load(RemedySchema, form)
    return {"subsegments": loaded["subsegments"], "grounds": loaded["grounds"],
            "hearing_waived": not loaded.get("wants_hearing", True)}


def _confirmed_step(case_id: int, kind: str, fields: dict[str, Any], act: Any, done: str,
                    check: Any = None, **shown: Any) -> Page:
    case = read(portal.application_summary, case_id=case_id)
    if request.method == "GET" or going_back(request.form):
        return _screen(kind, case, fields, request.form or None, {}, **shown)
    if not confirmed(request.form):
        refused()  # only asks; nothing is written until the person confirms
        try:
            # The form is checked before "Weet u het zeker?", not after it.
            (check or (lambda form: _load(Schema.from_dict(fields), form)))(request.form)
        except InvalidInput as err:
            errors = err.fields or {"form": [err.message]}
            return _screen(kind, case, fields, request.form, errors, **shown), 422
        return _screen(kind, case, fields, request.form, {}, confirm=True, **shown)
    try:
        act(request.form)
    except InvalidInput as err:
        errors = err.fields or {"form": [err.message]}
        return _screen(kind, case, fields, request.form, errors, **shown), 422
    except Conflict as err:
        return _screen(kind, case, fields, request.form, {"form": [err.message]}, **shown), 409
    flash(done, "success")
    return redirect(url_for("portal.status", case_id=case_id))


def _load(schema: type[Schema], form: Any) -> dict[str, Any]:
    raw = {name: [v.strip() for v in form.getlist(name) if v.strip()]
           if field.metadata.get("widget") == "subsegments" else str(form.get(name, "")).strip()
           for name, field in schema().fields.items()}
    try:
        loaded: dict[str, Any] = schema().load(
            {k: v for k, v in raw.items() if v != "" or k not in ("wants_hearing",)})
    except ValidationError as err:
        raise InvalidInput(_("Niet alle velden zijn goed ingevuld."),
                           err.messages if isinstance(err.messages, dict) else {}) from err
    return loaded


TITLES = {"supplement": _l("Uw aanvraag aanvullen"), "views": _l("Uw zienswijze geven"),
          "remedy": _l("Bezwaar maken of een klacht indienen"),
          "lbb": _l("Vragen van het LBB beantwoorden"), "withdraw": _l("Uw aanvraag intrekken")}
# Under the Awb an objection, under the civil model a complaint (never both on one screen).
REMEDY_TITLES = {"bezwaar": _l("Bezwaar maken"), "klacht": _l("Klacht indienen")}
INTROS = {
    "supplement": _l("Stuur wat wij u vroegen: schrijf een korte toelichting en voeg de "
                     "documenten toe als PDF (ten hoogste 8 MB per bestand). Zodra u "
                     "aanvult, loopt de beslistermijn weer."),
    "views": _l("Wij zijn van plan een besluit te nemen dat (deels) negatief is voor u. "
                "Schrijf hier waarom u het daar (niet) mee eens bent. Dat kan alleen binnen "
                "de termijn."),
    "lbb": _l("Het Landelijk Bureau Bibob heeft u vragen gesteld. Uw antwoorden gaan "
              "vertrouwelijk naar onze integriteitsbeoordelaars."),
    "remedy": _l("Bent u het niet eens met ons besluit? Dan kunt u binnen de termijn "
                 "reageren. Een medewerker die niet bij het besluit betrokken was, "
                 "behandelt uw reactie."),
    "withdraw": _l("Als u uw aanvraag intrekt, stoppen wij de behandeling. Dit kan alleen "
                   "zolang wij nog geen besluit hebben genomen."),
}
CONSEQUENCES = {
    "remedy": _l("Na het versturen kunt u uw reactie niet meer wijzigen."),
    "views": _l("Na het versturen kunt u uw zienswijze niet meer wijzigen."),
    "lbb": _l("Na het versturen kunt u uw antwoorden niet meer wijzigen."),
    "withdraw": _l("Uw aanvraag wordt niet meer behandeld. Dit kunt u niet ongedaan maken; "
                   "wilt u later toch toegelaten worden, dan moet u opnieuw aanvragen."),
}


def _screen(kind: str, case: Any, fields: Mapping[str, Any], values: Any,
            errors: Mapping[str, Any], *, confirm: bool = False,
            choices: Mapping[str, Any] | None = None, extra: Any = None,
            title: Any = None) -> str:
    return render_template("portal/respond.html", kind=kind, case=case, fields=fields,
                           values=values, errors=errors, confirm=confirm,
                           choices=choices or {}, extra=extra or {},
                           title=title or TITLES[kind], intro=INTROS[kind],
                           consequence=CONSEQUENCES.get(kind, ""))


def _document_dir() -> Path:
    return config.document_dir(current_app.config, current_app.instance_path)
