"""Every outcome of `quality` (KIT) and of its decision table `quality_score`.

The assessor records the four general criteria and the subsegments that meet their
specific criteria; the DMN gives `quality_passed` and `quality_finding`; a script keeps
the subsegments only when the general criteria pass. What that does to the intended
outcome shows in the data of the next task of `admission_procedure` (integrity passes).
"""

from __future__ import annotations

import pytest

from tests.integration.workflows.steps import open_tasks
from tests.integration.workflows.trail import dmn_results, open_task_data, task_history
from tests.integration.workflows.walk import BEG, BEH, OK_QUALITY, Walk


def assessed(w: Walk, criteria: dict[str, bool], specific: list[str]) -> None:
    w.submit(BEG, BEH)
    w.check()
    w.integrity()
    w.quality(*specific, **criteria)


@pytest.mark.parametrize(("criteria", "passed", "finding"), [
    pytest.param({}, True, "Voldoet aan alle KIT-criteria", id="all_criteria_met"),
    pytest.param({"governance_code": False}, False, "Governance Code Zorg 2022 niet nageleefd",
                 id="governance_code_not_followed"),
    pytest.param({"wnt_compliant": False}, False, "WNT-norm niet nageleefd",
                 id="wnt_not_complied_with"),
    pytest.param({"certified": False}, False, "Geen geldig kwaliteitscertificaat",
                 id="no_certificate"),
    pytest.param({"registrations_valid": False}, False, "Registraties (KvK/AGB) niet op orde",
                 id="registrations_not_in_order"),
    pytest.param({"governance_code": False, "wnt_compliant": False, "certified": False,
                  "registrations_valid": False}, False,
                 "Governance Code Zorg 2022 niet nageleefd", id="all_failing_names_the_first"),
    pytest.param({"certified": False, "registrations_valid": False}, False,
                 "Geen geldig kwaliteitscertificaat", id="two_failing_names_the_first"),
])
def test_the_score_table_records_passed_and_finding_for_the_criteria(walk, uow, criteria,
                                                                     passed, finding):
    assessed(walk, criteria, [BEG, BEH])
    assert dmn_results(uow, walk.case_id)[-1] == (
        "score_quality", {**OK_QUALITY, **criteria},
        {"quality_passed": passed, "quality_finding": finding})
    assert task_history(uow, walk.case_id, "quality") == [
        "quality_assessor: assess_quality_criteria", "quality_assessor: conclude_quality"]


DECIDE = ("decide_admission", "decision_maker")
VIEWS = ("prepare_views_request", "legal_counsel")


@pytest.mark.parametrize(("criteria", "specific", "kept", "intended", "next_task"), [
    pytest.param({}, [BEG, BEH], [BEG, BEH], "admitted", DECIDE, id="pass_all_subsegments"),
    pytest.param({}, [BEG], [BEG], "partly_admitted", VIEWS, id="pass_some_subsegments"),
    pytest.param({}, [], [], "refused", VIEWS, id="pass_no_subsegment"),
    pytest.param({"governance_code": False}, [BEG, BEH], [], "refused", VIEWS,
                 id="governance_fails"),
    pytest.param({"wnt_compliant": False}, [BEG, BEH], [], "refused", VIEWS, id="wnt_fails"),
    pytest.param({"certified": False}, [BEG, BEH], [], "refused", VIEWS,
                 id="certificate_fails"),
    pytest.param({"registrations_valid": False}, [BEG, BEH], [], "refused", VIEWS,
                 id="registrations_fail"),
])
def test_the_quality_outcome_sets_the_intended_outcome(walk, uow, criteria, specific, kept,
                                                       intended, next_task):
    assessed(walk, criteria, specific)
    assert open_tasks(uow, walk.case_id) == [next_task]
    data = open_task_data(uow, walk.case_id, next_task[0])
    assert (data["quality_subsegments"], data["intended_outcome"]) == (kept, intended)
