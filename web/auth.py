"""Signing in and out (argon2-checked password, CSRF-protected forms)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from marshmallow import Schema, ValidationError, fields, validate
from werkzeug.wrappers import Response

from web.deps import db
from workflows import people
from workflows.errors import NotAllowed

bp = Blueprint("auth", __name__)


class LoginSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=200))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))
    csrf_token = fields.String(load_default="")


@bp.route("/inloggen", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    if request.method == "GET":
        return render_template("login.html", errors={}, email="")
    try:
        form = LoginSchema().load(request.form.to_dict())
    except ValidationError as err:
        return render_template("login.html", errors=err.messages,
                               email=request.form.get("email", "")), 422
    try:
        with db().reader() as uow:
            actor = people.authenticate(uow, email=form["email"], password=form["password"])
    except NotAllowed as err:
        return render_template("login.html", errors={"form": [err.message]},
                               email=form["email"]), 401
    session.clear()
    session["user_id"] = actor.user_id
    flash(f"Welkom, {actor.name}.")
    return redirect(url_for("cases.index"))


@bp.post("/uitloggen")
def logout() -> Response:
    session.clear()
    flash("U bent uitgelogd.")
    return redirect(url_for("public.home"))
