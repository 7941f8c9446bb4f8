"""A small test procedure whose script turns form data into a script bomb on demand.

`register_client_transfer` (form: clients_remaining up to 10,000, transfer_note) is followed by
`compute_from_form`, which picks its computation by the transfer note: "repeat", "list", "power",
"join", "replace", "comprehension" and "slow" each make something too big or run too
long for n = clients_remaining; any other transfer note computes `n * 2` and the case is done.
"""

from __future__ import annotations

from pathlib import Path

from engine.specs import SpecSource
from workflows import commands, specs
from workflows.actors import SYSTEM, Actor
from workflows.uow import UnitOfWork

BOUNDED = Path(__file__).resolve().parents[2] / "data" / "bounded.bpmn"


def deploy_bounded(u: UnitOfWork) -> str:
    return specs.deploy_specs(u, SYSTEM, sources=[SpecSource(BOUNDED.name, BOUNDED.read_bytes())])


def start_bounded(u: UnitOfWork, applicant: Actor) -> int:
    case = commands.start_case(u, SYSTEM, process_id="bounded", data={"reference": "B-1"},
                               provider_id=applicant.provider_id)
    return case.id
