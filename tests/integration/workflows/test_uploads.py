"""Uploads: PDF only, within the size limit, with a plain name; a refused file leaves no
row and no bytes behind; an accepted one is stored by its sha256."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from models import Document
from tests.integration.workflows.test_applying import make_draft, run
from workflows import applying, uploads
from workflows.errors import InvalidInput

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def upload(uow, actor, draft_id, storage, *, filename="vog.pdf",
           content_type="application/pdf", data=PDF):
    return run(uow, actor, applying.add_document, application_id=draft_id, kind="vog",
               filename=filename, content_type=content_type, data=data, storage=str(storage))


def _documents(uow):
    with uow() as u:
        return u.session.scalar(select(func.count(Document.id)))


@pytest.mark.parametrize(("name", "kwargs", "message"), [
    ("non-PDF renamed", {"filename": "foto.pdf", "data": b"\x89PNG\r\n\x1a\n" + b"0" * 99},
     "geen echte PDF"),
    ("oversized", {"data": PDF + b"0" * uploads.MAX_BYTES}, "te groot"),
    ("path traversal", {"filename": "../../web/static/x.pdf"}, "mappen"),
    ("windows traversal", {"filename": "..\\..\\x.pdf"}, "mappen"),
    ("wrong type", {"content_type": "text/html"}, "alleen PDF"),
    ("wrong extension", {"filename": "vog.exe"}, "alleen PDF"),
    ("empty", {"data": b""}, "leeg"),
    ("no file chosen", {"filename": "", "data": b""}, "Kies een bestand"),
])
def test_a_refused_upload_says_why_and_stores_nothing(uow, actors, window_id, tmp_path,
                                                      name, kwargs, message):
    draft_id = make_draft(uow, actors["applicant_a"], window_id)
    before = _documents(uow)
    with pytest.raises(InvalidInput, match=message) as err:
        upload(uow, actors["applicant_a"], draft_id, tmp_path / "docs", **kwargs)
    assert list(err.value.fields) == ["document"]
    assert _documents(uow) == before
    assert not (tmp_path / "docs").exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_an_accepted_pdf_is_stored_outside_the_web_root_by_its_sha256(uow, actors, window_id,
                                                                     tmp_path):
    draft_id = make_draft(uow, actors["applicant_a"], window_id)
    view = upload(uow, actors["applicant_a"], draft_id, tmp_path,
                  filename="VOG 2026 <def>.pdf")
    digest = hashlib.sha256(PDF).hexdigest()
    assert view.sha256 == digest and view.filename == "VOG 2026 _def_.pdf"
    assert (tmp_path / f"{digest}.pdf").read_bytes() == PDF
    [shown] = run(uow, actors["applicant_a"], applying.draft, application_id=draft_id).documents
    assert shown.sha256 == digest


def test_another_organisation_cannot_upload_to_a_draft(uow, actors, window_id, tmp_path):
    from workflows.errors import NotFound
    draft_id = make_draft(uow, actors["applicant_a"], window_id)
    with pytest.raises(NotFound):
        upload(uow, actors["applicant_b"], draft_id, tmp_path)
    assert not list(tmp_path.iterdir())
