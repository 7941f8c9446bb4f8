"""The portal's sign-up and application wizard through the test client: sign up, confirm
by the mailed link, apply in steps with a draft, upload, review and submit."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from models import Application, Document, Outbox
from tests.integration.web.conftest import csrf_token, login
from web.app import create_app

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
SIGN_UP = {"name": "Zorg & Co", "kvk_number": "12345670", "agb_code": "87654321",
           "address": "Markt 1, 7511 AA Enschede", "contact_person": "Anna de Vries",
           "email": "anna@zorg.test", "password": "een lang wachtwoord"}


@pytest.fixture
def app(uow, tmp_path):
    from types import SimpleNamespace
    database = SimpleNamespace(uow=uow, reader=uow)
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE": database,
                       "DOCUMENT_DIR": str(tmp_path / "documenten")})


def _link(uow) -> str:
    with uow() as u:
        payload = u.session.scalars(select(Outbox.payload).order_by(Outbox.id.desc())).first()
    return json.loads(payload)["link"]


def post(client, path, data, **kw):
    return client.post(path, data={"csrf_token": csrf_token(client, path), **data}, **kw)


def test_sign_up_keeps_input_and_says_what_is_wrong(client):
    response = post(client, "/portaal/aanmelden", {**SIGN_UP, "kvk_number": "1234"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Een KvK-nummer bestaat uit 8 cijfers." in page
    assert 'value="Zorg &amp; Co"' in page and "een lang wachtwoord" not in page


def test_sign_up_confirm_and_apply_with_a_draft(client, uow, tmp_path):
    assert post(client, "/portaal/aanmelden", SIGN_UP).status_code == 302
    assert login(client, "anna@zorg.test", SIGN_UP["password"]).status_code == 401
    link = _link(uow)
    path = link[link.index("/portaal"):]
    assert "Bevestigen" in client.get(path).get_data(as_text=True)
    assert post(client, path, {}).status_code == 302
    assert login(client, "anna@zorg.test", SIGN_UP["password"]).status_code == 302

    start = client.get("/portaal/aanvragen/nieuw").get_data(as_text=True)
    window_id = re.search(r'name="window_id" value="(\d+)"', start).group(1)
    response = post(client, "/portaal/aanvragen/nieuw", {"window_id": window_id})
    care = response.location
    draft_id = int(care.split("/")[-2])
    response = post(client, care, {"subsegment_codes": "ambulant_begeleiding",
                                   "municipalities": "Enschede", "later": "ja"})
    assert response.location.endswith("/portaal/aanvragen/nieuw")
    assert "Uw concepten" in client.get("/portaal/aanvragen/nieuw").get_data(as_text=True)

    base = f"/portaal/concepten/{draft_id}"
    bad = post(client, f"{base}/integriteit", {"ownership": "", "antecedents": "ja"})
    assert bad.status_code == 422 and "Dit veld is verplicht." in bad.get_data(as_text=True)
    assert post(client, f"{base}/integriteit", {
        "ownership": "Stichting", "directors": "A. de Vries", "financing": "Eigen geld",
        "antecedents": "nee"}).location.endswith(f"{base}/kwaliteit")
    assert post(client, f"{base}/kwaliteit", {
        "governance_code": "ja", "criteria_ambulant_begeleiding": "Wij begeleiden thuis.",
    }).status_code == 302
    refused = post(client, f"{base}/documenten", {"kind": "vog", "document": (
        __import__("io").BytesIO(b"GIF89a"), "../../vog.pdf", "application/pdf")},
        content_type="multipart/form-data")
    assert refused.status_code == 422 and "mappen" in refused.get_data(as_text=True)
    ok = post(client, f"{base}/documenten", {"kind": "vog", "document": (
        __import__("io").BytesIO(PDF), "vog.pdf", "application/pdf")},
        content_type="multipart/form-data")
    assert ok.status_code == 302
    assert len(list((tmp_path / "documenten").iterdir())) == 1

    review = client.get(f"{base}/controle").get_data(as_text=True)
    assert "vog.pdf" in review and "Stichting" in review
    assert post(client, f"{base}/controle", {}).status_code == 422
    assert post(client, f"{base}/controle", {"declaration": "ja"}).status_code == 302
    with uow() as u:
        app = u.session.get(Application, draft_id)
        assert app.case_id is not None
        assert u.session.scalar(select(func.count(Document.id)).where(
            Document.application_id == draft_id)) == 1
    assert client.get(f"{base}/zorg").status_code == 404  # submitted: no longer a draft


def test_another_organisations_draft_is_not_found(client, uow, actors, window_id):
    from workflows import applying
    with uow() as u:
        draft_id = applying.start_draft(u, actors["applicant_a"], window_id=window_id)
        u.commit()
    login(client, "applicant-b@test.example")
    for step in ("zorg", "integriteit", "documenten", "controle"):
        assert client.get(f"/portaal/concepten/{draft_id}/{step}").status_code == 404
    assert post(client, f"/portaal/concepten/{draft_id}/controle",
                {"declaration": "ja"}).status_code == 404
