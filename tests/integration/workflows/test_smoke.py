from __future__ import annotations

from tests.integration.workflows.steps import do, open_tasks
from workflows import registration


def test_admission_happy_path_reaches_decision(uow, actors, window_id):
    with uow() as u:
        view = registration.submit_application(u, actors["applicant_a"], window_id=window_id,
                                               subsegment_codes=["ambulant_begeleiding"])
        u.commit()
    case_id = view.case_id
    assert open_tasks(uow, case_id) == [("check_completeness", "screening_officer")]
    do(uow, actors["screening_officer"], case_id, "check_completeness", complete=True)
    assert open_tasks(uow, case_id) == [("assess_quality_criteria", "quality_assessor"),
                                        ("review_bibob_questionnaire", "integrity_officer")]
