"""The hash chain recomputed over events held in memory, such as an exported dossier's
log: the same body and hash as when the events were appended (engine.events)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from engine.events import GENESIS, chain_hash, event_body


class ChainedEvent(Protocol):
    @property
    def seq(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def payload(self) -> str: ...
    @property
    def prev_hash(self) -> str: ...
    @property
    def hash(self) -> str: ...


def first_broken(case_id: int, events: Iterable[ChainedEvent]) -> int | None:
    """The sequence number of the first event whose link does not hold (numbering,
    previous hash or own hash); None when the whole chain holds."""
    prev, expected_seq = GENESIS, 1
    for event in events:
        try:
            payload = json.loads(event.payload)
        except ValueError:
            return event.seq  # no longer the JSON that was hashed
        body = event_body(case_id, event.seq, event.kind, event.actor, event.at, payload)
        if (event.seq != expected_seq or event.prev_hash != prev
                or chain_hash(prev, body) != event.hash):
            return event.seq
        prev, expected_seq = event.hash, expected_seq + 1
    return None
