"""The Flask app factory. Nothing happens at import time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from web import (
    assets,
    audit,
    auth,
    cases,
    errors,
    forms,
    i18n,
    inputs,
    letters,
    nav,
    officer,
    portal,
    public,
    security,
    transactions,
)
from web.config import load_config, secret_key
from workflows.database import Database

csrf = CSRFProtect()


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(load_config(config))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(app.instance_path)
    # Tests hand in a database bound to their own rolled-back transaction.
    database = app.config.pop("DATABASE", None)
    if database is None:
        _ensure_sqlite_dir(app.config["DATABASE_URL"])
        database = Database(app.config["DATABASE_URL"],
                            busy_timeout=app.config["SQLITE_BUSY_TIMEOUT"])
    app.extensions["toelating.db"] = database
    inputs.init_app(app)  # first: malformed input reaches neither CSRF, limiter nor views
    csrf.init_app(app)
    security.init_app(app)
    transactions.init_app(app)
    errors.init_app(app)
    i18n.init_app(app)
    forms.init_app(app)
    assets.init_app(app)
    nav.init_app(app)
    app.register_blueprint(public.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(cases.bp)
    app.register_blueprint(letters.bp)
    app.register_blueprint(audit.bp)
    app.register_blueprint(officer.blueprint())
    app.register_blueprint(portal.blueprint())
    nav.register(app, *officer.NAV, *portal.NAV, *cases.NAV, *audit.NAV)
    return app


def _ensure_sqlite_dir(url: str) -> None:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
