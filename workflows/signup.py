"""Organisations sign up in the portal, confirm their e-mail address and invite colleagues.

The mail carries a random token; only its sha256 is kept (`account_token`), each link is
used once and expires. Mail goes through the outbox, so a rolled-back sign-up sends
nothing. Until the address is confirmed the account cannot sign in (`people.sign_in`).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import select

from engine import clock
from models import AccountToken, Outbox, Provider, User, UserRole
from workflows.actors import Actor
from workflows.errors import Conflict, InvalidInput, NotAllowed, NotFound, long_moment
from workflows.people import MIN_PASSWORD_LENGTH
from workflows.uow import UnitOfWork

CONFIRMATION_VALID = timedelta(hours=48)
INVITATION_VALID = timedelta(days=7)
EXPIRED = "Deze link is verlopen. Vraag een nieuwe link aan."
UNKNOWN_LINK = "Deze link is niet (meer) geldig."
SUBJECTS = {"confirm": "Bevestig uw e-mailadres voor Toelating",
            "invite": "Uitnodiging voor Toelating"}
INTROS = {"confirm": "U heeft {organisation} aangemeld bij Toelating jeugdhulp. Bevestig uw "
                     "e-mailadres; daarna kunt u inloggen en toelating aanvragen.",
          "invite": "U bent uitgenodigd om namens {organisation} te werken in Toelating "
                    "jeugdhulp. Kies via de link uw wachtwoord; daarna kunt u inloggen."}


@dataclass(frozen=True)
class SignedUp:
    provider_id: int
    email: str


@dataclass(frozen=True)
class InvitationView:
    email: str
    name: str
    organisation: str
    expires_at: datetime


def check_kvk_number(kvk_number: str) -> str:
    """A KvK number is 8 digits (the Handelsregister's own check; no checksum since 2009)."""
    number = kvk_number.strip().replace(" ", "")
    if not (len(number) == 8 and number.isascii() and number.isdigit()) or number == "0" * 8:
        raise InvalidInput("Het KvK-nummer klopt niet.",
                           {"kvk_number": ["Een KvK-nummer bestaat uit 8 cijfers."]})
    return number


def _check_agb(agb_code: str) -> None:
    if not (len(agb_code) == 8 and agb_code.isascii() and agb_code.isdigit()):
        raise InvalidInput("De AGB-code klopt niet.",
                           {"agb_code": ["Een AGB-code bestaat uit 8 cijfers."]})


def _all_at_once(*checks: Callable[[], Any]) -> list[Any]:
    """Every check's result; or every problem in one error, so the form shows them all
    in one round instead of one per try."""
    results, problems = [], {}
    for check in checks:
        try:
            results.append(check())
        except InvalidInput as err:
            problems.update(err.fields or {"form": [err.message]})
    if problems:
        raise InvalidInput("Niet alles is goed ingevuld.", problems)
    return results


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        message = f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens."
        raise InvalidInput(message, {"password": [message]})


def sign_up_provider(uow: UnitOfWork, actor: Actor, *, name: str, kvk_number: str,
                     agb_code: str, address: str, contact_person: str, email: str,
                     password: str, confirm_url: str) -> SignedUp:
    """A new organisation with its first user, its admin; the user confirms the e-mail
    address through the mailed link (valid 48 hours) before signing in."""
    kvk = _all_at_once(lambda: check_kvk_number(kvk_number), lambda: _check_agb(agb_code),
                       lambda: _check_password(password))[0]
    email = email.strip().lower()
    if uow.session.scalars(select(Provider.id).where(Provider.kvk_number == kvk)).first():
        raise Conflict("Deze organisatie heeft al een account. Vraag de beheerder van uw "
                       "organisatie om een uitnodiging.")
    if uow.session.scalars(select(User.id).where(User.email == email)).first():
        raise Conflict("Met dit e-mailadres bestaat al een account. Log in of gebruik een "
                       "ander e-mailadres.")
    provider = Provider(name=name, kvk_number=kvk, agb_code=agb_code, email=email,
                        address=address, contact_person=contact_person)
    uow.session.add(provider)
    uow.session.flush()
    user = User(email=email, name=contact_person, password_hash=PasswordHasher().hash(password),
                provider_id=provider.id, pending_confirmation=True, org_admin=True,
                roles=[UserRole(role="applicant")])
    uow.session.add(user)
    uow.session.flush()
    _send_link(uow, "confirm", provider.id, user.id, email, contact_person, email,
               confirm_url, CONFIRMATION_VALID)
    return SignedUp(provider.id, email)


def confirm_email(uow: UnitOfWork, actor: Actor, *, token: str) -> str:
    """Confirm the e-mail address of the link's account; from now on it can sign in."""
    row = _usable(uow, token, "confirm")
    user = uow.session.get(User, row.user_id) if row.user_id is not None else None
    if user is None:
        raise NotFound(UNKNOWN_LINK)
    user.pending_confirmation = False
    row.used_at = clock.now()
    return user.email


def resend_confirmation(uow: UnitOfWork, actor: Actor, *, email: str,
                        confirm_url: str) -> None:
    """Mail a new confirmation link to an unconfirmed account; silent for any other
    address, so nobody learns which addresses have an account."""
    user = uow.session.scalars(select(User).where(
        User.email == email.strip().lower(), User.pending_confirmation.is_(True))).first()
    if user is None or user.provider_id is None:
        return
    _send_link(uow, "confirm", user.provider_id, user.id, user.email, user.name,
               user.email, confirm_url, CONFIRMATION_VALID)


def may_invite(uow: UnitOfWork, actor: Actor) -> None:
    """Refuse anyone but the organisation's admin (the invitation screen)."""
    _inviter(uow, actor)


def _inviter(uow: UnitOfWork, actor: Actor) -> User:
    inviter = uow.session.get(User, actor.user_id) if actor.user_id is not None else None
    if inviter is None or not inviter.org_admin or inviter.provider_id is None:
        raise NotAllowed("Alleen de beheerder van uw organisatie kan collega's uitnodigen.")
    return inviter


def invite_colleague(uow: UnitOfWork, actor: Actor, *, email: str, name: str,
                     accept_url: str) -> InvitationView:
    """The organisation's admin invites a colleague by mail; the link is valid 7 days."""
    inviter = _inviter(uow, actor)
    assert inviter.provider_id is not None  # checked by _inviter
    email = email.strip().lower()
    if uow.session.scalars(select(User.id).where(User.email == email)).first():
        raise Conflict("Met dit e-mailadres bestaat al een account.")
    expires = _send_link(uow, "invite", inviter.provider_id, None, email, name, actor.email,
                         accept_url, INVITATION_VALID)
    provider = uow.session.get(Provider, inviter.provider_id)
    return InvitationView(email, name, provider.name if provider else "", expires)


def invitation(uow: UnitOfWork, actor: Actor, *, token: str) -> InvitationView:
    """What an invitation link offers (refused when used or expired)."""
    row = _usable(uow, token, "invite")
    provider = uow.session.get(Provider, row.provider_id)
    return InvitationView(row.email, row.name, provider.name if provider else "",
                          row.expires_at)


def accept_invitation(uow: UnitOfWork, actor: Actor, *, token: str, name: str,
                      password: str) -> str:
    """The invited colleague sets a password and becomes an applicant of the organisation."""
    row = _usable(uow, token, "invite")
    _check_password(password)
    if uow.session.scalars(select(User.id).where(User.email == row.email)).first():
        raise Conflict("Met dit e-mailadres bestaat al een account.")
    uow.session.add(User(email=row.email, name=name or row.name,
                         password_hash=PasswordHasher().hash(password),
                         provider_id=row.provider_id, roles=[UserRole(role="applicant")]))
    row.used_at = clock.now()
    uow.session.flush()
    return row.email


def _usable(uow: UnitOfWork, token: str, kind: str) -> AccountToken:
    row = uow.session.scalars(select(AccountToken).where(
        AccountToken.token_sha256 == _sha256(token), AccountToken.kind == kind)).first()
    if row is None or row.used_at is not None:
        raise NotFound(UNKNOWN_LINK)
    if clock.now() >= row.expires_at:
        raise Conflict(EXPIRED)
    return row


def _send_link(uow: UnitOfWork, kind: str, provider_id: int, user_id: int | None, email: str,
               name: str, by: str, base_url: str, valid: timedelta) -> datetime:
    token, now = secrets.token_urlsafe(32), clock.now()
    uow.session.add(AccountToken(token_sha256=_sha256(token), kind=kind,
                                 provider_id=provider_id, user_id=user_id, email=email,
                                 name=name, created_by=by, created_at=now,
                                 expires_at=now + valid))
    subject = SUBJECTS[kind]
    provider = uow.session.get(Provider, provider_id)
    organisation = provider.name if provider is not None else ""
    body = (f"Beste {name},\n\n{INTROS[kind].format(organisation=organisation)}\n\n"
            f"Open deze link:\n{base_url + token}\n\n"
            f"De link is geldig tot {long_moment(now + valid)}. Daarna kunt u een nieuwe link "
            "aanvragen.\n\nHeeft u hier niet om gevraagd? Dan kunt u deze e-mail negeren.\n\n"
            "Met vriendelijke groet,\nToelating jeugdhulp\n")
    payload = {"kind": f"account_{kind}", "to": email, "link": base_url + token,
               "subject": subject, "body": body}
    uow.session.add(Outbox(kind="mail", idempotency_key=f"account/{kind}/{_sha256(token)}",
                           payload=json.dumps(payload, sort_keys=True), created_at=now,
                           next_attempt_at=now))
    uow.session.flush()
    return now + valid


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
