"""Officers' actions outside the diagram's task screens: who may take them, the event
each leaves in the case history and what they do to the legal terms."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from freezegun import freeze_time

from engine import store
from engine.commands import current_data
from engine.store import PendingEvent
from models import Case
from tests.integration.workflows.steps import open_task
from tests.integration.workflows.walk import BEG, Walk
from workflows import case_actions, case_page, decision_term
from workflows.errors import Conflict, InvalidInput, NotAllowed, NotFound


def data_of(walk: Walk) -> dict:
    with walk.uow() as u:
        return current_data(u.session, u.session.get(Case, walk.case_id))


def timeline(walk: Walk, role: str) -> list[str]:
    page = walk.run(case_page.show_case_page, role, case_id=walk.case_id)
    return [f"{e.text} | {e.detail} | {e.role_label}" for e in page.timeline.entries]


def lbb_asked(walk: Walk) -> None:
    walk.submit(BEG)
    walk.check()
    walk.screen(antecedents=True)
    walk.do("integrity_officer", "decide_lbb_request", request_lbb=True,
            lbb_motivation="Antecedenten gevonden.")


def test_supplement_request_suspends_decision_term(walk):
    walk.submit(BEG)
    before = data_of(walk)["decision_last_day"]
    last = walk.run(case_actions.request_supplement, "screening_officer",
                    case_id=walk.case_id, missing_items=["Jaarrekening 2025", " "],
                    note="Gebeld met de aanvrager.")
    data = data_of(walk)
    assert last == date(2026, 3, 16)  # two weeks after Monday 2 March 2026
    assert data["missing_items"] == ["Jaarrekening 2025"]
    assert data["decision_last_day"] > before
    open_task(walk.uow, walk.case_id, "supplement_application")
    assert ("Verzoek om aanvulling: de aanvraag is niet volledig | Ontbreekt: Jaarrekening "
            "2025 | Behandelaar toelating") in timeline(walk, "screening_officer")


def test_supplement_request_needs_the_screening_role_an_item_and_the_completeness_check(walk):
    walk.submit(BEG)
    with pytest.raises(NotAllowed):
        walk.run(case_actions.request_supplement, "quality_assessor", case_id=walk.case_id,
                 missing_items=["Jaarrekening"])
    with pytest.raises(InvalidInput) as err:
        walk.run(case_actions.request_supplement, "screening_officer", case_id=walk.case_id,
                 missing_items=["  "])
    assert "missing_items" in err.value.fields
    walk.check()
    with pytest.raises(Conflict):
        walk.run(case_actions.request_supplement, "screening_officer", case_id=walk.case_id,
                 missing_items=["Jaarrekening"])


def test_notice_of_default_and_extension_show_in_the_timeline(walk):
    walk.submit(BEG)
    walk.later(days=3)
    walk.run(decision_term.register_notice_of_default, "screening_officer",
             case_id=walk.case_id, received_on=date(2026, 3, 4))
    last = walk.run(decision_term.extend_decision_term, "legal_counsel", case_id=walk.case_id,
                    weeks=2, reason="Advies van een deskundige nodig.")
    entries = timeline(walk, "quality_assessor")
    assert entries[0] == ("Beslistermijn verdaagd met 2 weken | Advies van een "
                          "deskundige nodig. | Jurist")
    assert entries[1] == ("Ingebrekestelling ontvangen | Ontvangen op woensdag 4 maart "
                          "2026. | Behandelaar toelating")
    page = walk.run(case_page.show_case_page, "legal_counsel", case_id=walk.case_id)
    assert page.deadlines.deadlines[0].last_day == last


def test_lbb_questions_are_recorded_for_the_integrity_roles_only(walk):
    lbb_asked(walk)
    walk.later(days=7)
    walk.run(case_actions.record_lbb_questions, "integrity_officer", case_id=walk.case_id,
             questions=["Wie financiert de overname?"], asked_on=date(2026, 3, 5))
    assert timeline(walk, "integrity_officer")[0] == (
        "Vragen van het LBB aan de aanvrager vastgelegd | Gesteld op donderdag 5 maart 2026: "
        "Wie financiert de overname? | Integriteitsbeoordelaar")
    masked = timeline(walk, "screening_officer")
    assert not any("financiert" in e for e in masked)
    assert masked[0].startswith("Vertrouwelijk gegeven over het advies van het LBB")
    with pytest.raises(NotAllowed):
        walk.run(case_actions.record_lbb_questions, "screening_officer", case_id=walk.case_id,
                 questions=["?"], asked_on=date(2026, 3, 5))


def test_lbb_questions_need_a_running_lbb_request_and_a_sensible_day(walk):
    walk.submit(BEG)
    with pytest.raises(Conflict):
        walk.run(case_actions.record_lbb_questions, "integrity_officer", case_id=walk.case_id,
                 questions=["Vraag"], asked_on=date(2026, 3, 2))
    with pytest.raises(InvalidInput) as err:
        walk.run(case_actions.record_lbb_questions, "integrity_officer", case_id=walk.case_id,
                 questions=[], asked_on=date(2030, 1, 1))
    assert set(err.value.fields) == {"questions", "asked_on"}


def test_internal_notes_are_for_staff_and_confidential_on_integrity_tasks(walk):
    lbb_asked(walk)
    walk.run(case_actions.add_internal_note, "quality_assessor", case_id=walk.case_id,
             text="Certificaat loopt in mei af.")
    integrity_task = open_task(walk.uow, walk.case_id, "register_lbb_advice")
    with pytest.raises(InvalidInput):
        walk.run(case_actions.add_internal_note, "screening_officer", case_id=walk.case_id,
                 text="Mag ik dit?", task_id=integrity_task)
    walk.run(case_actions.add_internal_note, "integrity_officer", case_id=walk.case_id,
             text="Bel het LBB vrijdag.", task_id=integrity_task)
    for role in ("applicant_a", "auditor"):
        with pytest.raises(NotAllowed):
            walk.run(case_actions.add_internal_note, role, case_id=walk.case_id, text="x")
    with pytest.raises(NotFound):
        walk.run(case_actions.add_internal_note, "applicant_b", case_id=walk.case_id, text="x")
    own = walk.run(case_page.show_case_page, "integrity_officer", case_id=walk.case_id)
    assert [n.detail for n in own.notes.entries] == ["Bel het LBB vrijdag.",
                                            "Certificaat loopt in mei af."]
    other = walk.run(case_page.show_case_page, "screening_officer", case_id=walk.case_id)
    assert other.notes.entries[0].text == "Vertrouwelijke notitie bij de integriteitstoets"
    assert "vrijdag" not in repr(other)


def test_a_note_is_refused_when_empty_or_too_long(walk):
    walk.submit(BEG)
    for text in ("   ", "x" * 5001):
        with freeze_time(walk.now), pytest.raises(InvalidInput):
            walk.run(case_actions.add_internal_note, "screening_officer",
                     case_id=walk.case_id, text=text)


def test_assignment_events_read_as_words_and_integrity_tasks_stay_masked(walk):
    lbb_asked(walk)
    task_id = open_task(walk.uow, walk.case_id, "register_lbb_advice")
    with freeze_time(walk.now), walk.uow() as u:
        store.lock_case(u.session, walk.case_id)
        store.append_events(u.session, walk.case_id, "integrity_officer@test.example",
                            walk.now, [PendingEvent("task_distributed", {
                                "task_id": task_id, "task": "register_lbb_advice",
                                "assignee": "decision_maker_2@test.example",
                                "previous": None, "reason": "Vakantie"})])
        u.commit()
    inner = timeline(walk, "integrity_officer")[0]
    assert inner == ("Taak toegewezen door coördinator | Taak: LBB-advies registreren. "
                     "Reden: Vakantie | Integriteitsbeoordelaar")
    outer = timeline(walk, "quality_assessor")[0]
    assert outer.startswith("Werkverdeling in de integriteitstoets gewijzigd")
    assert "LBB-advies" not in outer and "Vakantie" not in outer


def test_a_withdrawal_sent_by_letter_is_recorded_by_an_officer_and_ends_the_case(walk):
    walk.submit(BEG)
    with pytest.raises(NotAllowed):
        walk.run(case_actions.withdraw_on_behalf, "quality_assessor", case_id=walk.case_id,
                 reason="Brief van 1 maart", received_on=date(2026, 3, 1))
    with pytest.raises(InvalidInput) as err:
        walk.run(case_actions.withdraw_on_behalf, "screening_officer", case_id=walk.case_id,
                 reason=" ", received_on=date(2027, 1, 1))
    assert set(err.value.fields) == {"reason", "received_on"}
    walk.run(case_actions.withdraw_on_behalf, "screening_officer", case_id=walk.case_id,
             reason="Wij richten ons op een andere regio.", received_on=date(2026, 3, 1))
    with walk.uow() as u:
        case = u.session.get(Case, walk.case_id)
        assert case.completed and case.status == "withdrawn"
    assert ("Intrekking van de aanvrager vastgelegd (ontvangen op zondag 1 maart 2026) | "
            "Wij richten ons op een andere regio. | Behandelaar toelating"
            ) in timeline(walk, "screening_officer")
    with pytest.raises(Conflict):
        walk.run(case_actions.withdraw_on_behalf, "legal_counsel", case_id=walk.case_id,
                 reason="Nog eens", received_on=date(2026, 3, 1))


def test_after_an_extension_the_case_data_and_the_deadlines_give_the_same_last_day(walk):
    from workflows import case_deadlines, case_reads
    from workflows.deadlines.atw import long_date

    walk.submit(BEG)
    last = walk.run(decision_term.extend_decision_term, "legal_counsel", case_id=walk.case_id,
                    weeks=6, reason="Deskundige nodig")
    view = walk.run(case_reads.show_case, "legal_counsel", case_id=walk.case_id)
    shown = {item.key: item.text for item in view.data}["decision_last_day"]
    panel = walk.run(case_deadlines.open_deadlines, "legal_counsel", case_id=walk.case_id)
    assert panel.deadlines[0].last_day == last
    assert shown == long_date(last)


def test_after_an_extension_verify_accepts_the_moved_due_dates_and_no_other(walk):
    from sqlalchemy import select, update

    from models import HumanTask
    from workflows import verification
    from workflows.actors import SYSTEM
    from workflows.tasks import DECISION_TERM_TASKS

    walk.assessed(BEG)  # the decision is open, due at the end of the decision term
    walk.run(decision_term.extend_decision_term, "legal_counsel", case_id=walk.case_id,
             weeks=6, reason="Deskundige nodig")
    with walk.uow() as u:
        moved = u.session.scalars(select(HumanTask).where(
            HumanTask.case_id == walk.case_id, HumanTask.completed_at.is_(None),
            HumanTask.bpmn_id.in_(DECISION_TERM_TASKS))).all()
        assert moved and verification.verify_case(u, SYSTEM, case_id=walk.case_id).ok
        u.session.execute(update(HumanTask).where(HumanTask.id == moved[0].id)
                          .values(due_at=moved[0].due_at + timedelta(days=1)))
        found = verification.verify_case(u, SYSTEM, case_id=walk.case_id)
    assert (found.outcome, found.seq) == ("tampered", walk_last_command(walk))


def walk_last_command(walk):
    from sqlalchemy import select

    from engine.events import COMMAND_KINDS
    from models import CaseEvent

    with walk.uow() as u:
        return max(u.session.scalars(select(CaseEvent.seq).where(
            CaseEvent.case_id == walk.case_id, CaseEvent.kind.in_(COMMAND_KINDS))))
