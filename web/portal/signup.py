"""Signing up an organisation, confirming the e-mail address and inviting colleagues.

The links in the mails open a page with a button: only the POST uses the link, so a mail
scanner that opens links does not use them up. Sign-up and resending are throttled per
address (Flask-Limiter), like failed sign-ins.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate
from werkzeug.wrappers import Response

from web.portal import bp
from web.security import limiter
from web.transactions import read, read_as_visitor, write, write_as_visitor
from workflows import signup
from workflows.errors import Conflict, InvalidInput, NotFound

Page = str | Response | tuple[str, int]
SIGNUP_LIMIT = "10/hour"


def _text(label: Any, *, maximum: int = 200, help_text: Any = "", kind: str = "text",
          autocomplete: str = "") -> fields.String:
    missing = _l("Vul dit veld in.")
    return fields.String(required=True, validate=validate.Length(
        min=1, max=maximum, error=_l("Vul dit veld in (ten hoogste %(n)s tekens).", n=maximum)),
        error_messages={"required": missing, "null": missing, "invalid": missing},
        metadata={"label": label, "help": help_text, "widget": "text", "type": kind,
                  "autocomplete": autocomplete})


def _email(label: Any) -> fields.String:
    wrong = _l("Vul een geldig e-mailadres in.")
    return fields.String(required=True, validate=[validate.Length(max=200, error=wrong),
                                                  validate.Email(error=wrong)],
                         error_messages={"required": wrong, "null": wrong, "invalid": wrong},
                         metadata={"label": label, "widget": "text", "type": "email",
                                   "autocomplete": "email"})


class ProviderSignUpSchema(Schema):
    name = _text(_l("Naam van uw organisatie"), autocomplete="organization")
    kvk_number = _text(_l("KvK-nummer"), maximum=20,
                       help_text=_l("8 cijfers, zoals op uw uittreksel van de Kamer van "
                                    "Koophandel."))
    agb_code = _text(_l("AGB-code"), maximum=20, help_text=_l("8 cijfers."))
    address = _text(_l("Adres"), maximum=300,
                    help_text=_l("Straat, huisnummer, postcode en plaats."),
                    autocomplete="street-address")
    contact_person = _text(_l("Uw naam"), help_text=_l("U wordt de beheerder van het account "
                                                      "van uw organisatie."),
                           autocomplete="name")
    email = _email(_l("Uw e-mailadres"))
    password = _text(_l("Kies een wachtwoord (minstens 12 tekens)"), kind="password",
                     autocomplete="new-password")
    csrf_token = fields.String(load_default="")


class ResendSchema(Schema):
    email = _email(_l("Uw e-mailadres"))
    csrf_token = fields.String(load_default="")


class InviteSchema(Schema):
    name = _text(_l("Naam van uw collega"))
    email = _email(_l("E-mailadres van uw collega"))
    csrf_token = fields.String(load_default="")


class AcceptSchema(Schema):
    name = _text(_l("Uw naam"), autocomplete="name")
    password = _text(_l("Kies een wachtwoord (minstens 12 tekens)"), kind="password",
                     autocomplete="new-password")
    csrf_token = fields.String(load_default="")


def _errors(err: Exception) -> Any:
    if isinstance(err, ValidationError):
        return err.messages
    if isinstance(err, InvalidInput):
        return err.fields or {"form": [err.message]}
    return {"form": [getattr(err, "message", str(err))]}


@bp.route("/aanmelden", methods=["GET", "POST"])
@limiter.limit(SIGNUP_LIMIT, methods=["POST"], scope="signup")
def sign_up() -> Page:
    schema = ProviderSignUpSchema()
    if request.method == "POST":
        try:
            form = schema.load(request.form.to_dict())
            form.pop("csrf_token")
            write_as_visitor(signup.sign_up_provider, **form,
                             confirm_url=url_for("portal.confirm", token="", _external=True))
            return redirect(url_for("portal.signed_up"))
        except (ValidationError, InvalidInput, Conflict) as err:
            values = {k: v for k, v in request.form.items() if k != "password"}
            return render_template("portal/sign_up.html", fields=schema.fields,
                                   values=values, errors=_errors(err)), 422
    return render_template("portal/sign_up.html", fields=schema.fields, values={}, errors={})


@bp.get("/aanmelden/verstuurd")
def signed_up() -> str:
    return render_template("portal/signed_up.html")


@bp.route("/bevestigen/<token>", methods=["GET", "POST"])
def confirm(token: str) -> Page:
    if request.method == "GET":
        return render_template("portal/confirm.html", errors={})
    try:
        write_as_visitor(signup.confirm_email, token=token)
    except (Conflict, NotFound) as err:
        return render_template("portal/confirm.html", errors=_errors(err)), 409
    flash(_("Uw e-mailadres is bevestigd. U kunt nu inloggen."), "success")
    return redirect(url_for("auth.login", volgende=url_for("portal.new_application")))


@bp.route("/bevestigen/opnieuw", methods=["GET", "POST"])
@limiter.limit(SIGNUP_LIMIT, methods=["POST"], scope="resend")
def resend() -> Page:
    schema = ResendSchema()
    if request.method == "POST":
        try:
            form = schema.load(request.form.to_dict())
        except ValidationError as err:
            return render_template("portal/resend.html", fields=schema.fields,
                                   values=request.form, errors=err.messages), 422
        write_as_visitor(signup.resend_confirmation, email=form["email"],
                         confirm_url=url_for("portal.confirm", token="", _external=True))
        flash(_("Als er een account met dit e-mailadres wacht op bevestiging, sturen wij "
                "een nieuwe link."), "success")
        return redirect(url_for("portal.signed_up"))
    return render_template("portal/resend.html", fields=schema.fields, values={}, errors={})


@bp.route("/collegas", methods=["GET", "POST"])
def invite() -> Page:
    schema = InviteSchema()
    read(signup.may_invite)  # refused before the form is read
    if request.method == "POST":
        try:
            form = schema.load(request.form.to_dict())
            sent = write(signup.invite_colleague, email=form["email"], name=form["name"],
                         accept_url=url_for("portal.accept", token="", _external=True))
        except (ValidationError, InvalidInput, Conflict) as err:
            return render_template("portal/invite.html", fields=schema.fields,
                                   values=request.form, errors=_errors(err)), 422
        flash(_("De uitnodiging is verstuurd naar %(email)s.", email=sent.email), "success")
        return redirect(url_for("portal.invite"))
    return render_template("portal/invite.html", fields=schema.fields, values={}, errors={})


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
def accept(token: str) -> Page:
    schema = AcceptSchema()
    invitation = read_as_visitor(signup.invitation, token=token)
    if request.method == "POST":
        try:
            form = schema.load(request.form.to_dict())
            write_as_visitor(signup.accept_invitation, token=token, name=form["name"],
                             password=form["password"])
        except (ValidationError, InvalidInput, Conflict) as err:
            values = {"name": request.form.get("name", "")}
            return render_template("portal/accept.html", fields=schema.fields, values=values,
                                   errors=_errors(err), invitation=invitation), 422
        flash(_("Uw account is klaar. Log in met uw e-mailadres en wachtwoord."), "success")
        return redirect(url_for("auth.login"))
    return render_template("portal/accept.html", fields=schema.fields,
                           values={"name": invitation.name}, errors={}, invitation=invitation)
