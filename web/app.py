"""The Flask app factory. Nothing happens at import time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, render_template
from flask_wtf.csrf import CSRFProtect

from web import auth, cases, public
from web.config import load_config, secret_key
from workflows.database import Database
from workflows.errors import ToelatingError

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
        database = Database(app.config["DATABASE_URL"])
    app.extensions["toelating.db"] = database
    csrf.init_app(app)
    app.register_blueprint(public.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(cases.bp)
    app.register_error_handler(ToelatingError, _domain_error)
    app.register_error_handler(404, lambda e: (render_template("error.html", message=(
        "Deze pagina bestaat niet.")), 404))
    return app


def _domain_error(err: ToelatingError) -> tuple[str, int]:
    return render_template("error.html", message=err.message), err.status


def _ensure_sqlite_dir(url: str) -> None:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
