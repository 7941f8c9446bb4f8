"""`toelating verify`: per case, the hash chain, the anchors it must still reach, the
records and projections it vouches for, and (asked for) a replay against the stored
state. One verdict per case; a damaged log is a verdict, never an exception."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from engine import replay as engine_replay
from engine.errors import EngineError
from models import Case, CaseEvent
from workflows import anchors as chain_anchors
from workflows.access import require_role
from workflows.actors import Actor
from workflows.case_log import Logged, last_command_seq, read_log
from workflows.errors import NotFound
from workflows.projection_checks import altered_projections
from workflows.record_checks import UNREADABLE, altered_records
from workflows.uow import UnitOfWork

OK, TAMPERED, DIVERGES = "ok", "tampered", "diverges"


@dataclass(frozen=True)
class Verdict:
    case_id: int
    outcome: str
    seq: int | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == OK


def verify_cases(uow: UnitOfWork, actor: Actor, *, case_ids: Sequence[int] = (),
                 replay: bool = False, anchors: Sequence[chain_anchors.Anchor] = (),
                 progress: Callable[[int], None] = lambda _n: None) -> list[Verdict]:
    """Verify the given cases (all, and every anchored one, when none are given) against
    their log, the anchors table and the exported `anchors`; with `replay`, also replay
    each log and compare it with the stored state."""
    require_role(actor, "auditor", "admin", "system")
    verdicts = []
    for case_id in _chosen(uow, case_ids, anchors):
        verdicts.append(verify_case(uow, actor, case_id=case_id, replay=replay,
                                    anchors=[a for a in anchors if a.case_id == case_id]))
        progress(1)
    return verdicts


def verified_case_ids(uow: UnitOfWork, actor: Actor, *, case_ids: Sequence[int] = (),
                      anchors: Sequence[chain_anchors.Anchor] = ()) -> list[int]:
    """The cases `verify_cases` will look at (for a progress bar of the right length)."""
    require_role(actor, "auditor", "admin", "system")
    return _chosen(uow, case_ids, anchors)


def _chosen(uow: UnitOfWork, case_ids: Sequence[int],
            anchors: Sequence[chain_anchors.Anchor]) -> list[int]:
    known = set(uow.session.scalars(select(Case.id)))
    anchored = chain_anchors.anchored_case_ids(uow) | {a.case_id for a in anchors}
    if not case_ids:
        return sorted(known | anchored)
    unknown = [c for c in case_ids if c not in known and c not in anchored]
    if unknown:
        raise NotFound(f"Zaak {unknown[0]} bestaat niet.")
    return sorted(set(case_ids))


def verify_case(uow: UnitOfWork, actor: Actor, *, case_id: int, replay: bool = False,
                anchors: Sequence[chain_anchors.Anchor] = ()) -> Verdict:
    """One case's verdict: altered (at the first sequence number found), diverging on
    replay (only asked with `replay`), or ok."""
    require_role(actor, "auditor", "admin", "system")
    try:
        seq = _tampered_at(uow, case_id, anchors)
    except UNREADABLE:
        seq = _last_seq(uow, case_id)  # a row holds a value its column type cannot
    if seq is not None:
        return Verdict(case_id, TAMPERED, seq)
    if replay:
        seq = _diverges_at(uow, case_id)
        if seq is not None:
            return Verdict(case_id, DIVERGES, seq)
    return Verdict(case_id, OK)


def _tampered_at(uow: UnitOfWork, case_id: int,
                 exported: Sequence[chain_anchors.Anchor]) -> int | None:
    case = uow.session.get(Case, case_id)
    if case is None:
        return 1  # anchored, so it existed: its whole log is gone
    seq = engine_replay.first_broken_link(uow.session, case_id) or _past_head(uow, case)
    if seq is not None:
        return seq
    log = read_log(uow, case_id)
    seq = chain_anchors.first_unmet([*chain_anchors.anchors_of(uow, case_id), *exported],
                                    [e.hash for e in log])
    if seq is not None:
        return seq
    try:
        return (altered_records(uow, case, log)
                or altered_projections(uow, case, log))
    except (EngineError, KeyError, AttributeError):
        return last_command_seq(log)  # the state, or a logged result, is not what it was


def _past_head(uow: UnitOfWork, case: Case) -> int | None:
    """Events beyond the head on the case row were added behind the engine's back. The log
    is read before the head again: a command committing meanwhile moves both at once."""
    last = uow.session.scalar(select(func.max(CaseEvent.seq))
                              .where(CaseEvent.case_id == case.id)) or 0
    head = uow.session.scalar(select(Case.event_seq).where(Case.id == case.id)) or 0
    return head + 1 if last > head else None


def _diverges_at(uow: UnitOfWork, case_id: int) -> int | None:
    log: list[Logged] = read_log(uow, case_id)
    stored = uow.session.scalar(select(Case.state).where(Case.id == case_id))
    try:
        state = engine_replay.replay(uow.session, case_id)
    except engine_replay.ReplayMismatch as err:
        return err.seq or last_command_seq(log)
    except EngineError:
        return last_command_seq(log)
    return None if state == stored else last_command_seq(log)


def _last_seq(uow: UnitOfWork, case_id: int) -> int:
    seqs = uow.session.scalars(select(CaseEvent.seq).where(CaseEvent.case_id == case_id))
    return max(seqs, default=1)
