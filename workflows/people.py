"""Users and provider organisations. Passwords are hashed with argon2."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from models import Provider, User, UserRole
from models.people import ROLES
from workflows.access import require_role
from workflows.actors import Actor
from workflows.errors import Conflict, InvalidInput, NotAllowed
from workflows.uow import UnitOfWork


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
                roles: list[str], provider_id: int | None = None) -> Actor:
    """Create a user with roles; an applicant belongs to exactly one provider."""
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
                provider_id=provider_id, roles=[UserRole(role=r) for r in sorted(set(roles))])
    uow.session.add(user)
    uow.session.flush()
    return _actor(user)


def authenticate(uow: UnitOfWork, *, email: str, password: str) -> Actor:
    """The actor for valid credentials; one message for every failure (no user probing)."""
    user = uow.session.scalars(select(User).where(User.email == email.strip().lower())).first()
    try:
        if user is None or not PasswordHasher().verify(user.password_hash, password):
            raise NotAllowed("Onjuist e-mailadres of wachtwoord.")
    except (VerificationError, InvalidHashError) as err:
        raise NotAllowed("Onjuist e-mailadres of wachtwoord.") from err
    return _actor(user)


def actor_for(uow: UnitOfWork, user_id: int) -> Actor | None:
    user = uow.session.get(User, user_id)
    return _actor(user) if user else None


def _actor(user: User) -> Actor:
    return Actor(email=user.email, name=user.name, roles=frozenset(r.role for r in user.roles),
                 user_id=user.id, provider_id=user.provider_id)
