"""The inbox at /taken: the reviewer's home page. Tabs with counts, filters in the query
string, claim and release per row or in bulk, reassignment, a coordinator's distribution,
and saved work lists."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from marshmallow import EXCLUDE, Schema, fields, validate
from werkzeug.wrappers import Response

from web.officer import bp
from web.transactions import read, write
from workflows import assignment, work_lists
from workflows.errors import Conflict, InvalidInput, NotAllowed
from workflows.inbox import InboxFilters, InboxRow

# URL words (Dutch) -> the inbox's tab and sort names
TABS = {"mijn": "mine", "team": "team", "open": "unassigned"}
SORTS = {"termijn": "due", "-termijn": "-due"}
Page = str | Response | tuple[str, int]


class InboxQuerySchema(Schema):
    """The filter form (GET); an empty field means "no filter"."""

    class Meta:
        unknown = EXCLUDE

    tab = fields.String(load_default="mijn", validate=validate.OneOf(list(TABS)))
    fase = fields.String(load_default=None, validate=validate.Length(max=60))
    taak = fields.String(load_default=None, validate=validate.Length(max=100))
    subsegment = fields.Integer(load_default=None, validate=validate.Range(1, 2**31 - 1))
    gemeente = fields.Integer(load_default=None, validate=validate.Range(1, 2**31 - 1))
    uiterlijk = fields.Date(load_default=None, error_messages={
        "invalid": _l("Vul een datum in, bijvoorbeeld 11-12-2026.")})
    te_laat = fields.Boolean(load_default=False, truthy={"ja", "1", "on"},
                             falsy={"nee", "0", "off"})
    sorteer = fields.String(load_default="termijn", validate=validate.OneOf(list(SORTS)))
    pagina = fields.Integer(load_default=1, validate=validate.Range(1, 10**6))


class HandOverSchema(Schema):
    """The labels of the hand-over fields, for the error summary's links."""

    persoon = fields.String(metadata={"label": _l("Aan wie")})
    reden = fields.String(metadata={"label": _l("Reden")})


@bp.get("/taken")
def inbox() -> Page:
    query, errors = _query()
    found = read(work_lists.open_workspace, filters=_filters(query), page=query["pagina"],
                 target_working_days=_target_days())
    return _page(found, query, errors, {}, 200)


@bp.post("/taken/oppakken")
def claim() -> Response:
    single = request.form.get("taak")
    try:
        if single:
            write(assignment.claim_task, task_id=single)
            flash(_("U heeft de taak opgepakt; u vindt haar onder Mijn taken."), "success")
        else:
            done = write(assignment.claim_tasks, task_ids=request.form.getlist("taken"))
            _flash_bulk(done)
    except (Conflict, InvalidInput) as err:
        flash(err.message, "error")
    return _back()


@bp.post("/taken/teruggeven")
def release() -> Response:
    try:
        write(assignment.release_task, task_id=request.form.get("taak", ""))
        flash(_("U heeft de taak teruggegeven aan het team."), "success")
    except Conflict as err:
        flash(err.message, "error")
    return _back()


@bp.post("/taken/verdelen")
def distribute() -> Page:
    person = request.form.get("persoon", "")
    to_user = None if person == "team" else _int(person)
    if person != "team" and to_user is None:
        return _refused({"persoon": [_("Kies aan wie u de taken geeft.")]})
    try:
        done = write(assignment.distribute_tasks, task_ids=request.form.getlist("taken"),
                     to_user_id=to_user, reason=request.form.get("reden", ""))
    except InvalidInput as err:
        return _refused({_FIELD.get(k, k): v for k, v in err.fields.items()} or
                        {"form": [err.message]})
    except (Conflict, NotAllowed) as err:
        return _refused({"form": [err.message]})
    flash(ngettext("%(num)d taak verdeeld; de reden staat in de geschiedenis van de zaak.",
                   "%(num)d taken verdeeld; de reden staat in de geschiedenis van elke zaak.",
                   len(done.done)), "success")
    return _back()


@bp.route("/taken/<string(maxlength=36):task_id>/overdragen", methods=["GET", "POST"])
def reassign(task_id: str) -> Page:
    errors: dict[str, Any] = {}
    if request.method == "POST":
        to_user = _int(request.form.get("persoon", ""))
        try:
            if to_user is None:
                raise InvalidInput(_("Kies aan wie u de taak geeft."),
                                   {"to_user_id": [_("Kies aan wie u de taak geeft.")]})
            write(assignment.reassign_task, task_id=task_id, to_user_id=to_user,
                  reason=request.form.get("reden", ""))
            flash(_("De taak is overgedragen."), "success")
            return redirect(url_for("officer.inbox"), 303)
        except InvalidInput as err:
            errors = {_FIELD.get(k, k): v for k, v in err.fields.items()} or \
                {"form": [err.message]}
    options = read(assignment.reassignment_options, task_id=task_id)
    return render_template("officer/inbox_reassign.html", options=options, errors=errors,
                           values=request.form, summary_fields=HandOverSchema().fields), \
        422 if errors else 200


