"""Configuration: defaults, then TOELATING_* and DATABASE_URL from the environment, then
the mapping given to create_app (tests)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": "sqlite:///instance/toelating.db",
    "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
}


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    config = dict(DEFAULTS)
    if "DATABASE_URL" in os.environ:
        config["DATABASE_URL"] = os.environ["DATABASE_URL"]
    for key, value in os.environ.items():
        if key.startswith("TOELATING_"):
            config[key.removeprefix("TOELATING_")] = value
    config.update(overrides or {})
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
