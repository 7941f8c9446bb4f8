"""Browser tests: the real app on a free localhost port, driven by Debian's Chromium.

Fixtures
    live_database the Database behind live_server (to set a scene with the use cases)
    live_server   base URL of the app, served from a thread, on a fresh database
                  (migrated, procedure deployed, the demo loaded): a copy per test
                  module of a demo built once per session, so one module's claims and
                  decisions never change another's demo: SQLite, and PostgreSQL too when
                  TEST_DATABASE_URL is set (in databases of their own beside it,
                  `<test>_e2e` and `<test>_e2e_template`, so the integration tests'
                  database is never touched)
    browser       headless /usr/bin/chromium (no download: the machine's network is closed)
    page          a new browser context per test (own cookies); the test fails when the
                  page broke the Content-Security-Policy or raised a JavaScript error
Helpers (tests.e2e.helpers): sign_in, sign_out, assert_accessible (axe-core),
screenshot, tab_through.

Without /usr/bin/chromium every test here is skipped, saying so; CI installs it.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from werkzeug.serving import make_server

from web.app import create_app
from workflows import demo, running, specs
from workflows.actors import SYSTEM
from workflows.database import Database

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
SCHEMA = "e2e"
LIVE: dict[str, Database] = {}  # base URL -> its database, for live_database
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def make_database(url: str) -> Database:
    """What `toelating init` and `toelating demo` do, on a database of our own."""
    database = Database(url)
    database.migrate()
    running.write(database, specs.deploy_specs, SYSTEM,
                  sources=specs.read_directory(ROOT / "bpmn"))
    demo.build_demo(database)
    return database


def _postgres_admin(url: str) -> Engine:
    """The test database's server, outside any transaction (CREATE DATABASE needs that)."""
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _sibling(url: str, suffix: str) -> str:
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{suffix}").render_as_string(
        hide_password=False)


def _recreate(admin: Engine, name: str, template: str | None = None) -> None:
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        clause = f' TEMPLATE "{template}"' if template else ""
        conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The demo, built once per backend; every test module gets a copy of it, so one
    module's claims and decisions never change another's demo, without building it
    again (that took most of the browser tests' time)."""
    templates: dict[str, str] = {}
    sqlite = f"sqlite:///{tmp_path_factory.mktemp('e2e-template')}/demo.db"
    make_database(sqlite).dispose()
    templates["sqlite"] = sqlite
    if "postgresql" in BACKENDS:
        url = _sibling(os.environ["TEST_DATABASE_URL"], f"{SCHEMA}_template")
        admin = _postgres_admin(os.environ["TEST_DATABASE_URL"])
        _recreate(admin, make_url(url).database or "")
        make_database(url).dispose()  # a template may have no open connection
        templates["postgresql"] = url
        admin.dispose()
    yield templates


def copy_of(template: str, directory: Path) -> str:
    """A fresh database holding what the template holds."""
    if template.startswith("sqlite"):
        copy = directory / "e2e.db"
        shutil.copyfile(make_url(template).database or "", copy)
        return f"sqlite:///{copy}"
    url = _sibling(os.environ["TEST_DATABASE_URL"], SCHEMA)
    admin = _postgres_admin(os.environ["TEST_DATABASE_URL"])
    _recreate(admin, make_url(url).database or "", template=make_url(template).database)
    admin.dispose()
    return url


@pytest.fixture(scope="module", params=BACKENDS)
def live_server(request: pytest.FixtureRequest, demo_template: dict[str, str],
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = copy_of(demo_template[request.param], tmp_path_factory.mktemp("e2e"))
    database = Database(url)
    app = create_app({"DATABASE": database, "SECRET_KEY": "e2e-only",
                      "DOCUMENT_DIR": str(tmp_path_factory.mktemp("documenten"))})
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    LIVE[base] = database
    yield base
    del LIVE[base]
    server.shutdown()
    thread.join(timeout=10)
    database.dispose()


@pytest.fixture
def live_database(live_server: str) -> Database:
    return LIVE[live_server]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="nl-NL",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda err: problems.append(f"JavaScript error: {err}"))
    yield page
    context.close()
    assert not problems, "the browser reported:\n" + "\n".join(problems)
