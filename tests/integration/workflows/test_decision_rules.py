"""The decision follows the procedure: what the decision maker may and may not decide."""

from __future__ import annotations

import pytest

from tests.integration.workflows.walk import BEG, BEH
from workflows.errors import InvalidInput


def assessed(walk, *codes_meeting):
    walk.submit(BEG, BEH)
    walk.check()
    walk.integrity()
    walk.quality(*codes_meeting)


@pytest.mark.parametrize(("outcome", "codes", "field"), [
    ("refused", [], "outcome"),
    ("partly_admitted", [BEG], "outcome"),
    ("admitted", [BEG], "outcome"),
    ("admitted", [BEG, BEH, "wonen_gezinshuis"], "admitted_subsegments"),
    ("not_considered", [], "outcome"),
], ids=["refuse-without-views", "partly-without-views", "admitted-but-not-all",
        "admit-what-was-not-applied-for", "not-considered-when-complete"])
def test_a_decision_against_the_procedure_is_refused_and_the_task_stays_open(
        walk, outcome, codes, field):
    assessed(walk, BEG, BEH)  # everything passes: the intended outcome is admitted
    with pytest.raises(InvalidInput) as caught:
        walk.decide(outcome, *codes)
    assert field in caught.value.fields
    walk.decide("admitted", BEG, BEH)


def test_quality_cannot_pass_a_subsegment_that_was_not_applied_for(walk):
    walk.submit(BEG)
    walk.check()
    with pytest.raises(InvalidInput) as caught:
        walk.quality(BEG, "wonen_gezinshuis")
    assert caught.value.fields == {
        "subsegments_meeting_specific_criteria": [
            "Kies alleen subsegmenten waarvoor de aanvraag is gedaan."]}


def test_a_duplicated_subsegment_does_not_fake_a_full_admission(walk):
    from tests.integration.workflows.steps import open_tasks

    assessed(walk, BEG, BEG)  # one subsegment passed, entered twice
    assert ("prepare_views_request", "legal_counsel") in open_tasks(walk.uow, walk.case_id)
