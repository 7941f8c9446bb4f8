"""Chain anchors: the head of every case's log, recorded apart from the case row (daily
by the worker and on demand) and exportable as JSON lines to keep elsewhere.

A cut log whose head on the case row was adjusted, or a chain re-hashed after an edit,
still verifies on its own; it no longer reaches an anchor taken before the change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select

from engine import clock
from models import Case, CaseEvent, ChainAnchor
from workflows.access import require_role
from workflows.actors import Actor
from workflows.errors import InvalidInput
from workflows.uow import UnitOfWork

HASH_LENGTH = 64


@dataclass(frozen=True)
class Anchor:
    case_id: int
    seq: int
    hash: str
    at: datetime

    def line(self) -> str:
        return json.dumps({"case": self.case_id, "seq": self.seq, "hash": self.hash,
                           "at": self.at.isoformat()}, sort_keys=True)


def anchor_chains(uow: UnitOfWork, actor: Actor) -> int:
    """Record the head of every log that moved since its last anchor; returns how many.
    A head the log itself does not end in (its event has another hash) is not anchored."""
    require_role(actor, "admin", "system")
    latest = (select(ChainAnchor.case_id, func.max(ChainAnchor.seq).label("seq"))
              .group_by(ChainAnchor.case_id).subquery())
    heads = uow.session.execute(
        select(Case.id, Case.event_seq, Case.event_hash)
        .join(CaseEvent, (CaseEvent.case_id == Case.id) & (CaseEvent.seq == Case.event_seq)
              & (CaseEvent.hash == Case.event_hash))
        .outerjoin(latest, latest.c.case_id == Case.id)
        .where(Case.event_seq > func.coalesce(latest.c.seq, 0))
        .order_by(Case.id)).all()
    now = clock.now()
    if heads:
        uow.session.execute(insert(ChainAnchor), [
            {"case_id": case_id, "seq": seq, "hash": digest, "anchored_at": now}
            for case_id, seq, digest in heads])
    return len(heads)


def last_anchored_at(uow: UnitOfWork, actor: Actor) -> datetime | None:
    """When the newest anchor was taken (the worker anchors once a day)."""
    require_role(actor, "admin", "system")
    moment: datetime | None = uow.session.scalar(select(func.max(ChainAnchor.anchored_at)))
    return moment


def all_anchors(uow: UnitOfWork, actor: Actor) -> list[Anchor]:
    """Every anchor, oldest first: what `toelating anchor --export` writes."""
    require_role(actor, "auditor", "admin", "system")
    rows = uow.session.execute(select(
        ChainAnchor.case_id, ChainAnchor.seq, ChainAnchor.hash, ChainAnchor.anchored_at)
        .order_by(ChainAnchor.id)).all()
    return [Anchor(*row) for row in rows]


def anchors_of(uow: UnitOfWork, case_id: int) -> list[Anchor]:
    rows = uow.session.execute(select(
        ChainAnchor.case_id, ChainAnchor.seq, ChainAnchor.hash, ChainAnchor.anchored_at)
        .where(ChainAnchor.case_id == case_id).order_by(ChainAnchor.seq)).all()
    return [Anchor(*row) for row in rows]


def anchored_case_ids(uow: UnitOfWork) -> set[int]:
    return set(uow.session.scalars(select(ChainAnchor.case_id).distinct()))


def first_unmet(anchors: Iterable[Anchor], hashes: Sequence[str]) -> int | None:
    """The first sequence number where the log no longer reaches an anchor: past its end
    (cut) or with another hash at the anchored event (re-hashed). `hashes[i]` is the hash
    of event i + 1."""
    found = []
    for anchor in anchors:
        if anchor.seq > len(hashes):
            found.append(len(hashes) + 1)
        elif hashes[anchor.seq - 1] != anchor.hash:
            found.append(anchor.seq)
    return min(found, default=None)


def parse_anchor_lines(lines: Iterable[str], source: str) -> list[Anchor]:
    """Read an exported anchor file; a line that is not an anchor fails the whole file."""
    found = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            found.append(_anchor(json.loads(line)))
        except (ValueError, TypeError, KeyError) as err:
            message = f"Regel {number} van {source} is geen anker."
            raise InvalidInput(message, {"anchors": [message]}) from err
    return found


def _anchor(value: dict[str, object]) -> Anchor:
    case_id, seq, digest = value["case"], value["seq"], value["hash"]
    if not (isinstance(case_id, int) and isinstance(seq, int) and isinstance(digest, str)
            and case_id > 0 and seq > 0 and len(digest) == HASH_LENGTH):
        raise ValueError("geen anker")
    return Anchor(case_id, seq, digest, datetime.fromisoformat(str(value["at"])))
