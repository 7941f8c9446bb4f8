"""`verify` finds every row the log vouches for changed without an event, in every demo
case: the case row's status and completion, open and done task rows, decision columns
(outcome, dates, revocation), awards, contracts and bridging agreements. Each is named
by the case and sequence number of the event that should have written the row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import not_, select, update

from models import Award, BridgingAgreement, Case, Contract, Decision, HumanTask, Subsegment
from workflows import verification
from workflows.actors import SYSTEM
from workflows.record_checks import DECISION_SERVICES, EXTENSION
from workflows.verification import TAMPERED, Verdict

from . import tamper


@pytest.fixture(scope="module")
def built(world):
    yield from tamper.build(world["engine"])


def tampered_at(built, changes):
    """For each (name, change) with change(session) -> (case, seq) of the event that
    vouches for the changed row: the verdict of that case, each change rolled back."""
    found, expected = {}, {}
    for name, change in changes:
        with built.uow() as u:
            case_id, seq = change(u.session)
            found[name] = verification.verify_case(u, SYSTEM, case_id=case_id)
            expected[name] = Verdict(case_id, TAMPERED, seq)
    assert expected, "nothing to change"
    return found, expected


def set_row(session, model, row_id, **values):
    session.execute(update(model).where(model.id == row_id).values(**values)
                    .execution_options(synchronize_session=False))


@pytest.mark.parametrize("column", ["status", "completed"])
def test_a_changed_case_row_is_found_at_the_last_command(built, column):
    def change(session, case):
        value = {"status": "refused" if case.status != "refused" else "admitted",
                 "completed": not_(Case.completed)}[column]
        set_row(session, Case, case.case_id, **{column: value})

    assert tamper.verdicts(built, change) == {
        c.case_id: Verdict(c.case_id, TAMPERED, c.last_command) for c in built.cases}


def task_changes(session, cases, how):
    for case in cases:
        rows = session.scalars(select(HumanTask).where(HumanTask.case_id == case.case_id)
                               .order_by(HumanTask.id)).all()
        open_rows = [r for r in rows if r.completed_at is None]
        if how == "done" and open_rows:
            yield f"{case.case_id}", open_rows[0].id, case.case_id, case.last_command
        if how == "claimed" and open_rows:  # found at its last hand-over, if it had one
            seq = max((e.seq for e in _events(session, case.case_id)
                       if e.kind.startswith("task_") and e.kind != "task_completed"
                       and open_rows[0].task_id in e.payload), default=case.last_command)
            yield f"{case.case_id}", open_rows[0].id, case.case_id, seq
        done = [r for r in rows if r.outcome == "completed"]
        if how == "done_by_another" and done:
            seq = next(e.seq for e in _events(session, case.case_id)
                       if e.kind == "task_completed" and done[-1].task_id in e.payload)
            yield f"{case.case_id}", done[-1].id, case.case_id, seq


def _events(session, case_id):
    from models import CaseEvent

    return session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)
                           .order_by(CaseEvent.seq)).all()


@pytest.mark.parametrize("how, values", [
    ("done", {"outcome": "completed", "completed_by": "mallory@example.test"}),
    ("done", {"outcome": "cancelled", "completed_by": None}),
    ("claimed", {"assignee": "mallory@example.test"}),
    ("done", {"lane": "admin"}),
    ("done", {"due_at": datetime(2030, 1, 1, tzinfo=UTC)}),
    ("done_by_another", {"completed_by": "mallory@example.test"}),
])
def test_a_changed_task_row_is_found(built, how, values):
    with built.uow() as u:
        targets = list(task_changes(u.session, built.cases, how))
    assert len(targets) >= 5

    def changer(row_id, case_id, seq):
        def change(session):
            extra = {}
            if "outcome" in values:
                at = session.scalar(select(Case.updated_at).where(Case.id == case_id))
                extra = {"completed_at": at}
            set_row(session, HumanTask, row_id, **values, **extra)
            return case_id, seq
        return change

    found, expected = tampered_at(built, [(name, changer(*rest)) for name, *rest in targets])
    assert found == expected


def decision_event(session, decision):
    """(case, seq) of the event that made the decision row."""
    if decision.kind == "contract_extension":
        rows = session.scalars(select(Decision.id).where(
            Decision.case_id == decision.case_id, Decision.kind == decision.kind)
            .order_by(Decision.id)).all()
        calls = tamper.logged_calls(session, decision.case_id, EXTENSION)
        return decision.case_id, calls[list(rows).index(decision.id)][0].seq
    event = next(e for e, result in tamper.logged_calls(session, None, *DECISION_SERVICES)
                 if result["decision_id"] == decision.id)
    return event.case_id, event.seq


@pytest.mark.parametrize("column", ["revoked_at", "revoked_reason", "expiry_date",
                                    "effective_date", "decided_at", "outcome"])
def test_a_changed_decision_column_is_found_at_the_event_that_made_it(built, column):
    def changer(decision_id):
        def change(session):
            row = session.get(Decision, decision_id)
            value = {"revoked_at": row.decided_at, "revoked_reason": "ingetrokken",
                     "expiry_date": (row.expiry_date or row.decided_at.date())
                     + timedelta(days=1),
                     "effective_date": (row.effective_date or row.decided_at.date())
                     - timedelta(days=1),
                     "decided_at": row.decided_at + timedelta(seconds=1),
                     "outcome": row.outcome + "_niet"}[column]
            where = decision_event(session, row)
            set_row(session, Decision, decision_id, **{column: value})
            return where
        return change

    with built.uow() as u:
        ids = u.session.scalars(select(Decision.id).order_by(Decision.id)).all()
        kinds = set(u.session.scalars(select(Decision.kind)))
    assert {"admission", "contract_extension"} <= kinds
    found, expected = tampered_at(built, [(i, changer(i)) for i in ids])
    assert found == expected


def contract_event(session, case_id, *services):
    calls = tamper.logged_calls(session, case_id, *services)
    return case_id, calls[-1][0].seq if calls else 1


@pytest.mark.parametrize("column", ["ends_on", "starts_on", "extensions", "ended_on"])
def test_a_changed_contract_row_is_found(built, column):
    def changer(contract_id):
        def change(session):
            row = session.get(Contract, contract_id)
            value = {"ends_on": row.ends_on + timedelta(days=1),
                     "starts_on": row.starts_on - timedelta(days=1),
                     "extensions": row.extensions + 1,
                     "ended_on": row.ends_on - timedelta(days=1)}[column]
            where = contract_event(session, row.case_id, EXTENSION, "record_contract_end")
            set_row(session, Contract, contract_id, **{column: value})
            return where
        return change

    with built.uow() as u:
        ids = u.session.scalars(select(Contract.id).where(Contract.case_id.is_not(None))).all()
    found, expected = tampered_at(built, [(i, changer(i)) for i in ids])
    assert found == expected


@pytest.mark.parametrize("column", ["clients", "ends_on", "ended_on"])
def test_a_changed_bridging_agreement_is_found(built, column):
    def changer(agreement_id):
        def change(session):
            row = session.get(BridgingAgreement, agreement_id)
            value = {"clients": row.clients + 1, "ends_on": row.ends_on + timedelta(days=1),
                     "ended_on": row.starts_on}[column]
            where = contract_event(session, row.case_id, "record_bridging_end")
            set_row(session, BridgingAgreement, agreement_id, **{column: value})
            return where
        return change

    with built.uow() as u:
        ids = u.session.scalars(select(BridgingAgreement.id)).all()
    found, expected = tampered_at(built, [(i, changer(i)) for i in ids])
    assert found == expected


def test_an_award_moved_to_a_subsegment_not_admitted_is_found_at_its_decision(built):
    def changer(award_id):
        def change(session):
            award = session.get(Award, award_id)
            decision = session.get(Decision, award.decision_id)
            other = session.scalars(select(Subsegment.id).where(
                Subsegment.code.not_in(list(_admitted(decision))))).first()
            set_row(session, Award, award_id, subsegment_id=other)
            case_id, seq = decision_event(session, decision)
            return (case_id, seq) if case_id == decision.case_id else (decision.case_id,
                                                                      _last(session, case_id))
        return change

    with built.uow() as u:
        ids = u.session.scalars(select(Award.id)).all()
    found, expected = tampered_at(built, [(i, changer(i)) for i in ids])
    assert found == expected


def _admitted(decision):
    import json

    return {c for c, o in json.loads(decision.outcome_per_subsegment).items() if o == "admitted"}


def _last(session, case_id):
    return _events(session, case_id)[-1].seq
