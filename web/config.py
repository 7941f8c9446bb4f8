"""Configuration: defaults, then TOELATING_* and DATABASE_URL from the environment, then
the mapping given to create_app (tests)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": "sqlite:///instance/toelating.db",
    "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    # TOELATING_HTTPS=1 behind TLS: Secure cookie, HSTS, http redirected to https.
    "HTTPS": False,
    # Seconds a writer waits for SQLite's write lock before the user gets a 409.
    "SQLITE_BUSY_TIMEOUT": 30.0,
    # Failed sign-ins; memory:// counts per process, redis://... across processes.
    "RATELIMIT_STORAGE_URI": "memory://",
    "LOGIN_LIMIT_PER_ACCOUNT": "5/minute",
    "LOGIN_LIMIT_PER_ADDRESS": "20/minute",
    # Uploaded documents, outside the web root; empty: <instance folder>/documents.
    "DOCUMENT_DIR": "",
}


def document_dir(config: Mapping[str, Any], instance_path: str) -> Path:
    """Uploaded documents live outside the web root: the instance folder, unless
    TOELATING_DOCUMENT_DIR says otherwise."""
    configured = config.get("DOCUMENT_DIR")
    return Path(configured) if configured else Path(instance_path) / "documents"


def flag(value: Any) -> bool:
    """A yes/no setting, from the environment ("1", "true", "ja") or a test mapping."""
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on", "ja"}
    return bool(value)


# The environment gives strings; Flask and the database need these as numbers and flags.
TYPED: dict[str, Callable[[Any], Any]] = {
    "MAX_CONTENT_LENGTH": int, "WTF_CSRF_TIME_LIMIT": int, "SQLITE_BUSY_TIMEOUT": float,
    "HTTPS": flag,
}


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    config = dict(DEFAULTS)
    if "DATABASE_URL" in os.environ:
        config["DATABASE_URL"] = os.environ["DATABASE_URL"]
    for key, value in os.environ.items():
        if key.startswith("TOELATING_"):
            config[key.removeprefix("TOELATING_")] = value
    config.update(overrides or {})
    for key, kind in TYPED.items():
        config[key] = kind(config[key])
    return config


def secret_key(instance_path: str) -> str:
    """No secret in the repo: without TOELATING_SECRET_KEY, one key is made once and kept
    in the instance folder, so every process and every restart signs alike."""
    path = Path(instance_path) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Written whole, then linked into place: a second process starting at the same
        # moment finds either no key or the complete one, never half of it.
        draft = path.with_name(f".secret_key.{os.getpid()}")
        draft.write_text(secrets.token_hex(32))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()