@bp.post("/werklijsten")
def save_work_list() -> Response:
    query, _errors = _query(request.form)
    try:  # the use case checks the name (and who may keep work lists)
        saved = write(work_lists.save_work_list, name=request.form.get("naam", "")[:200],
                      filters=_filters(query))
        flash(_("Werklijst '%(name)s' bewaard.", name=saved.name), "success")
    except (InvalidInput, Conflict) as err:
        flash(err.message, "error")
    return redirect(url_for("officer.inbox", **_args(query)), 303)


@bp.post("/werklijsten/<id:list_id>/verwijderen")
def delete_work_list(list_id: int) -> Response:
    write(work_lists.delete_work_list, list_id=list_id)
    flash(_("Werklijst verwijderd."), "success")
    return redirect(url_for("officer.inbox"), 303)


_FIELD = {"to_user_id": "persoon", "reason": "reden", "task_ids": "form", "name": "naam"}


def task_url(row: InboxRow) -> str:
    """Where a row leads: the task screen once it exists, else the case page."""
    if "officer.task" in current_app.view_functions:
        return url_for("officer.task", task_id=row.task_id)
    return url_for("cases.show", case_id=row.case_id)


def work_list_url(filters: InboxFilters) -> str:
    tab = {v: k for k, v in TABS.items()}[filters.tab]
    sort = {v: k for k, v in SORTS.items()}[filters.sort]
    return url_for("officer.inbox", **_args({
        "tab": tab, "fase": filters.phase, "taak": filters.task,
        "subsegment": filters.subsegment_id, "gemeente": filters.municipality_id,
        "uiterlijk": filters.due_before, "te_laat": filters.overdue, "sorteer": sort}))


def _query(source: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The filters from the query string; a wrong value is dropped and named."""
    given = {k: v for k, v in (source or request.args).items() if v.strip()}
    errors = InboxQuerySchema().validate(given)
    return InboxQuerySchema().load({k: v for k, v in given.items() if k not in errors}), \
        errors


def _filters(query: dict[str, Any]) -> InboxFilters:
    return InboxFilters(tab=TABS[query["tab"]], phase=query["fase"], task=query["taak"],
                        subsegment_id=query["subsegment"], municipality_id=query["gemeente"],
                        due_before=query["uiterlijk"], overdue=query["te_laat"],
                        sort=SORTS[query["sorteer"]])


def _args(query: dict[str, Any]) -> dict[str, Any]:
    """The query as URL parameters, without the defaults and empty ones."""
    defaults = {"tab": "mijn", "sorteer": "termijn", "pagina": 1, "te_laat": False}
    found = {k: v for k, v in query.items() if v not in (None, "") and defaults.get(k) != v}
    if found.get("te_laat"):
        found["te_laat"] = "ja"
    if found.get("uiterlijk"):
        found["uiterlijk"] = found["uiterlijk"].isoformat()
    return found


def _page(found: work_lists.Workspace, query: dict[str, Any], errors: dict[str, Any],
          form_errors: dict[str, Any], status: int) -> tuple[str, int]:
    filtered = any(query.get(k) for k in ("fase", "taak", "subsegment", "gemeente",
                                          "uiterlijk", "te_laat"))
    return render_template("officer/inbox.html", found=found, inbox=found.inbox, query=query,
                           errors=errors, form_errors=form_errors, filtered=filtered,
                           task_url=task_url, work_list_url=work_list_url,
                           values=request.form, summary_fields=HandOverSchema().fields), status


def _refused(form_errors: dict[str, Any]) -> tuple[str, int]:
    """The inbox again, with the distribution's errors next to its fields."""
    query, errors = _query()
    found = read(work_lists.open_workspace, filters=_filters(query), page=query["pagina"],
                 target_working_days=_target_days())
    return _page(found, query, errors, form_errors, 422)


def _flash_bulk(done: assignment.BulkResult) -> None:
    if done.done:
        flash(ngettext("U heeft %(num)d taak opgepakt.", "U heeft %(num)d taken opgepakt.",
                       len(done.done)), "success")
    for _task, why in done.skipped:
        flash(why, "error")


def _back() -> Response:
    """Back to the inbox as it was (the form posts to a URL that carries its query)."""
    query, _errors = _query()
    return redirect(url_for("officer.inbox", **_args(query)), 303)


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 10 else None


def _target_days() -> int:
    return int(current_app.config.get("TARGET_WORKING_DAYS", 3))
