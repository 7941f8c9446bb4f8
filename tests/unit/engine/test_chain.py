"""The hash chain recomputed over events in memory (an exported dossier's log)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from engine.chain import first_broken
from engine.events import GENESIS, canonical, chain_hash, event_body
from workflows.dossier.layout import ExportedEvent

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def chained(case_id: int, payloads: list[dict[str, object]]) -> list[ExportedEvent]:
    events, prev = [], GENESIS
    for seq, payload in enumerate(payloads, start=1):
        digest = chain_hash(prev, event_body(case_id, seq, "tick", "system", AT, payload))
        events.append(ExportedEvent(seq, "tick", "system", AT, canonical(payload), prev,
                                    digest))
        prev = digest
    return events


def test_an_intact_chain_has_no_broken_link():
    assert first_broken(7, chained(7, [{"a": 1}, {"b": 2}, {"c": 3}])) is None


@pytest.mark.parametrize(("seq", "change", "named"), [
    (2, {"payload": '{"b":3}'}, 2), (2, {"payload": "{niet json"}, 2),
    (3, {"actor": "iemand"}, 3), (2, {"seq": 5}, 5), (3, {"prev_hash": GENESIS}, 3),
    (1, {"at": AT.replace(minute=31)}, 1)])
def test_the_first_altered_event_is_named_by_its_sequence_number(seq, change, named):
    events = chained(7, [{"a": 1}, {"b": 2}, {"c": 3}])
    events[seq - 1] = replace(events[seq - 1], **change)
    assert first_broken(7, events) == named


def test_a_chain_moved_to_another_case_breaks_at_its_first_event():
    assert first_broken(8, chained(7, [{"a": 1}])) == 1
