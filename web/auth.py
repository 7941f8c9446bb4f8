"""Signing in and out, and changing the password (argon2, CSRF-protected forms, a login
session on the server, failed attempts throttled)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from marshmallow import Schema, ValidationError, fields, validate
from werkzeug.wrappers import Response

from web.security import failed_password_checks, failed_sign_ins
from web.transactions import TOKEN, require_actor, write, write_as_visitor
from workflows import people
from workflows.errors import InvalidInput, SignInRequired

bp = Blueprint("auth", __name__)
Page = str | Response | tuple[str, int]


class LoginSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=200))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))
    csrf_token = fields.String(load_default="")


class PasswordChangeSchema(Schema):
    old_password = fields.String(required=True, validate=validate.Length(min=1, max=200))
    new_password = fields.String(required=True, validate=validate.Length(min=1, max=200))
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
    flash(f"Welkom, {signed_in.actor.name}.")
    return redirect(safe_next(request.args.get("volgende")))


@bp.post("/uitloggen")
def logout() -> Response:
    write_as_visitor(people.sign_out, token=str(session.get(TOKEN, "")))
    session.clear()
    flash("U bent uitgelogd.")
    return redirect(url_for("public.home"))


@bp.route("/wachtwoord", methods=["GET", "POST"])
@failed_password_checks
def change_password() -> Page:
    actor = require_actor()
    if request.method == "GET":
        return render_template("password.html", errors={}, actor=actor)
    try:
        form = PasswordChangeSchema().load(request.form.to_dict())
        write(people.change_password, old_password=form["old_password"],
              new_password=form["new_password"])
    except ValidationError as err:
        return render_template("password.html", errors=err.messages, actor=actor), 422
    except InvalidInput as err:
        return render_template("password.html", errors=err.fields, actor=actor), 422
    session.clear()
    flash("Uw wachtwoord is gewijzigd en u bent overal uitgelogd. Log opnieuw in.")
    return redirect(url_for("auth.login"))


def _login_page(errors: Any, status: int) -> tuple[str, int]:
    email = request.form.get("email", "")
    return render_template("login.html", errors=errors, email=email), status


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
