"""Configuration: defaults, then TOELATING_* and DATABASE_URL from the environment, then
the mapping given to create_app (tests)."""

from __future__ import annotations

import os
import secrets
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
    # No secret in the repo: without one configured, each process makes its own.
    config.setdefault("SECRET_KEY", secrets.token_hex(32))
    return config
