"""Browser assets from npm: only the allow-listed files, cached for a year, never a path
into node_modules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from web.assets import VENDOR

NODE_MODULES = Path(__file__).resolve().parents[3] / "node_modules"


def test_every_allow_listed_asset_is_installed_by_npm_ci():
    missing = [name for name, path in VENDOR.items() if not (NODE_MODULES / path).is_file()]
    assert not missing, f"not in node_modules (run make install): {missing}"


@pytest.mark.parametrize(("name", "mimetype"), [
    ("utrecht/component-library.css", "text/css"),
    ("htmx/htmx.min.js", "text/javascript"),
    ("fonts/noto-sans-latin-wght-normal.woff2", "font/woff2"),
    ("bpmn-js/bpmn-font/font/bpmn.woff2", "font/woff2"),
])
def test_an_allow_listed_asset_is_served_with_long_cache_headers(client, name, mimetype):
    with client.get(f"/static/vendor/{name}") as response:
        assert response.status_code == 200
        assert response.mimetype == mimetype
        cache = response.cache_control
        assert cache.public and cache.immutable and cache.max_age == 365 * 24 * 3600


@pytest.mark.parametrize("path", [
    "/static/vendor/htmx.org/package.json",  # installed, but not on the list
    "/static/vendor/htmx.org/dist/htmx.min.js",  # the real path instead of the public name
    "/static/vendor/../package.json",
    "/static/vendor/utrecht/../../package-lock.json",
    "/static/vendor/%2e%2e/%2e%2e/pyproject.toml",
    "/static/vendor/..%2f..%2fpyproject.toml",
    "/static/vendor//etc/passwd",
    "/static/vendor/utrecht/component-library.css/../../../web/app.py",
])
def test_nothing_else_in_node_modules_or_beyond_can_be_fetched(client, path):
    with client.get(path) as response:
        assert response.status_code == 404
        assert b"SpiffWorkflow" not in response.data and b"lockfileVersion" not in response.data


def test_pages_link_assets_with_a_content_hash_and_never_a_cdn(client):
    page = client.get("/inloggen").get_data(as_text=True)
    links = re.findall(r'(?:href|src)="([^"]+)"', page)
    vendored = [link for link in links if link.startswith("/static/vendor/")]
    assert vendored and all(re.search(r"\?v=[0-9a-f]{12}$", link) for link in vendored)
    assert not [link for link in links if "//" in link]


def test_our_own_static_files_are_still_served(client):
    with client.get("/static/toelating.css") as response:
        assert response.status_code == 200
