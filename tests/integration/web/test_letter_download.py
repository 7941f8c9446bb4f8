"""GET /zaken/<id>/brieven/<letter_id>: the letter's PDF, for whoever may read the case."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from models import Letter
from tests.integration.web.conftest import login
from tests.integration.workflows.walk import Walk

BEG = "ambulant_begeleiding"


@pytest.fixture
def requested(uow, actors, window_id):
    walk = Walk(uow, actors, window_id)
    case_id = walk.submit(BEG)
    walk.check(complete=False)
    with uow() as u:
        letter = u.session.scalars(select(Letter).where(Letter.case_id == case_id)).one()
        return case_id, letter.id, letter.sha256


def test_the_applicant_downloads_its_letter_as_the_stored_pdf(client, requested):
    case_id, letter_id, sha256 = requested
    login(client, "applicant-a@test.example")
    response = client.get(f"/zaken/{case_id}/brieven/{letter_id}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    assert hashlib.sha256(response.data).hexdigest() == sha256


def test_another_organisation_gets_not_found(client, requested):
    case_id, letter_id, _ = requested
    login(client, "applicant-b@test.example")
    assert client.get(f"/zaken/{case_id}/brieven/{letter_id}").status_code == 404


def test_an_officer_downloads_it_and_a_visitor_must_sign_in(app, client, requested):
    case_id, letter_id, _ = requested
    visitor = app.test_client()
    assert "/inloggen?volgende=" in visitor.get(f"/zaken/{case_id}/brieven/{letter_id}").location
    login(client, "screening_officer@test.example")
    assert client.get(f"/zaken/{case_id}/brieven/{letter_id}").status_code == 200
