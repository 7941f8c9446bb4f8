"""Signing in and the case pages, per persona."""

from __future__ import annotations

import re

from tests.integration.web.conftest import login
from workflows import registration


def submit(uow, actor, window_id):
    with uow() as u:
        view = registration.submit_application(u, actor, window_id=window_id,
                                               subsegment_codes=["ambulant_begeleiding"])
        u.commit()
    return view.case_id


def test_login_without_csrf_token_is_refused(client):
    response = client.post("/inloggen", data={"email": "admin@test.example", "password": "pw"})
    assert response.status_code == 400


def test_wrong_password_gives_one_message_and_no_session(client):
    response = login(client, "admin@test.example", "nope")
    assert response.status_code == 401
    assert "Onjuist e-mailadres of wachtwoord" in response.get_data(as_text=True)
    assert client.get("/zaken/").headers["Location"] == "/inloggen?volgende=/zaken/"


def test_an_invalid_email_is_named_in_the_form(client):
    response = login(client, "geen-adres")
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_an_officer_sees_every_case(client, uow, actors, window_id):
    a = submit(uow, actors["applicant_a"], window_id)
    b = submit(uow, actors["applicant_b"], window_id)
    assert login(client, "screening_officer@test.example").status_code == 302
    page = client.get("/zaken/").get_data(as_text=True)
    assert f"/zaken/{a}" in page and f"/zaken/{b}" in page


def test_an_applicant_sees_only_its_own_organisation(client, uow, actors, window_id):
    own = submit(uow, actors["applicant_a"], window_id)
    other = submit(uow, actors["applicant_b"], window_id)
    login(client, "applicant-a@test.example")
    assert client.get("/zaken/").location.endswith("/portaal/")  # theirs are in the portal
    page = client.get("/portaal/").get_data(as_text=True)
    assert f"/portaal/aanvragen/{own}" in page and f"/portaal/aanvragen/{other}" not in page
    assert client.get(f"/zaken/{own}").status_code == 200
    assert client.get(f"/zaken/{other}").status_code == 404


def test_the_case_list_pages_with_previous_and_next_links(client, uow, actors, window_id):
    for _ in range(26):  # one more than a page
        submit(uow, actors["applicant_a"], window_id)
    login(client, "screening_officer@test.example")
    first = client.get("/zaken/").get_data(as_text=True)
    assert "pagina 1 van 2" in first and "26 zaken" in first
    assert 'rel="next" href="/zaken/?pagina=2">Volgende' in first and "Vorige" not in first
    second = client.get("/zaken/?pagina=2").get_data(as_text=True)
    assert "pagina 2 van 2" in second and len(re.findall(r'href="/zaken/\d+"', second)) == 1
    assert 'rel="prev" href="/zaken/?pagina=1">Vorige' in second and "Volgende" not in second
    assert "pagina 1 van 2" in client.get("/zaken/?pagina=nul").get_data(as_text=True)
    assert "pagina 2 van 2" in client.get("/zaken/?pagina=999").get_data(as_text=True)
