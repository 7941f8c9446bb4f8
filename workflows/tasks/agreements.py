"""The user tasks of `contract` and `bridging`: extension and client transfer."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from workflows import deadlines as dl
from workflows.actors import Actor
from workflows.deadlines import case_terms as terms
from workflows.tasks import fields as f
from workflows.tasks.registry import TaskSpec


class DecideExtensionSchema(f.TaskSchema):
    extend = f.yes_no("Wordt de overeenkomst verlengd?", "Met twee jaar; ten hoogste drie keer.")
    motivation = f.text("Motivering")


class RegisterClientTransferSchema(f.TaskSchema):
    clients_remaining = f.count("Aantal cliënten dat nog bij deze aanbieder is",
                                maximum=10_000)
    transfer_note = f.text("Toelichting")


def _decide_extension(form: dict[str, Any], data: dict[str, Any], _a: Actor,
                      _now: datetime) -> dict[str, Any]:
    if not form["extend"]:
        return {}
    return terms.contract_term(date.fromisoformat(data["start_date"]), data["extensions"] + 1)


def _client_transfer(_f: dict[str, Any], data: dict[str, Any], _a: Actor,
                     now: datetime) -> dict[str, Any]:
    return terms.transfer_reminder(data, dl.local_day(now))


TASKS = (
    TaskSpec("decide_extension", "contract", "Besluiten over verlenging",
             DecideExtensionSchema, "contract_manager",
             "Besluit of de overeenkomst met twee jaar wordt verlengd.", _decide_extension,
             term="contract", decides=True, irreversible=True),
    TaskSpec("register_client_transfer", "bridging", "Overdracht cliënten registreren",
             RegisterClientTransferSchema, "contract_manager",
             "Leg vast hoeveel cliënten nog bij de aanbieder zijn.", _client_transfer,
             term="bridging"),
)
