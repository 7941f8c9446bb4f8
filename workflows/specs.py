"""Deploying the procedure: the BPMN and DMN files of a directory as one bundle."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from engine import store
from engine.errors import SpecError
from engine.specs import SpecSource
from models import SpecBundle
from workflows.access import require_role
from workflows.actors import OFFICER_ROLES, Actor
from workflows.errors import InvalidInput, NotFound
from workflows.uow import UnitOfWork

SPEC_SUFFIXES = (".bpmn", ".dmn")


def read_directory(directory: Path) -> list[SpecSource]:
    files = sorted(p for p in directory.iterdir() if p.suffix in SPEC_SUFFIXES)
    return [SpecSource(p.name, p.read_bytes()) for p in files]


def deploy_specs(uow: UnitOfWork, actor: Actor, *, sources: list[SpecSource]) -> str:
    """Lint, parse and store the procedure; refused with the file and element at fault."""
    require_role(actor, "admin", "system")
    if not sources:
        raise InvalidInput("Geen BPMN- of DMN-bestanden gevonden.")
    try:
        return store.deploy(uow.session, sources)
    except SpecError as err:
        raise InvalidInput(f"Niet gedeployed: {err}", {err.filename: [err.message]}) from err


def current_bundle(uow: UnitOfWork, actor: Actor) -> str:
    """The newest deployed procedure, which a new case pins; auditors start nothing."""
    require_role(actor, "system", "admin", "applicant", *OFFICER_ROLES)
    row = uow.session.scalars(select(SpecBundle).order_by(SpecBundle.deployed_at.desc(),
                                                          SpecBundle.sha256).limit(1)).first()
    if row is None:
        raise NotFound("Er is nog geen procedure gedeployed: voer 'toelating init' uit.")
    return row.sha256
