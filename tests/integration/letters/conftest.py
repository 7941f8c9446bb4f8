"""The demo built once per legal model (and backend), its letters read back as text.

Building the demo takes half a minute, so it is built once per module in its own
transaction, which is rolled back after the letters are read: tests then check the texts.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update
from sqlalchemy.orm import sessionmaker

from engine.commands import current_data
from handlers.context import HandlerContext
from handlers.letters import send_letter
from models import Case, Decision, Letter, Provider, Region
from tests.integration.workflows.walk import Walk
from workflows import demo
from workflows.uow import UnitOfWork

MODELS = ("awb", "civil")


@dataclass(frozen=True)
class Sent:
    kind: str
    case_id: int
    recipient: str
    confidential: bool
    sha256: str
    text: str  # whitespace collapsed, so phrases read across line breaks
    data: dict[str, Any]  # the case's data at the end of the demo
    addressee: str  # the name of the case's organisation
    intact: bool  # sha256 of the stored bytes equals the stored sha256


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _objection_letters(uow) -> None:
    """The objection engineer's process calls send_letter like this; the demo has none yet."""
    with uow() as u:
        case_id = u.session.scalars(select(Decision.case_id).where(
            Decision.outcome == "refused")).first()
        data = current_data(u.session, u.session.get(Case, case_id))
        at = datetime(2027, 3, 3, 10, tzinfo=UTC)
        for n, (kind, extra) in enumerate([
            ("objection_receipt", {"lodged_on": "2027-03-01", "decision_last_day": "2027-04-26"}),
            ("objection_decision", {"upheld": True, "reasons": "Het besluit rustte op een "
                                    "onjuiste lezing van de vragenlijst."}),
            ("objection_decision", {"upheld": False, "reasons": "De integriteitstoets blijft "
                                    "staan; de argumenten zijn al gewogen."})]):
            ctx = HandlerContext(u.session, case_id, "legal_counsel@demo.test", at,
                                 "send_remedy", f"objection-{n}", data)
            send_letter(ctx, {"kind": kind, "data": {**extra, "model": data["legal_model"]}})
        u.commit()


def _read(uow) -> list[Sent]:
    with uow() as u:
        rows = u.session.scalars(select(Letter).order_by(Letter.id)).all()
        cases = {r.case_id: u.session.get(Case, r.case_id) for r in rows}
        data = {cid: current_data(u.session, case) for cid, case in cases.items()}
        names = {cid: u.session.get(Provider, case.provider_id).name
                 for cid, case in cases.items()}
        return [Sent(r.kind, r.case_id, r.recipient, r.confidential, r.sha256,
                     pdf_text(r.content), data[r.case_id], names[r.case_id],
                     hashlib.sha256(r.content).hexdigest() == r.sha256 == r.sha256.lower()
                     and r.content.startswith(b"%PDF") and r.size == len(r.content))
                for r in rows]


@pytest.fixture(scope="module")
def demo_letters(world) -> dict[str, list[Sent]]:
    """{legal model: every letter the demo sent under it}."""
    found = {}
    for model in MODELS:
        conn = world["engine"].connect()
        outer = conn.begin()
        factory = sessionmaker(bind=conn, join_transaction_mode="create_savepoint",
                               expire_on_commit=False)

        def uow(factory=factory):
            return UnitOfWork(factory)

        with uow() as u:
            u.session.execute(update(Region).values(legal_model=model))
            u.commit()
        demo.build_demo(SimpleNamespace(uow=uow))
        _objection_letters(uow)
        found[model] = _read(uow)
        outer.rollback()
        conn.close()
    return found


@pytest.fixture(params=MODELS)
def model(request) -> str:
    return str(request.param)


@pytest.fixture
def letters_of(demo_letters, model):
    def of(kind: str) -> list[Sent]:
        sent = [s for s in demo_letters[model] if s.kind == kind]
        assert sent, f"the demo sent no {kind} under {model}"
        return sent
    return of


@pytest.fixture
def walk(uow, actors, window_id) -> Walk:
    return Walk(uow, actors, window_id)
