"""Shared fixtures: a migrated database per backend, a rolled-back transaction per test,
the deployed procedure, the Twente region and one persona per role.

Every test that uses the database runs on SQLite and, when TEST_DATABASE_URL is set, on
PostgreSQL as well.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session, sessionmaker

from models.db import make_engine
from workflows import people, region, registration, specs
from workflows.actors import SYSTEM, Actor
from workflows.demo.twente import MUNICIPALITIES, REGION, SEGMENTS
from workflows.migrate import migrate
from workflows.uow import UnitOfWork

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
OFFICER_ROLES = ("screening_officer", "integrity_officer", "quality_assessor",
                 "legal_counsel", "decision_maker", "contract_manager", "auditor", "admin")
WINDOW_SUBSEGMENTS = ["ambulant_begeleiding", "ambulant_behandeling", "wonen_gezinshuis"]


def reset_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def database_url(backend: str, directory: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{directory}/test.db"
    url = os.environ["TEST_DATABASE_URL"]
    reset_postgres(url)
    return url


@pytest.fixture(scope="session", params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    return database_url(request.param, tmp_path_factory.mktemp(request.param))


@pytest.fixture(scope="session")
def world(db_url: str) -> Iterator[dict[str, object]]:
    """Migrated and seeded once per backend (committed); tests roll back on top of it."""
    engine = make_engine(db_url)
    migrate(engine)
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with UnitOfWork(factory) as uow:
        seeded = seed(uow)
        uow.commit()
    seeded["engine"] = engine
    yield seeded
    engine.dispose()


def seed(uow: UnitOfWork) -> dict[str, object]:
    specs.deploy_specs(uow, SYSTEM, sources=specs.read_directory(ROOT / "bpmn"))
    region_id = region.load_region(uow, SYSTEM, region=REGION, municipalities=MUNICIPALITIES,
                                   segments=SEGMENTS)
    actors: dict[str, Actor] = {}
    for role in OFFICER_ROLES:
        actors[role] = people.create_user(uow, SYSTEM, email=f"{role}@test.example",
                                          name=role.replace("_", " ").capitalize(),
                                          password="pw", roles=[role])
    actors["decision_maker_2"] = people.create_user(
        uow, SYSTEM, email="decision_maker_2@test.example", name="dm2", password="pw",
        roles=["decision_maker", "integrity_officer"])
    for key, kvk in (("a", "10000001"), ("b", "10000002")):
        provider = people.register_provider(uow, SYSTEM, name=f"Aanbieder {key.upper()}",
                                            kvk_number=kvk, agb_code="12345678",
                                            email=f"aanbieder-{key}@test.example")
        actors[f"applicant_{key}"] = people.create_user(
            uow, SYSTEM, email=f"applicant-{key}@test.example", name=f"Aanvrager {key}",
            password="pw", roles=["applicant"], provider_id=provider.provider_id)
    window = registration.open_window(
        uow, SYSTEM, region_id=region_id, title="Openstelling test",
        decision_reference="Besluit 2020/1", opens_at=datetime(2020, 1, 1, tzinfo=UTC),
        closes_at=datetime(2040, 1, 1, tzinfo=UTC), subsegment_codes=WINDOW_SUBSEGMENTS)
    return {"actors": actors, "window_id": window.window_id, "region_id": region_id}


@pytest.fixture
def connection(world: dict[str, object]) -> Iterator[Connection]:
    engine = world["engine"]
    assert isinstance(engine, Engine)
    conn = engine.connect()
    outer = conn.begin()
    yield conn
    outer.rollback()
    conn.close()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    return sessionmaker(bind=connection, join_transaction_mode="create_savepoint",
                        expire_on_commit=False)


@pytest.fixture
def uow(session_factory: sessionmaker[Session]) -> Callable[[], UnitOfWork]:
    return lambda: UnitOfWork(session_factory)


@pytest.fixture
def actors(world: dict[str, object]) -> dict[str, Actor]:
    value = world["actors"]
    assert isinstance(value, dict)
    return value


@pytest.fixture
def window_id(world: dict[str, object]) -> int:
    value = world["window_id"]
    assert isinstance(value, int)
    return value
