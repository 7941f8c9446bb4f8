"""The officers' actions on a case, each its own screen at /zaken/<id>/acties/<action>:
ask to supplement, record a notice of default, extend the decision term by notice,
record the LBB's questions to the applicant, add an internal note, record a withdrawal
the applicant sent by letter or mail.

A screen reads the browser form into the action's schema (errors inline, what was typed
kept), asks for confirmation before an irreversible step, runs one use case through
`web.transactions.write` and returns to the case page with a message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields
from werkzeug.wrappers import Response

from web.forms import confirmed, going_back
from web.i18n import datum
from web.officer import bp
from web.officer.action_forms import (
    TITLES,
    LbbQuestionsSchema,
    NoticeOfDefaultSchema,
    SupplementRequestSchema,
    TermExtensionSchema,
    WithdrawalSchema,
    load,
    note_schema,
)
from web.transactions import read, refused, require_actor, write
from workflows import case_actions, case_deadlines, case_page, case_reads, decision_term
from workflows.errors import Conflict, InvalidInput, NotAllowed


@dataclass(frozen=True)
class Action:
    """One action screen; the schema's field names are the use case's keywords."""

    code: str
    title: Any  # a lazy string
    intro: Any
    schema: Callable[[int], type[Schema]]
    use_case: Callable[..., Any]
    done: Callable[[Any], str]  # the message shown afterwards, from the use case's result
    confirm: Any = None  # the consequence, asked before an irreversible step
    civil_intro: Any = None  # the intro under the civil model, which cites no Awb article


def _supplemented(last: date) -> str:
    return str(_("Verzoek om aanvulling verstuurd; aanvullen kan tot en met %(day)s.",
                 day=datum(last)))


def _extended(last: date) -> str:
    return str(_("De beslistermijn is verdaagd tot en met %(day)s.", day=datum(last)))


def _said(message: Any) -> Callable[[Any], str]:
    return lambda _result: str(message)


def _note_schema(case_id: int) -> type[Schema]:
    summary = read(case_reads.case_summary, case_id=case_id)
    return note_schema({t.task_id: t.label for t in summary.open_tasks if t.bpmn_id})


def _fixed(schema: type[Schema]) -> Callable[[int], type[Schema]]:
    return lambda _case_id: schema


ACTIONS: dict[str, Action] = {
    "aanvulling": Action(
        "supplement", TITLES["supplement"],
        _l("Vraag de aanvrager de ontbrekende gegevens aan te vullen (Awb 4:5). De "
           "beslistermijn wordt opgeschort tot de aanvrager aanvult of de termijn "
           "verstrijkt (Awb 4:15)."), _fixed(SupplementRequestSchema),
        case_actions.request_supplement, _supplemented,
        _l("De aanvrager krijgt een brief met wat er ontbreekt; de volledigheidstoets is "
           "daarmee afgerond als onvolledig. Dit kan niet ongedaan worden gemaakt."),
        _l("Vraag de aanvrager de ontbrekende gegevens aan te vullen. De beslistermijn staat "
           "stil tot de aanvrager aanvult of de termijn verstrijkt.")),
    "ingebrekestelling": Action(
        "notice_of_default", TITLES["notice_of_default"],
        _l("Leg vast wanneer de schriftelijke ingebrekestelling van de aanvrager is "
           "ontvangen. Twee weken daarna gaat de dwangsom lopen als er dan nog geen besluit "
           "is (Awb 4:17)."), _fixed(NoticeOfDefaultSchema),
        decision_term.register_notice_of_default,
        _said(_l("De ingebrekestelling is vastgelegd.")),
        _l("De ontvangstdatum komt in de geschiedenis van de zaak en kan niet meer worden "
           "gewijzigd."),
        _l("Leg vast wanneer de schriftelijke ingebrekestelling van de aanvrager is "
           "ontvangen.")),
    "verdaging": Action(
        "extend_term", TITLES["extend_term"],
        _l("Verdaag de beslistermijn met een redelijke termijn, vóór die verstrijkt "
           "(Awb 4:14 lid 3). De aanvrager krijgt daarvan bericht."),
        _fixed(TermExtensionSchema), decision_term.extend_decision_term, _extended,
        _l("De nieuwe beslistermijn geldt meteen voor de taken van deze zaak en kan niet "
           "worden teruggedraaid."),
        _l("Verleng de beslistermijn met een redelijke termijn, vóór die verstrijkt. De "
           "aanvrager krijgt daarvan bericht.")),
    "lbb-vragen": Action(
        "lbb_questions", TITLES["lbb_questions"],
        _l("Leg de vragen vast die het Landelijk Bureau Bibob aan de aanvrager stelde "
           "(Wet Bibob art. 15). Vertrouwelijk, alleen zichtbaar voor "
           "integriteitsbeoordelaars en besluitnemers."), _fixed(LbbQuestionsSchema),
        case_actions.record_lbb_questions, _said(_l("De vragen van het LBB zijn vastgelegd.")),
        _l("De vragen komen vertrouwelijk in de geschiedenis van de zaak.")),
    "notitie": Action(
        "note", TITLES["note"],
        _l("Een notitie voor collega's bij de zaak of bij een van de open taken. De "
           "aanvrager ziet notities nooit."), _note_schema,
        case_actions.add_internal_note, _said(_l("De notitie is toegevoegd."))),
    "intrekking": Action(
        "withdraw", TITLES["withdraw"],
        _l("Heeft de aanvrager de aanvraag per brief of mail ingetrokken? Leg dat hier vast. "
           "De behandeling stopt dan, net als wanneer de aanvrager zelf intrekt."),
        _fixed(WithdrawalSchema), case_actions.withdraw_on_behalf,
        _said(_l("De intrekking is vastgelegd; de behandeling van de aanvraag is gestopt.")),
        _l("De aanvraag wordt ingetrokken en de behandeling stopt. Dit kan niet ongedaan "
           "worden gemaakt.")),
}


@bp.route("/zaken/<id:case_id>/acties/<action>", methods=["GET", "POST"])
def case_action(case_id: int, action: str) -> str | Response | tuple[str, int]:
    found = ACTIONS.get(action)
    if found is None:
        abort(404)
    if not any(require_actor().has(r) for r in case_page.ACTIONS[found.code]):
        raise NotAllowed(_("Deze actie hoort niet bij uw rol."))
    summary = read(case_reads.case_summary, case_id=case_id)
    schema = found.schema(case_id)
    form_fields = schema().fields
    if request.method == "GET":  # ?taak=<task id>: a note on that task (from its screen)
        chosen = {"task_id": request.args["taak"]} if "taak" in request.args else None
        return _screen(found, summary, form_fields, chosen, {})
    if going_back(request.form):
        return _screen(found, summary, form_fields, request.form, {})
    loaded = load(schema, request.form)
    if loaded.errors:
        return _screen(found, summary, form_fields, request.form, loaded.errors), 422
    if found.confirm is not None and not confirmed(request.form):
        refused()  # only asks; nothing is written until the person confirms
        return _screen(found, summary, form_fields, request.form, {}, confirm=True)
    try:
        result = write(found.use_case, case_id=case_id, **loaded.data)
    except InvalidInput as err:
        return _screen(found, summary, form_fields, request.form,
                       err.fields or {"form": [err.message]}), 422
    except Conflict as err:
        return _screen(found, summary, form_fields, request.form, {"form": [err.message]}), 409
    flash(found.done(result), "success")
    return redirect(url_for("cases.show", case_id=case_id))


def _screen(action: Action, summary: Any, form_fields: Mapping[str, fields.Field[Any]],
            values: Any, errors: Mapping[str, Any], *, confirm: bool = False) -> str:
    intro = action.intro
    if action.civil_intro is not None and not read(case_actions.under_awb,
                                                   case_id=summary.case_id):
        intro = action.civil_intro
    return render_template(f"officer/action_{action.code}.html", action=action, intro=intro,
                           case=summary, fields=form_fields, values=values, errors=errors,
                           confirm=confirm, context=_context(action.code, summary.case_id))


def _context(code: str, case_id: int) -> list[tuple[str, str]]:
    """What the person needs to know beside the form: the terms the action changes."""
    if code == "supplement":
        term = read(case_actions.supplement_term, case_id=case_id)
        return [(_("Aanvullen kan tot en met"), datum(term.last_day))]
    if code in ("extend_term", "notice_of_default"):
        found = read(case_deadlines.open_deadlines, case_id=case_id)
        return [(d.name, datum(d.last_day)) for d in found.deadlines[:1]]
    return []
