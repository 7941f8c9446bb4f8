"""Browser tests: the real app on a free localhost port, driven by Debian's Chromium.

Fixtures
    live_database the Database behind live_server (to set a scene with the use cases)
    live_server   base URL of the app, served from a thread, on a fresh database
                  (migrated, procedure deployed, the demo loaded) made once per test
                  module, so one module's claims and decisions never change another's demo:
                  SQLite, and PostgreSQL too when TEST_DATABASE_URL is set (in a schema
                  `e2e` of its own, so the integration tests' schema is never touched)
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
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
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


def own_schema(url: str) -> str:
    """A fresh schema on the test database, and the URL that works inside it."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    engine.dispose()
    return make_url(url).update_query_dict(
        {"options": f"-csearch_path={SCHEMA}"}).render_as_string(hide_password=False)


@pytest.fixture(scope="module", params=BACKENDS)
def live_server(request: pytest.FixtureRequest,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('e2e')}/e2e.db"
    else:
        url = own_schema(os.environ["TEST_DATABASE_URL"])
    database = make_database(url)
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
