"""Engine commands for the application layer: handlers wired in, errors made human."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from engine import clock, commands
from engine.commands import Command, Outcome
from engine.errors import EngineError, StepFailed, TaskNotReady
from engine.scripting import ServiceCaller
from handlers.context import HandlerContext
from handlers.registry import default_handlers
from models import Case
from workflows import decision_term, labels, specs
from workflows.access import require_read
from workflows.actors import SYSTEM, Actor
from workflows.deadlines import case_terms
from workflows.errors import Conflict, NotAllowed, ProcedureFailed
from workflows.running import BUSY, is_busy
from workflows.uow import UnitOfWork

log = logging.getLogger(__name__)

# Service tasks that only compute from case data (legal terms live in this layer, which
# handlers may not import); their results are logged like any other service result.
COMPUTATIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "compute_decision_term": case_terms.decision_moments,
}
# Service tasks that act through other use cases (starting cases is a command of its
# own, which handlers may not run); logged too, so a replay never acts again.
CaseService = Callable[[UnitOfWork, Actor, int], dict[str, Any]]


def _start_contracts(uow: UnitOfWork, actor: Actor, case_id: int) -> dict[str, Any]:
    from workflows import contracts  # it starts cases through this module: import late

    return {"contract_cases": contracts.start_contracts(uow, actor, case_id=case_id)}


def _start_remedy_contracts(uow: UnitOfWork, actor: Actor, case_id: int) -> dict[str, Any]:
    """An upheld objection or complaint starts the contracts its new awards made, as
    children of the admission case; the procedure starts them (the system)."""
    from workflows import contracts

    case = uow.session.get(Case, case_id)
    parent = case.parent_case_id if case is not None else None
    if parent is None:
        return {"contract_cases": []}
    return {"contract_cases": contracts.start_contracts(uow, SYSTEM, case_id=parent)}


CASE_SERVICES: dict[str, CaseService] = {
    "start_contracts": _start_contracts,
    "start_remedy_contracts": _start_remedy_contracts,
}


def _services_for(uow: UnitOfWork, case_id: int, actor: Actor,
                 extension_weeks: int | None = None) -> ServiceCaller:
    """Handlers and computations for one command; the decision-term extension (summed
    from the log) is read at most once, and not at all when the caller knows it."""
    handlers = default_handlers()
    known: dict[str, int] = {} if extension_weeks is None else {"weeks": extension_weeks}

    def call(name: str, params: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
        if name in COMPUTATIONS:
            if "weeks" not in known:
                known["weeks"] = decision_term.extension_weeks(uow, actor, case_id=case_id)
            return COMPUTATIONS[name]({**meta["data"],
                                       "decision_extension_weeks": known["weeks"]})
        if name in CASE_SERVICES:
            return CASE_SERVICES[name](uow, actor, case_id)
        handler = handlers.get(name)
        if handler is None:
            raise LookupError(f"geen handler '{name}'")
        ctx = HandlerContext(uow.session, case_id, actor.email, clock.now(), meta["task"],
                             meta["task_id"], meta["data"])
        return handler(ctx, params)

    return call


def run_command(uow: UnitOfWork, case_id: int, actor: Actor, command: Command,
                prepare: commands.Prepare | None = None,
                extension_weeks: int | None = None) -> Outcome:
    """One engine command, with engine errors turned into errors a person can act on. The
    caller decides who may give the command; here only that the actor sees the case."""
    require_read(actor, uow.session.get(Case, case_id))
    services = _services_for(uow, case_id, actor, extension_weeks)
    try:
        return commands.execute(uow.session, case_id, actor=actor.email, command=command,
                                services=services, prepare=prepare,
                                with_data=bool(extension_weeks))
    except TaskNotReady as err:
        raise Conflict("Deze taak is al afgerond of staat niet meer open. "
                       "Ververs de zaak om de actuele stand te zien.") from err
    except StepFailed as err:
        raise _failed(actor, err.task, err.reason, err.title) from err
    except StaleDataError as err:
        raise Conflict(BUSY) from err
    except DBAPIError as err:  # contention is a conflict; any other fault stays loud
        if is_busy(err):
            raise Conflict(BUSY) from err
        raise
    except EngineError as err:
        raise _failed(actor, None, str(err)) from err


def start_case(uow: UnitOfWork, actor: Actor, *, process_id: str, data: dict[str, Any],
               provider_id: int | None, parent_case_id: int | None = None) -> Case:
    """Create a case pinned to the newest deployed spec and run it to its first wait; an
    applicant only for its own organisation."""
    if actor.has("applicant") and provider_id != actor.provider_id:
        raise NotAllowed("U kunt alleen voor uw eigen organisatie een zaak beginnen.")
    now = clock.now()
    case = Case(process_id=process_id, spec_hash=specs.current_bundle(uow, actor), state="",
                status="starting", provider_id=provider_id, parent_case_id=parent_case_id,
                created_at=now, updated_at=now)
    uow.session.add(case)
    uow.session.flush()
    try:
        with clock.pinned(now):
            commands.start_case(uow.session, case, actor=actor.email, data=data,
                                services=_services_for(uow, case.id, actor))
    except StepFailed as err:
        raise _failed(actor, err.task, err.reason, err.title) from err
    except EngineError as err:
        raise _failed(actor, process_id, str(err), labels.process(process_id)) from err
    return case


def _failed(actor: Actor, task: str | None, reason: str,
            title: str | None = None) -> ProcedureFailed:
    """The failure for this reader: staff read the reason (it names data and limits); an
    applicant reads that the municipality looks into it, and the reason goes to the log."""
    log.error("stap %s mislukt voor %s: %s", task, actor.email, reason)
    if actor.has("applicant"):
        return ProcedureFailed(task, "er ging iets mis in de verwerking; de gemeente is op "
                                     "de hoogte en neemt contact met u op", title)
    return ProcedureFailed(task, reason, title)
