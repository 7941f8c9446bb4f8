"""Users, provider organisations and signing in. Passwords are hashed with argon2.

A sign-in opens a login session kept here, not only in the browser: the cookie carries a
random token and this table its sha256. Signing out or changing the password ends the
session on the server, so a copied cookie stops working at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update

from engine import clock
from models import LoginSession, Provider, User, UserRole
from models.people import ROLES
from workflows.access import require_role
from workflows.actors import Actor
from workflows.errors import Conflict, InvalidInput, SignInRequired
from workflows.uow import UnitOfWork

# Who acts before signing in: holds no role, so every use case that checks one refuses.
ANONYMOUS = Actor(email="anonymous", name="Bezoeker")
SESSION_IDLE_LIMIT = timedelta(hours=8)  # a workday; the CSRF token lives as long
TOUCH_INTERVAL = timedelta(minutes=5)  # last_seen_at is written at most this often
MIN_PASSWORD_LENGTH = 12
BAD_CREDENTIALS = "Onjuist e-mailadres of wachtwoord."


@dataclass(frozen=True)
class ProviderView:
    provider_id: int
    name: str
    kvk_number: str


def register_provider(uow: UnitOfWork, actor: Actor, *, name: str, kvk_number: str,
                      agb_code: str, email: str) -> ProviderView:
    """Register an applicant organisation by its KvK number (one per number)."""
    require_role(actor, "admin", "system", "screening_officer")
    if not (kvk_number.isdigit() and len(kvk_number) == 8):
        raise InvalidInput("Ongeldig KvK-nummer.", {"kvk_number": ["8 cijfers"]})
    if uow.session.scalars(select(Provider).where(Provider.kvk_number == kvk_number)).first():
        raise Conflict(f"Er is al een aanbieder met KvK-nummer {kvk_number}.")
    provider = Provider(name=name, kvk_number=kvk_number, agb_code=agb_code, email=email)
    uow.session.add(provider)
    uow.session.flush()
    return ProviderView(provider.id, provider.name, provider.kvk_number)


def create_user(uow: UnitOfWork, actor: Actor, *, email: str, name: str, password: str,
                roles: list[str], provider_id: int | None = None,
                org_admin: bool = False) -> Actor:
    """Create a user with roles; an applicant belongs to exactly one provider (its
    `org_admin` invites colleagues)."""
    require_role(actor, "admin", "system")
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise InvalidInput("Onbekende of geen rollen.", {"roles": sorted(unknown) or ["leeg"]})
    if ("applicant" in roles) != (provider_id is not None):
        raise InvalidInput("Een aanvrager hoort bij precies één aanbieder.",
                           {"provider_id": ["verplicht voor aanvragers, anders leeg"]})
    email = email.strip().lower()
    if uow.session.scalars(select(User).where(User.email == email)).first():
        raise Conflict(f"Er is al een gebruiker {email}.")
    user = User(email=email, name=name, password_hash=PasswordHasher().hash(password),
                provider_id=provider_id, org_admin=org_admin and provider_id is not None,
                roles=[UserRole(role=r) for r in sorted(set(roles))])
    uow.session.add(user)
    uow.session.flush()
    return _actor(user)


def actor_for(uow: UnitOfWork, actor: Actor, *, user_id: int) -> Actor | None:
    """The user as an actor, for admins and the system (scripts, tests); None if unknown."""
    require_role(actor, "admin", "system")
    user = uow.session.get(User, user_id)
    return _actor(user) if user else None


def _actor(user: User) -> Actor:
    return Actor(email=user.email, name=user.name, roles=frozenset(r.role for r in user.roles),
                 user_id=user.id, provider_id=user.provider_id)


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    token: str  # handed out once, for the cookie; the database keeps only its sha256


@dataclass(frozen=True)
class ResumedSession:
    actor: Actor
    needs_touch: bool  # last_seen_at is older than TOUCH_INTERVAL


def sign_in(uow: UnitOfWork, actor: Actor, *, email: str, password: str) -> SignedIn:
    """Check the credentials (one message for every failure: no user probing) and open a
    login session for them."""
    user = uow.session.scalars(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        _dummy_verify(password)  # as slow as a wrong password, so timing tells nothing
        raise SignInRequired(BAD_CREDENTIALS)
    if not _verify(user.password_hash, password):
        raise SignInRequired(BAD_CREDENTIALS)
    if user.pending_confirmation:
        raise SignInRequired("Bevestig eerst uw e-mailadres met de link in de e-mail die wij "
                             "u stuurden.")
    if PasswordHasher().check_needs_rehash(user.password_hash):
        user.password_hash = PasswordHasher().hash(password)
    token, now = secrets.token_urlsafe(32), clock.now()
    uow.session.add(LoginSession(token_sha256=_sha256(token), user_id=user.id,
                                 created_at=now, last_seen_at=now))
    uow.session.flush()
    return SignedIn(_actor(user), token)


def resume_session(uow: UnitOfWork, actor: Actor, *, token: str) -> ResumedSession | None:
    """The person behind a session token, or None when it ended or sat idle too long."""
    row = _open_session(uow, token)
    now = clock.now()
    if row is None or now - row.last_seen_at > SESSION_IDLE_LIMIT:
        return None
    user = uow.session.get(User, row.user_id)
    if user is None:
        return None
    return ResumedSession(_actor(user), now - row.last_seen_at > TOUCH_INTERVAL)


def touch_session(uow: UnitOfWork, actor: Actor, *, token: str) -> None:
    """Record that the session is still in use (it ends after SESSION_IDLE_LIMIT idle)."""
    row = _open_session(uow, token)
    if row is not None:
        row.last_seen_at = clock.now()


def sign_out(uow: UnitOfWork, actor: Actor, *, token: str) -> None:
    """End the login session of this token, for every copy of the cookie."""
    row = _open_session(uow, token)
    if row is not None:
        row.ended_at = clock.now()


def change_password(uow: UnitOfWork, actor: Actor, *, old_password: str,
                    new_password: str) -> None:
    """Replace the actor's password after checking the old one, and end every login
    session of the actor (a stolen cookie or a forgotten browser is signed out too)."""
    user = uow.session.get(User, actor.user_id) if actor.user_id is not None else None
    if user is None:
        raise SignInRequired("Log eerst in.")
    if not _verify(user.password_hash, old_password):
        raise InvalidInput("Het huidige wachtwoord klopt niet.",
                           {"old_password": ["Het huidige wachtwoord klopt niet."]})
    if len(new_password) < MIN_PASSWORD_LENGTH or new_password == old_password:
        message = (f"Kies een nieuw wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens, "
                   "anders dan het huidige.")
        raise InvalidInput(message, {"new_password": [message]})
    user.password_hash = PasswordHasher().hash(new_password)
    uow.session.execute(update(LoginSession).where(
        LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .values(ended_at=clock.now()))


def _open_session(uow: UnitOfWork, token: str) -> LoginSession | None:
    return uow.session.scalars(select(LoginSession).where(
        LoginSession.token_sha256 == _sha256(token), LoginSession.ended_at.is_(None))).first()


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _verify(password_hash: str, password: str) -> bool:
    try:
        return PasswordHasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return PasswordHasher().hash(secrets.token_hex(16))


def _dummy_verify(password: str) -> None:
    _verify(_dummy_hash(), password)
