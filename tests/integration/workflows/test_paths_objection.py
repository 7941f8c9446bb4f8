"""Every path of `objection` (Awb model: bezwaar) and `complaint` (civil model: klacht):
receipt confirmed, hearing (or waived), advice, the decision within its legal term, and
when upheld a new decision that admits the upheld subsegments.

The admission is decided on Monday 2 March 2026 (BEG admitted, BEH refused, or both
refused); the objection or complaint is lodged a week later, on Monday 9 March.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from models import Award, CaseEvent, Region, Subsegment
from tests.integration.workflows.steps import open_tasks
from tests.integration.workflows.trail import (
    case_state,
    chain_break,
    child_cases,
    letters,
    log_lines,
    task_dues,
)
from tests.integration.workflows.walk import BEG, BEH, Walk
from workflows import audit, case_deadlines, objections
from workflows import deadlines as dl
from workflows.actors import SYSTEM

MODELS = {"awb": "objection", "civil": "complaint"}
HEAR = {"objection": "hear_objector", "complaint": "hear_complainant"}
ADVISE = {"objection": "advise_on_objection", "complaint": "advise_on_complaint"}
# Awb 7:10: six weeks after the objection term (13 April), Whit Monday 25 May moves it to
# the 26th (Atw); civil: the region's six weeks after receipt (9 March), no Atw.
DUE = {"awb": datetime(2026, 5, 26, 22, tzinfo=UTC), "civil": datetime(2026, 4, 20, 22, tzinfo=UTC)}


def set_model(uow, model: str) -> None:
    with uow() as u:
        u.session.execute(update(Region).values(legal_model=model))
        u.commit()


def partly_admitted(w: Walk) -> int:
    w.submit(BEG, BEH)
    w.check()
    w.integrity()
    w.quality(BEG)
    w.ask_views()
    w.give_views()
    w.assess_views()
    w.decide("partly_admitted", BEG)
    return w.case_id


def lodge(w: Walk, *codes: str, waived: bool = False, role: str = "applicant_a",
          grounds: str = "Wij voldoen wel aan de kwaliteitscriteria.", **kw) -> int:
    # Walk.run, not a guarded one: who may lodge is no lane (see test_objections.py).
    view = Walk.run(w, objections.lodge_objection, role, case_id=w.case_id, subsegments=list(codes),
                 grounds=grounds, hearing_waived=waived,
                 **kw)
    return view.case_id


def hear(w: Walk, process: str) -> None:
    w.do("legal_counsel", HEAR[process], hearing_held_on="2026-03-09",
         hearing_report="De indiener lichtte de certificaten toe.")


def advise(w: Walk, process: str, outcome: str, **extra) -> None:
    data = {"advised_by": "legal_counsel", "advice": "Het bezwaar slaagt.",
            "advised_outcome": outcome, **extra}
    if process == "objection":
        data.setdefault("extension_weeks", 0)
    w.do("legal_counsel", ADVISE[process], **data)


def decide(w: Walk, process: str, outcome: str, *codes: str) -> None:
    w.do("legal_counsel", f"decide_{process}", remedy_outcome=outcome,
         upheld_subsegments=list(codes), remedy_reasons=f"Beslissing: {outcome}.")


def awarded(uow, admission: int) -> list[str]:
    from models import Application
    with uow() as u:
        return sorted(set(u.session.scalars(select(Subsegment.code).join(
            Award, Award.subsegment_id == Subsegment.id).join(
            Application, Application.id == Award.application_id)
            .where(Application.case_id == admission))))


@dataclass(frozen=True)
class Path:
    admission: Callable[[Walk], int]
    objected: tuple[str, ...]
    waived: bool
    outcome: str
    upheld: tuple[str, ...]


PATHS = [
    pytest.param(Path(partly_admitted, (BEH,), False, "upheld", (BEH,)), id="heard-upheld"),
    pytest.param(Path(lambda w: w.refused_after_views(BEG, BEH), (BEG, BEH), True,
                      "partly_upheld", (BEH,)), id="waived-partly-upheld"),
    pytest.param(Path(partly_admitted, (BEH,), False, "dismissed", ()), id="heard-dismissed"),
    pytest.param(Path(partly_admitted, (BEH,), True, "not_admissible", ()),
                 id="waived-not-admissible"),
]


def walk_path(w: Walk, uow, model: str, path: Path) -> tuple[int, int]:
    set_model(uow, model)
    process = MODELS[model]
    admission = path.admission(w)
    w.later(days=7)
    remedy = w.follow(lodge(w, *path.objected, waived=path.waived))
    if not path.waived:
        assert open_tasks(uow, remedy) == [(HEAR[process], "legal_counsel")]
        hear(w, process)
    advise(w, process, path.outcome)
    decide(w, process, path.outcome, *path.upheld)
    return admission, remedy


def _letter_params(uow, case_id: int, kind: str) -> dict:
    """The parameters the diagram gave send_letter for a kind, as the log recorded them."""
    with uow() as u:
        for payload in u.session.scalars(select(CaseEvent.payload).where(
                CaseEvent.case_id == case_id, CaseEvent.kind == "service_called")
                .order_by(CaseEvent.seq)):
            call = json.loads(payload)
            if call["service"] == "send_letter" and call["params"].get("kind") == kind:
                return call["params"]
    raise AssertionError(f"no {kind} letter in case {case_id}")


@pytest.mark.parametrize("model", sorted(MODELS))
@pytest.mark.parametrize("path", PATHS)
def test_each_path_ends_in_its_outcome_with_letters_and_a_verifiable_log(walk, uow, model,
                                                                         path):
    admission, remedy = walk_path(walk, uow, model, path)
    process = MODELS[model]
    state = case_state(uow, remedy)
    assert (state.status, state.completed) == (path.outcome, True)
    upholds = path.outcome in ("upheld", "partly_upheld")
    assert log_lines(uow, remedy) == [
        f"started {process}", "service_called send_letter(objection_receipt)",
        *([] if path.waived else [f"task_completed {HEAR[process]}"]),
        f"task_completed {ADVISE[process]}", f"task_completed decide_{process}",
        *(["service_called record_remedy_decision", "service_called start_remedy_contracts"]
          if upholds else []),
        "service_called send_letter(objection_decision)"]
    sent = letters(uow, remedy)
    assert [s["kind"] for s in sent] == ["objection_receipt", "objection_decision"]
    word = {"awb": "bezwaar", "civil": "klacht"}[model]
    assert [s["subject"].split(" (")[0] for s in sent] == [
        f"Ontvangstbevestiging van uw {word}", f"Beslissing op uw {word}"]
    assert _letter_params(uow, remedy, "objection_decision")["data"] == {
        "upheld": upholds, "outcome": path.outcome, "reasons": f"Beslissing: {path.outcome}.",
        "model": model, "subsegments": list(path.upheld)}
    assert chain_break(uow, remedy) is None
    with uow() as u:
        assert audit.replay_case(u, SYSTEM, case_id=remedy).matches
        assert audit.verify_chains(u, SYSTEM) is None


@pytest.mark.parametrize("model", sorted(MODELS))
@pytest.mark.parametrize("path", PATHS)
def test_upheld_admits_the_upheld_subsegments_and_dismissed_changes_nothing(walk, uow, model,
                                                                           path):
    admission, _remedy = walk_path(walk, uow, model, path)
    before = [BEG] if path.admission is partly_admitted else []
    assert awarded(uow, admission) == sorted({*before, *path.upheld})
    contracts = child_cases(uow, admission, "contract")
    assert len(contracts) == len(before) + len(path.upheld)
    with uow() as u:
        history = objections.decision_history(u, SYSTEM, case_id=admission)
    kinds = [(d.kind, d.outcome, d.outcome_per_subsegment) for d in history]
    assert kinds[1:] == ([(MODELS[model], path.outcome, dict.fromkeys(path.upheld, "admitted"))]
                         if path.upheld else [])


@pytest.mark.parametrize(("model", "committee", "weeks", "due"), [
    ("awb", "legal_counsel", 0, DUE["awb"]),
    ("awb", "committee", 0, datetime(2026, 7, 6, 22, tzinfo=UTC)),  # 12 weeks (7:10 lid 1)
    ("awb", "legal_counsel", 6, datetime(2026, 7, 6, 22, tzinfo=UTC)),  # verdaagd (lid 3)
    ("civil", "committee", None, DUE["civil"]),  # the region's term, whoever advises
])
def test_the_decision_is_due_by_the_legal_clock(walk, uow, model, committee, weeks, due):
    set_model(uow, model)
    process = MODELS[model]
    partly_admitted(walk)
    walk.later(days=7)
    remedy = walk.follow(lodge(walk, BEH))
    assert task_dues(uow, remedy, HEAR[process]) == [DUE[model]]
    hear(walk, process)
    extra = {} if weeks is None else {"extension_weeks": weeks}
    advise(walk, process, "dismissed", advised_by=committee, **extra)
    assert task_dues(uow, remedy, f"decide_{process}") == [due]
    with uow() as u:
        (shown,) = case_deadlines.open_deadlines(u, SYSTEM, case_id=remedy).deadlines
    word = {"awb": "bezwaar", "civil": "klacht"}[model]
    assert (shown.name, dl.moment_after(shown.last_day)) == (f"Beslistermijn {word}", due)
    assert shown.regime == {"awb": "statute", "civil": "contract"}[model]


def test_an_altered_decision_on_an_objection_is_found_at_the_event_that_made_it(walk, uow):
    from models import CaseEvent, Decision

    _admission, remedy = walk_path(walk, uow, "awb", PATHS[0].values[0])
    with uow() as u:
        decision = u.session.scalars(select(Decision).where(Decision.kind == "objection")).one()
        decision.outcome_per_subsegment = '{"ambulant_begeleiding": "admitted"}'
        made_at = u.session.scalars(select(CaseEvent.seq).where(
            CaseEvent.case_id == remedy, CaseEvent.kind == "service_called",
            CaseEvent.payload.contains('"record_remedy_decision"'))).one()
        assert audit.verify_chains(u, SYSTEM) == audit.BrokenChain(remedy, made_at)
