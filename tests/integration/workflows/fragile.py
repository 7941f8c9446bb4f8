"""A small test procedure whose script and handler fail on demand.

`decide_extension` (form: extend, motivation) is followed by a script dividing by
len(motivation) and a `send_letter` whose kind is the motivation: "" breaks the script,
"bogus" breaks the handler, "withdrawal_confirmation" goes through to
`register_client_transfer`.
"""

from __future__ import annotations

from pathlib import Path

from engine.specs import SpecSource
from workflows import commands, specs
from workflows.actors import SYSTEM, Actor
from workflows.uow import UnitOfWork

FRAGILE = Path(__file__).resolve().parents[2] / "data" / "fragile.bpmn"


def deploy_fragile(u: UnitOfWork) -> str:
    return specs.deploy_specs(u, SYSTEM, sources=[SpecSource(FRAGILE.name, FRAGILE.read_bytes())])


def start_fragile(u: UnitOfWork, applicant: Actor) -> int:
    deploy_fragile(u)
    case = commands.start_case(u, SYSTEM, process_id="fragile", data={"reference": "F-1"},
                             provider_id=applicant.provider_id)
    return case.id
