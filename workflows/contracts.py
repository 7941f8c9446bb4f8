"""Contracts: each admitted subsegment gets a contract case of 2 years, extendable 3x."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import Application, Contract, Subsegment
from workflows import commands
from workflows.access import require_role
from workflows.actors import Actor
from workflows.deadlines import case_terms
from workflows.uow import UnitOfWork

MAX_EXTENSIONS = 3


def start_contracts(uow: UnitOfWork, actor: Actor, *, case_id: int) -> list[int]:
    """Start a `contract` case for each contract the decision in admission case `case_id`
    awarded; called by the decision's service task, so it runs once per decision."""
    require_role(actor, "decision_maker", "system")
    rows = uow.session.execute(
        select(Contract, Application, Subsegment.code)
        .join(Application, Application.id == Contract.application_id)
        .join(Subsegment, Subsegment.id == Contract.subsegment_id)
        .where(Application.case_id == case_id, Contract.case_id.is_(None))
        .order_by(Contract.id)).all()
    started = []
    for contract, app, subsegment in rows:
        term = case_terms.contract_term(contract.starts_on, 0)
        contract.ends_on = date.fromisoformat(term["term_end"])
        data = {"contract_id": contract.id, "subsegment": subsegment,
                "reference": app.reference, "start_date": contract.starts_on.isoformat(),
                "max_extensions": MAX_EXTENSIONS, **term}
        case = commands.start_case(uow, actor, process_id="contract", data=data,
                                   provider_id=contract.provider_id, parent_case_id=case_id)
        contract.case_id = case.id
        started.append(case.id)
    uow.session.flush()
    return started
