"""Service-task operator names -> handlers. The engine never imports this; the
application layer hands it to the engine as a caller."""

from __future__ import annotations

from handlers.context import Handler
from handlers.contracts import record_bridging_end, record_contract_end, record_contract_extension
from handlers.decisions import record_decision, record_remedy_decision
from handlers.letters import send_letter


def default_handlers() -> dict[str, Handler]:
    return {
        "send_letter": send_letter,
        "record_decision": record_decision,
        "record_remedy_decision": record_remedy_decision,
        "record_contract_extension": record_contract_extension,
        "record_contract_end": record_contract_end,
        "record_bridging_end": record_bridging_end,
    }
