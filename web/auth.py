"""Signing in and out, and changing the password (argon2, CSRF-protected forms, a login
session on the server, failed attempts throttled)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate
from werkzeug.wrappers import Response

from web.security import failed_password_checks, failed_sign_ins
from web.transactions import TOKEN, require_actor, write, write_as_visitor
from workflows import people
from workflows.errors import InvalidInput, SignInRequired

bp = Blueprint("auth", __name__)
Page = str | Response | tuple[str, int]


def _password(label: Any, autocomplete: str, missing: Any) -> fields.String:
    return fields.String(
        required=True, validate=validate.Length(min=1, max=200, error=missing),
        error_messages={"required": missing, "null": missing, "invalid": missing},
        metadata={"label": label, "widget": "text", "type": "password",
                  "autocomplete": autocomplete})


class LoginSchema(Schema):
    # A String with the Email validator: fields.Email insists on a plain str message.
    email = fields.String(
        required=True, validate=[validate.Length(max=200, error=_l("Ten hoogste 200 tekens.")),
                                 validate.Email(error=_l("Vul een geldig e-mailadres in."))],
        error_messages={"required": _l("Vul uw e-mailadres in."),
                        "null": _l("Vul uw e-mailadres in."),
                        "invalid": _l("Vul een geldig e-mailadres in.")},
        metadata={"label": _l("E-mailadres"), "widget": "text", "type": "email",
                  "autocomplete": "username"})
    password = _password(_l("Wachtwoord"), "current-password", _l("Vul uw wachtwoord in."))
    csrf_token = fields.String(load_default="")


class PasswordChangeSchema(Schema):
    old_password = _password(_l("Huidig wachtwoord"), "current-password",
                             _l("Vul uw huidige wachtwoord in."))
    new_password = _password(_l("Nieuw wachtwoord (minstens 12 tekens)"), "new-password",
                             _l("Vul een nieuw wachtwoord in."))
    csrf_token = fields.String(load_default="")


@bp.route("/inloggen", methods=["GET", "POST"])
@failed_sign_ins
def login() -> Page:
    if request.method == "GET":
        return _login_page({}, 200)
    try:
        form = LoginSchema().load(request.form.to_dict())
        signed_in = write_as_visitor(people.sign_in, email=form["email"],
                                     password=form["password"])
    except ValidationError as err:
        return _login_page(err.messages, 422)
    except SignInRequired as err:
        return _login_page({"form": [err.message]}, 401)
    session.clear()  # nothing of the anonymous session carries over into the signed-in one
    session[TOKEN] = signed_in.token
    flash(_("Welkom, %(name)s.", name=signed_in.actor.name), "success")
    landing = url_for("officer.inbox") if signed_in.actor.is_officer else None  # reviewers
    return redirect(safe_next(request.args.get("volgende") or landing))


@bp.post("/uitloggen")
def logout() -> Response:
    write_as_visitor(people.sign_out, token=str(session.get(TOKEN, "")))
    session.clear()
    flash(_("U bent uitgelogd."), "success")
    return redirect(url_for("public.home"))


@bp.route("/wachtwoord", methods=["GET", "POST"])
@failed_password_checks
def change_password() -> Page:
    require_actor()
    if request.method == "GET":
        return _password_page({}, 200)
    try:
        form = PasswordChangeSchema().load(request.form.to_dict())
        write(people.change_password, old_password=form["old_password"],
              new_password=form["new_password"])
    except ValidationError as err:
        return _password_page(err.messages, 422)
    except InvalidInput as err:
        return _password_page(err.fields, 422)
    session.clear()
    flash(_("Uw wachtwoord is gewijzigd en u bent overal uitgelogd. Log opnieuw in."),
          "success")
    return redirect(url_for("auth.login"))


def _login_page(errors: Any, status: int) -> tuple[str, int]:
    values = {"email": request.form.get("email", "")}  # the password is never shown again
    return render_template("login.html", errors=errors, values=values,
                           fields=LoginSchema().fields), status


def _password_page(errors: Any, status: int) -> tuple[str, int]:
    return render_template("password.html", errors=errors,
                           fields=PasswordChangeSchema().fields), status


def safe_next(target: str | None) -> str:
    """Only a path on this site; anything else (another host, //host, a scheme, control
    characters a browser would strip) goes to the home page."""
    home = url_for("public.home")
    if not target or not target.startswith("/") or target.startswith("//"):
        return home
    if "\\" in target or any(ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return home
    parts = urlsplit(target)
    return home if parts.scheme or parts.netloc else target
