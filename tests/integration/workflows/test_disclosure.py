"""Case data per audience: Bibob signals, the own investigation, LBB advice and the
integrity reasoning reach only integrity officers, decision makers and auditors; internal
notes and assessments never reach an applicant; an applicant of another organisation
does not find the case at all. Checked for every demo case and every persona."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from engine.commands import current_data
from models import Case, User
from workflows import case_reads, demo, disclosure, people, queries
from workflows.actors import SYSTEM
from workflows.errors import NotFound
from workflows.tasks import REGISTRY

STAFF = ("screening_officer", "quality_assessor", "legal_counsel", "contract_manager",
         "admin", "integrity_officer", "decision_maker", "auditor")
# Stated here, apart from the catalogue, so that a misclassified fact fails the test.
BIBOB = {"questionnaire_complete", "red_flags", "bibob_note", "register_hits",
         "criminal_antecedents", "investigation_note", "integrity_risk", "request_lbb",
         "lbb_motivation", "lbb_advice", "lbb_advice_on", "lbb_advice_summary",
         "integrity_motivation"}
INTERNAL = {"completeness_note", "quality_note", "transfer_note", "views_assessment",
            "quality_motivation", "quality_finding", "intended_outcome", "integrity_passed",
            "decided_by"}
SEES = {"screening_officer": {"public", "internal"}, "quality_assessor": {"public", "internal"},
        "legal_counsel": {"public", "internal"}, "contract_manager": {"public", "internal"},
        "admin": {"public", "internal"}, "applicant": {"public"},
        "integrity_officer": {"public", "internal", "confidential"},
        "decision_maker": {"public", "internal", "confidential"},
        "auditor": {"public", "internal", "confidential"}}


@pytest.fixture
def demo_world(uow):
    demo.build_demo(SimpleNamespace(uow=uow))
    with uow() as u:
        ids = {u.session.scalar(select(User.id).where(User.email == f"{role}@demo.test")): role
               for role in STAFF}
        personas = {role: people.actor_for(u, SYSTEM, user_id=uid) for uid, role in ids.items()}
        cases = list(u.session.scalars(select(Case).order_by(Case.id)))
        owners = {c.id: c.provider_id for c in cases}
        applicant_ids = u.session.scalars(select(User.id).where(User.provider_id.is_not(None)))
        applicants = {a.provider_id: a for a in (
            people.actor_for(u, SYSTEM, user_id=uid) for uid in applicant_ids)}
        data = {c.id: current_data(u.session, c) for c in cases}
    return SimpleNamespace(personas=personas, owners=owners, applicants=applicants, data=data)


def test_each_persona_reads_exactly_its_levels_of_every_demo_case(uow, demo_world):
    keys = {k for data in demo_world.data.values() for k in data}
    unclassified = {k for k in keys if k not in disclosure.LEVEL_OF
                    and k not in disclosure.HIDDEN
                    and not k.startswith(disclosure.HIDDEN_PREFIXES)}
    assert unclassified == set(), "every fact of the demo is classified"
    with uow() as u:
        for case_id, provider_id in demo_world.owners.items():
            readers = {**demo_world.personas, "applicant": demo_world.applicants[provider_id]}
            for role, actor in readers.items():
                page = case_reads.show_case(u, actor, case_id=case_id)
                shown = {item.key for item in page.data}
                _assert_open_tasks_fit(role, page.open_tasks)
                levels = {disclosure.LEVEL_OF[k] for k in shown}
                assert levels <= SEES[role], (case_id, role, shown)
                if "confidential" not in SEES[role]:
                    assert not shown & BIBOB, (case_id, role)
                if role == "applicant":
                    assert not shown & INTERNAL, (case_id, role)
                expected = {k for k, level in disclosure.LEVEL_OF.items()
                            if level in SEES[role] and k in demo_world.data[case_id]}
                assert shown == expected, (case_id, role)
            other = next(a for p, a in demo_world.applicants.items() if p != provider_id)
            with pytest.raises(NotFound):
                case_reads.show_case(u, other, case_id=case_id)
    _assert_case_lists_fit(uow, demo_world)


def test_confidential_values_of_the_demo_reach_only_the_integrity_roles(uow, demo_world):
    secrets = {str(v) for data in demo_world.data.values() for k, v in data.items()
               if disclosure.LEVEL_OF.get(k) == "confidential" and isinstance(v, str) and v}
    assert secrets, "the demo has confidential texts to hide"
    with uow() as u:
        for case_id in demo_world.owners:
            for role in ("screening_officer", "legal_counsel", "admin"):
                page = case_reads.show_case(u, demo_world.personas[role], case_id=case_id)
                texts = {item.text for item in page.data}
                assert not texts & secrets, (case_id, role)
            full = case_reads.show_case(u, SYSTEM, case_id=case_id)
            assert {i.key for i in full.data} >= {
                k for k in demo_world.data[case_id] if k in disclosure.LEVEL_OF}


APPLICANT_TASKS = {"supplement_application", "submit_views", "Aanvraag aanvullen",
                   "Zienswijze geven"}
INTEGRITY_TASKS = {"review_bibob_questionnaire", "own_investigation", "decide_lbb_request",
                   "register_lbb_advice", "register_lbb_extension", "conclude_integrity"}


def _assert_open_tasks_fit(role, tasks):
    """Which integrity step is open reveals the risk table's outcome (an LBB question is
    only considered after signals): outside the integrity roles it is one assessment."""
    steps = {t.bpmn_id for t in tasks} | {t.label for t in tasks} | {t.name for t in tasks}
    if "confidential" not in SEES[role]:
        assert not steps & (INTEGRITY_TASKS | {REGISTRY[t].label for t in INTEGRITY_TASKS})
    if role == "applicant":
        assert all(t.lane == "applicant" for t in tasks), role


def _assert_case_lists_fit(uow, demo_world):
    with uow() as u:
        for applicant in list(demo_world.applicants.values())[:3]:
            readers = {**demo_world.personas, "applicant": applicant}
            for role, actor in readers.items():
                for row in queries.list_cases(u, actor, page_size=200).rows:
                    shown = set(row.task_labels) | set(row.open_tasks)
                    if "confidential" not in SEES[role]:
                        assert not shown & (INTEGRITY_TASKS | {
                            REGISTRY[t].label for t in INTEGRITY_TASKS}), (role, row)
                    if role == "applicant":
                        assert not shown - APPLICANT_TASKS, (role, row)
