"""The demo: Regio Twente with one user per role and a dozen cases in every phase.

Histories are made by the real use cases with the clock pinned to past moments, so the
event log, replay and verification hold for demo cases exactly as for real ones.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select

from models import Case
from workflows import deadlines, people, region, registration, specs
from workflows.actors import SYSTEM
from workflows.database import Database
from workflows.deadlines import window_moment
from workflows.demo import teams
from workflows.demo.scenarios import SCENARIOS, WINDOW
from workflows.demo.steps import Demo
from workflows.demo.twente import MUNICIPALITIES, REGION, SEGMENTS

PASSWORD = "demo"
STAFF_ROLES = ("screening_officer", "integrity_officer", "quality_assessor", "legal_counsel",
               "decision_maker", "contract_manager", "auditor", "admin")
PROVIDERS = (
    "Stichting Jeugdzorg Twente", "Kindhuis Enschede", "Begeleiding Op Maat Almelo",
    "Gezinshuis De Linde", "Zorggroep Noordoost Twente", "Jeugdhulp Hengelo",
    "De Bolster Begeleiding", "Twentse Jeugdbehandeling", "Stichting Kleur",
    "Ambulant Plus", "Huize Tubbergen", "Lumen Jeugd en Gezin", "Het Anker Wierden",
)


def is_empty(db: Database) -> bool:
    with db.uow() as uow:
        return (uow.session.scalar(select(func.count(Case.id))) or 0) == 0


def build_demo(db: Database, progress: Callable[[str], None] = lambda _s: None,
               now: datetime | None = None) -> list[tuple[str, str]]:
    """Load the region, users and cases; returns (e-mail, roles) of every user made."""
    demo = Demo(db, now or datetime.now(UTC))
    made = _people(demo)
    progress("regio, gebruikers en openstelling")
    for scenario in SCENARIOS:
        scenario(demo)
        progress(scenario.__doc__ or scenario.__name__)
    return made


def _people(demo: Demo) -> list[tuple[str, str]]:
    with demo.db.uow() as uow:
        specs.current_bundle(uow, SYSTEM)
        region_id = region.find_region(uow, SYSTEM, code=REGION["code"]) or region.load_region(
            uow, SYSTEM, region=REGION, municipalities=MUNICIPALITIES, segments=SEGMENTS)
        made = []
        for role in STAFF_ROLES:
            demo.staff[role] = people.create_user(uow, SYSTEM, email=f"{role}@demo.test",
                                                  name=role.replace("_", " ").capitalize(),
                                                  password=PASSWORD, roles=[role])
            made.append((f"{role}@demo.test", role))
        made.append(teams.add_coordinator(uow, demo, PASSWORD))
        # A second decision maker (who may also assess integrity), so four-eyes can be
        # walked: confirming a deviation, and deciding a case one assessed oneself.
        demo.staff["decision_maker2"] = people.create_user(
            uow, SYSTEM, email="decision_maker2@demo.test", name="Decision maker 2",
            password=PASSWORD, roles=["decision_maker", "integrity_officer"])
        made.append(("decision_maker2@demo.test", "decision_maker, integrity_officer"))
        for n, name in enumerate(PROVIDERS):
            provider = people.register_provider(uow, SYSTEM, name=name,
                                                kvk_number=f"{60000001 + n:08d}",
                                                agb_code=f"{98000001 + n:08d}",
                                                email=f"info{n + 1}@aanbieder.demo.test")
            email = "applicant@demo.test" if n == 0 else f"applicant{n + 1}@demo.test"
            demo.applicants.append(people.create_user(
                uow, SYSTEM, email=email, name=f"Aanvrager {name}", password=PASSWORD,
                roles=["applicant"], provider_id=provider.provider_id, org_admin=True))
            made.append((email, f"applicant ({name})"))
        window = registration.open_window(
            uow, SYSTEM, region_id=region_id, title="Openstelling Jeugdhulp Twente",
            decision_reference="Besluit openstelling 2024-17",
            opens_at=window_moment(deadlines.local_day(demo.now) - timedelta(days=900), time(9)),
            closes_at=window_moment(deadlines.local_day(demo.now) + timedelta(days=90),
                                    time(17)),
            subsegment_codes=WINDOW)
        demo.window_id = window.window_id
        uow.commit()
    return made

