"""Task screens at /taken/<task_id>, made from the task registry: the form beside the
application, its documents and (for a decision) the assessments; a draft to save and
resume; a confirmation step before an irreversible completion; a 409 page that keeps
what was typed when someone else completed the task first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from web.forms import confirmed, going_back
from web.officer import bp
from web.transactions import read, refused, require_actor, write
from workflows import drafts, task_completion, task_screen
from workflows.errors import InvalidInput, NotAllowed, TaskAlreadyDone
from workflows.task_screen import TaskScreen
from workflows.tasks import from_browser, task_spec

DRAFT = "concept"  # the value of the "actie" button that saves a draft


@bp.app_template_global()
def task_fields(bpmn_id: str) -> Mapping[str, Any]:
    """The form fields of a task, from the registry (the form macros read their labels)."""
    return task_spec(bpmn_id).fields()


@bp.app_template_global()
def draft_items(fields: Mapping[str, Any], values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A saved draft as (label, text) pairs, to show back read-only."""
    return [(str(fields[name].metadata.get("label", name)), "; ".join(values[name]))
            for name in fields if name in values and fields[name].metadata.get("label")]


def _officer_only() -> None:
    """Task screens are the officers' (applicants get their own portal)."""
    if not require_actor().is_officer:
        raise NotAllowed("Deze pagina is voor medewerkers die zaken beoordelen.")


@bp.get("/taken/<string:task_id>")
def task(task_id: str) -> str:
    _officer_only()
    screen = read(task_screen.show_task, task_id=task_id)
    values = dict(screen.draft.values) if screen.draft else None
    return render_template("officer/task.html", screen=screen, values=values, errors={},
                           resumed=values is not None)


@bp.post("/taken/<string:task_id>")
def complete(task_id: str) -> Response | tuple[str, int] | str:
    _officer_only()
    form: MultiDict[str, str] = request.form
    if form.get("actie") == DRAFT:
        write(drafts.save_draft, task_id=task_id, form=form.to_dict(flat=False))
        flash(_("Concept opgeslagen. Alleen u ziet het."), "success")
        return redirect(url_for("officer.task", task_id=task_id))
    screen = read(task_screen.show_task, task_id=task_id)
    data = from_browser(task_spec(screen.bpmn_id), form.to_dict(flat=False))
    try:
        if screen.irreversible and not confirmed(form):
            return _confirm_or_back(screen, form, data)
        write(task_completion.complete_from_screen, task_id=task_id, data=data)
    except InvalidInput as err:
        refused()
        errors = err.fields or {"form": [err.message]}
        return render_template("officer/task.html", screen=screen, values=form,
                               errors=errors), 422
    except TaskAlreadyDone as err:
        refused()
        return render_template("officer/task_conflict.html", screen=screen, error=err,
                               typed=_typed(screen, data)), 409
    flash(_("Taak afgerond: %(label)s.", label=screen.label), "success")
    return redirect(url_for("cases.show", case_id=screen.case_id))


def _confirm_or_back(screen: TaskScreen, form: MultiDict[str, str],
                     data: dict[str, Any]) -> str:
    """The "Weet u het zeker?" step (or back to the form, everything kept): it only shows,
    so nothing is written; the completion itself comes with the confirmed post."""
    refused()
    if going_back(form):
        return render_template("officer/task.html", screen=screen, values=form, errors={})
    preview = read(task_completion.preview_completion, task_id=screen.task_id, data=data)
    return render_template("officer/task_confirm.html", screen=screen, values=form,
                           preview=preview,
                           summary=[(item.label, item.text) for item in preview.summary])


def _typed(screen: TaskScreen, data: dict[str, Any]) -> list[tuple[str, str]]:
    """What the person typed, as label and text (labels, never codes), for the 409 page."""
    fields = task_spec(screen.bpmn_id).fields()
    return [(str(fields[name].metadata.get("label", name)),
             _text(value, fields[name].metadata, screen.subsegments))
            for name, value in data.items() if name in fields]


def _text(value: Any, meta: Any, subsegments: Any) -> str:
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nee"))
    if isinstance(value, list):
        return ", ".join(str(subsegments.get(v, v)) for v in value) or "–"
    choices = meta.get("choices") or {"ja": _("Ja"), "nee": _("Nee")}
    return str(choices.get(value, value)) if isinstance(value, str) else str(value)
