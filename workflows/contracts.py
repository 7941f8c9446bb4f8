"""Contracts: each admitted subsegment gets a contract case of 2 years, extendable 3x."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import Application, Contract, Subsegment
from workflows import commands
from workflows.actors import Actor
from workflows.deadlines import case_terms
from workflows.uow import UnitOfWork

MAX_EXTENSIONS = 3


def start_pending_contracts(uow: UnitOfWork, actor: Actor) -> list[int]:
    """Start a `contract` case for every awarded contract that has none yet."""
    started = []
    pending = uow.session.scalars(select(Contract).where(Contract.case_id.is_(None))
                                  .order_by(Contract.id)).all()
    for contract in pending:
        app = uow.session.get(Application, contract.application_id)
        subsegment = uow.session.get(Subsegment, contract.subsegment_id)
        term = case_terms.contract_term(contract.starts_on, 0)
        contract.ends_on = date.fromisoformat(term["term_end"])
        data = {"contract_id": contract.id, "subsegment": subsegment.code if subsegment else "",
                "reference": app.reference if app else "",
                "start_date": contract.starts_on.isoformat(),
                "max_extensions": MAX_EXTENSIONS, **term}
        case = commands.start_case(uow, actor, process_id="contract", data=data,
                                provider_id=contract.provider_id,
                                parent_case_id=app.case_id if app else None)
        contract.case_id = case.id
        started.append(case.id)
    uow.session.flush()
    return started
