"""The case page at /zaken/<id> and the officers' action screens, through the test
client: per persona what the HTML holds, and each action's form (errors inline, what was
typed kept, a confirmation step, then the event on the case page)."""

from __future__ import annotations

import re

import pytest
from freezegun import freeze_time

from tests.integration.web.conftest import JSON, login
from tests.integration.workflows.steps import open_task
from tests.integration.workflows.walk import BEG, Walk

SECRET = "Bestuurder X heeft banden met een veroordeelde vastgoedhandelaar"


@pytest.fixture
def walk(uow, actors, window_id):
    return Walk(uow, actors, window_id)


@pytest.fixture
def advised(walk):
    walk.submit(BEG)
    walk.check()
    walk.screen(antecedents=True)
    walk.do("integrity_officer", "decide_lbb_request", request_lbb=True,
            lbb_motivation="Antecedenten gevonden.")
    walk.do("integrity_officer", "register_lbb_advice", lbb_advice="serious_risk",
            lbb_advice_summary=SECRET)
    return walk.case_id


def page_as(client, email, path):
    login(client, email)
    response = client.get(path)
    return response.status_code, response.get_data(as_text=True)


def token(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_an_integrity_officer_reads_the_lbb_advice_on_the_case_page(client, advised):
    status, html = page_as(client, "integrity_officer@test.example", f"/zaken/{advised}")
    assert status == 200
    assert SECRET in html and "Ernstig gevaar" in html
    assert "KvK-nummer" in html and "10000001" in html and "Termijnen" in html
    assert "Beslistermijn" in html and "Tijdlijn" in html


@pytest.mark.parametrize("email", ["screening_officer@test.example",
                                   "quality_assessor@test.example",
                                   "applicant-a@test.example"])
def test_nobody_else_finds_the_lbb_advice_anywhere_in_the_html(client, advised, email):
    status, html = page_as(client, email, f"/zaken/{advised}")
    assert status == 200
    for word in (SECRET, "Ernstig gevaar", "Antecedenten gevonden", "LBB-advies registreren"):
        assert word not in html, word
    diagram = client.get(f"/zaken/{advised}/diagram", headers=JSON)
    if email.startswith("applicant"):
        assert diagram.status_code == 403
        assert "Tijdlijn" not in html  # applicants keep their plain page
    else:
        assert "vertrouwelijk, alleen zichtbaar voor" in html.lower()
        assert "integrity.bpmn" not in diagram.get_data(as_text=True)
        assert "register_lbb_advice" not in diagram.get_data(as_text=True)


def test_the_diagram_endpoint_gives_the_pinned_diagrams_and_marked_steps(client, advised):
    login(client, "decision_maker@test.example")
    found = client.get(f"/zaken/{advised}/diagram", headers=JSON).get_json()
    assert {d["name"] for d in found["diagrams"]} >= {"admission.bpmn", "integrity.bpmn"}
    assert "conclude_integrity" in found["current"]
    assert "check_completeness" in found["completed"]


def test_a_wrong_supplement_request_shows_the_error_inline_and_keeps_the_note(client, walk):
    walk.submit(BEG)
    path = f"/zaken/{walk.case_id}/acties/aanvulling"
    with freeze_time(walk.now):
        status, html = page_as(client, "screening_officer@test.example", path)
        assert status == 200 and "Aanvullen kan tot en met" in html
        wrong = client.post(path, data={"csrf_token": token(html), "missing_items": "",
                                        "note": "Eerst gebeld"})
        body = wrong.get_data(as_text=True)
        assert wrong.status_code == 422
        assert "Noem ten minste één onderdeel." in body and "Eerst gebeld" in body
        ask = client.post(path, data={"csrf_token": token(html), "note": "Eerst gebeld",
                                      "missing_items": "Jaarrekening 2025\nVOG"})
        assert ask.status_code == 200 and "Weet u het zeker?" in ask.get_data(as_text=True)
        done = client.post(path, data={"csrf_token": token(html), "note": "Eerst gebeld",
                                       "missing_items": "Jaarrekening 2025\nVOG",
                                       "bevestigd": "ja"})
        assert done.status_code == 302
        case_page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Ontbreekt: Jaarrekening 2025; VOG" in case_page
    assert "Verzoek om aanvulling verstuurd" in case_page


@pytest.mark.parametrize(("slug", "email", "wrong", "right", "shown"), [
    ("ingebrekestelling", "legal_counsel@test.example", {"received_on": "31-02-2026"},
     {"received_on": "02-03-2026"}, "Ingebrekestelling ontvangen"),
    ("verdaging", "decision_maker@test.example", {"weeks": "40", "reason": "Deskundige"},
     {"weeks": "3", "reason": "Deskundige"}, "Beslistermijn verdaagd met 3 weken"),
    ("notitie", "quality_assessor@test.example", {"text": ""},
     {"text": "Certificaat loopt in mei af."}, "Certificaat loopt in mei af."),
    ("intrekking", "screening_officer@test.example",
     {"received_on": "31-02-2026", "reason": "Brief van de aanvrager"},
     {"received_on": "02-03-2026", "reason": "Brief van de aanvrager"},
     "Intrekking van de aanvrager vastgelegd"),
])
def test_each_action_screen_refuses_wrong_input_then_records_the_event(
        client, walk, slug, email, wrong, right, shown):
    walk.submit(BEG)
    path = f"/zaken/{walk.case_id}/acties/{slug}"
    with freeze_time(walk.now):
        status, html = page_as(client, email, path)
        assert status == 200
        bad = client.post(path, data={"csrf_token": token(html), **wrong})
        assert bad.status_code == 422 and 'aria-invalid="true"' in bad.get_data(as_text=True)
        if slug == "intrekking":  # irreversible: asked first, and nothing happens yet
            ask = client.post(path, data={"csrf_token": token(html), **right})
            assert "Weet u het zeker?" in ask.get_data(as_text=True)
            assert "Intrekking van" not in client.get(f"/zaken/{walk.case_id}").get_data(
                as_text=True)
        done = client.post(path, data={"csrf_token": token(html), **right, "bevestigd": "ja"})
        assert done.status_code == 302, done.get_data(as_text=True)
        assert shown in client.get(done.headers["Location"]).get_data(as_text=True)


def test_lbb_questions_screen_is_for_integrity_officers(client, advised, walk):
    path = f"/zaken/{advised}/acties/lbb-vragen"
    with freeze_time(walk.now):
        status, html = page_as(client, "integrity_officer@test.example", path)
        assert status == 200
        late = client.post(path, data={"csrf_token": token(html), "questions": "Wie?",
                                       "asked_on": "02-03-2026", "bevestigd": "ja"})
        assert late.status_code == 409  # the advice is in: no LBB request runs any more
        assert "geen adviesaanvraag" in late.get_data(as_text=True)
        client.post("/uitloggen", data={"csrf_token": token(html)})
        status, html = page_as(client, "screening_officer@test.example", path)
    assert status == 403
    assert "lbb-vragen" not in client.get(f"/zaken/{advised}").get_data(as_text=True)


def test_a_note_screen_opened_from_a_task_has_that_task_chosen(client, walk):
    walk.submit(BEG)
    task_id = open_task(walk.uow, walk.case_id, "check_completeness")
    with freeze_time(walk.now):
        status, html = page_as(client, "screening_officer@test.example",
                               f"/zaken/{walk.case_id}/acties/notitie?taak={task_id}")
    assert status == 200
    assert re.search(rf'value="{task_id}" checked', html)


@pytest.mark.parametrize(("model", "cites"), [("civil", False), ("awb", True)])
def test_action_screens_cite_the_awb_only_under_the_awb_model(client, walk, uow, model,
                                                              cites):
    from sqlalchemy import update

    from models import Region

    with uow() as u:
        u.session.execute(update(Region).values(legal_model=model))
        u.commit()
    walk.submit(BEG)
    with freeze_time(walk.now):
        login(client, "legal_counsel@test.example")
        for slug in ("ingebrekestelling", "verdaging"):
            html = client.get(f"/zaken/{walk.case_id}/acties/{slug}").get_data(as_text=True)
            intro = html.split("<h1", 1)[1].split("<form", 1)[0]
            assert ("Awb" in intro) is cites, (model, slug)
