"""A test procedure that sleeps until `wake_at`, then sends a letter to its provider.

Without a provider the letter handler fails, which makes a tick fail on demand."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from engine.specs import SpecSource
from workflows import commands, specs
from workflows.actors import SYSTEM
from workflows.uow import UnitOfWork

SLEEPER = Path(__file__).resolve().parents[2] / "data" / "sleeper.bpmn"


def deploy_sleeper(u: UnitOfWork) -> str:
    return specs.deploy_specs(u, SYSTEM, sources=[SpecSource(SLEEPER.name, SLEEPER.read_bytes())])


def start_sleeper(u: UnitOfWork, wake_at: datetime, provider_id: int | None) -> int:
    case = commands.start_case(u, SYSTEM, process_id="sleeper",
                             data={"wake_at": wake_at.isoformat(), "reference": "S-1"},
                             provider_id=provider_id)
    return case.id
