"""Lodging an objection (Awb model) or a complaint (civil model): only the applicant's own
organisation (or an officer registering one that came on paper), only against a decided
case, only within its term, only about subsegments that were not admitted. The word is
"bezwaar" or "klacht", in every message and label."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.integration.workflows.test_paths_objection import (
    MODELS,
    lodge,
    partly_admitted,
    set_model,
)
from tests.integration.workflows.trail import case_state
from tests.integration.workflows.walk import BEG, BEH, Walk
from tests.raw_codes import raw_codes_in
from workflows import case_reads
from workflows.actors import SYSTEM
from workflows.errors import Conflict, InvalidInput, NotAllowed, NotFound, ToelatingError

WORD = {"awb": "bezwaar", "civil": "klacht"}
LAST_DAY = datetime(2026, 4, 13, 9, tzinfo=UTC)  # six weeks after Monday 2 March


@pytest.fixture(params=sorted(MODELS))
def model(request, uow):
    set_model(uow, request.param)
    return request.param


def refused(w: Walk, error: type[ToelatingError], model: str, role: str = "applicant_a",
            codes: tuple[str, ...] = (BEH,), **kw) -> str:
    with pytest.raises(ToelatingError) as caught:
        lodge(w, *codes, role=role, **kw)
    assert type(caught.value) is error, caught.value.message
    assert raw_codes_in(caught.value.message) == set()
    assert WORD[model] in caught.value.message or error is NotFound
    return caught.value.message


def test_the_applicant_lodges_within_the_term_and_legal_counsel_gets_the_case(walk, uow,
                                                                              model):
    admission = partly_admitted(walk)
    walk.now = LAST_DAY
    remedy = lodge(walk, BEH)
    with uow() as u:
        view = case_reads.case_summary(u, SYSTEM, case_id=remedy)
    assert view.process_id == MODELS[model]
    assert view.process_label == {"awb": "Bezwaar", "civil": "Klacht"}[model]
    assert [(t.lane, t.label) for t in view.open_tasks] == [
        ("legal_counsel", {"awb": "Bezwaarmaker horen", "civil": "Klager horen"}[model])]
    assert WORD[model] in view.status_label.lower()
    assert case_state(uow, admission).completed is False  # its objection period still runs


def test_nothing_can_be_lodged_before_the_decision(walk, model):
    walk.submit(BEG, BEH)
    assert "nog niet besloten" in refused(walk, Conflict, model)


def test_nothing_can_be_lodged_after_the_term(walk, model):
    partly_admitted(walk)
    walk.expire()  # the admission's objection period ends (13 April, midnight)
    assert "13 april 2026" in refused(walk, Conflict, model)


@pytest.mark.parametrize(("posted", "received", "awb_on_time"), [
    (date(2026, 4, 13), date(2026, 4, 20), True),  # Awb 6:9 lid 2: posted in time
    (date(2026, 4, 13), date(2026, 4, 21), False),  # more than a week after the term
    (date(2026, 4, 14), date(2026, 4, 15), False),  # posted too late
])
def test_an_officer_registers_one_received_by_post_on_time_by_awb_6_9(walk, model, posted,
                                                                      received, awb_on_time):
    partly_admitted(walk)
    walk.now = datetime(2026, 4, 22, 9, tzinfo=UTC)
    kw = {"role": "legal_counsel", "posted_on": posted, "received_on": received}
    if model == "awb" and awb_on_time:
        lodge(walk, BEH, **kw)
    else:  # the civil model counts receipt only
        refused(walk, Conflict, model, **kw)


@pytest.mark.parametrize(("role", "error"), [
    ("applicant_b", NotFound), ("auditor", NotAllowed), ("contract_manager", NotAllowed),
    ("decision_maker", NotAllowed), ("admin", NotAllowed)])
def test_only_the_own_organisation_or_a_registrar_may_lodge(walk, model, role, error):
    partly_admitted(walk)
    refused(walk, error, model, role=role)


def test_an_applicant_cannot_backdate_its_receipt(walk, model):
    partly_admitted(walk)
    refused(walk, NotAllowed, model, received_on=date(2026, 3, 2))


@pytest.mark.parametrize("codes", [(BEG,), ("wonen_gezinshuis",), ()],
                         ids=["admitted", "not-applied", "none"])
def test_only_subsegments_that_were_not_admitted_can_be_named(walk, model, codes):
    partly_admitted(walk)
    refused(walk, InvalidInput, model, codes=codes)


def test_the_grounds_are_required(walk, uow, model):
    partly_admitted(walk)
    refused(walk, InvalidInput, model, grounds="  ")


def test_one_at_a_time_against_a_decision(walk, model):
    partly_admitted(walk)
    lodge(walk, BEH)
    assert "al een" in refused(walk, Conflict, model)


def test_an_objection_case_is_not_itself_objected_to(walk, model):
    partly_admitted(walk)
    walk.follow(lodge(walk, BEH))
    refused(walk, NotFound, model)
