"""The officer's case page, read side: what each audience finds on it, and the diagram's
marked steps. Confidential Bibob information reaches integrity officers and decision
makers only; the others learn that it exists."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import Application, Document
from tests.integration.workflows.walk import BEG, Walk
from workflows import case_actions, case_diagram, case_page
from workflows.errors import NotAllowed

SECRET = "Bestuurder X heeft banden met een veroordeelde vastgoedhandelaar"


def lbb_advised(walk: Walk) -> int:
    case_id = walk.submit(BEG)
    walk.check()
    walk.screen(antecedents=True)
    walk.do("integrity_officer", "decide_lbb_request", request_lbb=True,
            lbb_motivation="Antecedenten gevonden.")
    walk.do("integrity_officer", "register_lbb_advice", lbb_advice="serious_risk",
            lbb_advice_summary=SECRET)
    return case_id


@pytest.mark.parametrize("role", ["integrity_officer", "decision_maker"])
def test_integrity_roles_read_the_lbb_advice(walk, role):
    lbb_advised(walk)
    page = walk.run(case_page.show_case_page, role, case_id=walk.case_id)
    assert SECRET in {item.text for item in page.case.data}
    assert "Stap afgerond: LBB-advies registreren" in {e.text for e in page.timeline.entries}
    assert not page.confidential_hidden


@pytest.mark.parametrize("role", ["screening_officer", "quality_assessor", "legal_counsel"])
def test_other_staff_learn_only_that_confidential_information_exists(walk, role):
    lbb_advised(walk)
    page = walk.run(case_page.show_case_page, role, case_id=walk.case_id)
    text = repr(page)
    for word in (SECRET, "Ernstig gevaar", "LBB-advies registreren", "Antecedenten gevonden",
                 "Bibob-vragenlijst beoordelen"):
        assert word not in text, (role, word)
    assert page.confidential_hidden
    assert "Stap in de integriteitstoets" in {e.text for e in page.timeline.entries}
    assert [s.label for s in page.steps].count("Integriteitstoets (vertrouwelijk)") == 1


def test_the_page_names_provider_subsegments_municipalities_and_deadlines(walk):
    walk.submit(BEG)
    page = walk.run(case_page.show_case_page, "screening_officer", case_id=walk.case_id)
    assert (page.provider.name, page.provider.kvk_number) == ("Aanbieder A", "10000001")
    assert page.subsegments == ("Begeleiding",)
    assert "Enschede" in page.municipalities and "Almelo" not in page.municipalities
    term = page.deadlines.deadlines[0]
    assert term.name == "Beslistermijn" and term.explanation
    assert page.timeline.entries[-1].text == "Zaak gestart"
    assert page.timeline.entries[-1].role_label == "Aanvrager"
    assert set(page.actions) == {"supplement", "notice_of_default", "withdraw", "note"}


def test_applicants_get_no_staff_page_and_no_diagram(walk):
    walk.submit(BEG)
    with pytest.raises(NotAllowed):
        walk.run(case_page.show_case_page, "applicant_a", case_id=walk.case_id)
    with pytest.raises(NotAllowed):
        walk.run(case_diagram.case_diagram, "applicant_a", case_id=walk.case_id)


def test_the_diagram_marks_done_and_current_steps_and_hides_the_integrity_diagram(walk):
    lbb_advised(walk)
    inner = walk.run(case_diagram.case_diagram, "integrity_officer", case_id=walk.case_id)
    assert {d.name for d in inner.diagrams} >= {"admission.bpmn", "integrity.bpmn"}
    assert "check_completeness" in inner.completed
    assert "conclude_integrity" in inner.current
    assert "register_lbb_advice" in inner.completed
    outer = walk.run(case_diagram.case_diagram, "screening_officer", case_id=walk.case_id)
    assert "integrity.bpmn" not in {d.name for d in outer.diagrams}
    assert "integrity_assessment" in outer.current
    assert not {"conclude_integrity", "register_lbb_advice"} & set(outer.current
                                                                  + outer.completed)
    assert 'name="Behandelaar toelating"' in outer.diagrams[0].xml
    assert 'name="screening_officer"' not in outer.diagrams[0].xml


def test_a_long_history_comes_in_pages_of_fifty_newest_first(walk):
    walk.submit(BEG)
    with walk.uow() as u:
        for n in range(60):
            case_actions.add_internal_note(u, walk.actors["screening_officer"],
                                           case_id=walk.case_id, text=f"Notitie {n}")
        u.commit()
    first = walk.run(case_page.show_case_page, "screening_officer", case_id=walk.case_id)
    assert (first.timeline.page, first.timeline.pages) == (1, 2)
    assert len(first.timeline.entries) == 50 and first.timeline.entries[0].detail == "Notitie 59"
    last = walk.run(case_page.show_case_page, "screening_officer", case_id=walk.case_id,
                    timeline_page=9)
    assert last.timeline.page == 2 and last.timeline.entries[-1].text == "Zaak gestart"
    assert len(first.notes.entries) == 50 and first.notes.pages == 2


def test_the_page_offers_only_the_actions_that_fit_the_role_and_the_phase(walk):
    lbb_advised(walk)  # completeness done, the advice in: no supplement, no LBB questions
    offered = {role: walk.run(case_page.show_case_page, role, case_id=walk.case_id).actions
               for role in ("screening_officer", "integrity_officer", "legal_counsel",
                            "auditor", "admin")}
    assert offered == {"screening_officer": ("notice_of_default", "withdraw", "note"),
                       "integrity_officer": ("note",),
                       "legal_counsel": ("notice_of_default", "extend_term", "withdraw",
                                         "note"),
                       "auditor": (), "admin": ()}


def test_documents_are_listed_by_kind_and_bibob_documents_only_for_integrity_roles(walk):
    walk.submit(BEG)
    with walk.uow() as u:
        app = u.session.scalars(select(Application).where(
            Application.case_id == walk.case_id)).one()
        for kind, name in (("kvk_extract", "kvk.pdf"), ("bibob_questionnaire", "bibob.pdf")):
            u.session.add(Document(application_id=app.id, kind=kind, filename=name,
                                   content_type="application/pdf", size=10, sha256="0" * 64,
                                   uploaded_at=walk.now, uploaded_by="applicant-a@test.example"))
        u.commit()
    inner = walk.run(case_page.show_case_page, "integrity_officer", case_id=walk.case_id)
    assert [(d.filename, d.kind) for d in inner.documents] == [
        ("kvk.pdf", "Uittreksel Kamer van Koophandel"),
        ("bibob.pdf", "Bibob-vragenlijst met bijlagen")]
    outer = walk.run(case_page.show_case_page, "quality_assessor", case_id=walk.case_id)
    assert [d.filename for d in outer.documents] == ["kvk.pdf", "Vertrouwelijk document"]
    assert outer.documents[1].hidden and "bibob.pdf" not in repr(outer)
