"""Browser assets from npm (package.json, package-lock.json), served from our own host.

Only the files named in VENDOR can be fetched, at /static/vendor/<name>: a URL never
becomes a path into node_modules, so nothing else installed there (sources, licences,
package.json files) is reachable. The public names mirror each package's own folders
where a stylesheet refers to its fonts by a relative url(), so those resolve too.

Pages link an asset with `vendor_url(name)`, which adds a short hash of the file's
content: the answer may then be cached for a year (immutable), and an `npm update`
changes the URL. Nothing is fetched from a CDN, so the CSP can stay `default-src 'self'`.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Blueprint, Flask, abort, current_app, send_file, url_for
from werkzeug.wrappers import Response

ROOT = Path(__file__).resolve().parent.parent
ONE_YEAR = 365 * 24 * 3600
FONTS = "@fontsource-variable/noto-sans/files"
BPMN = "bpmn-js/dist/assets"

# public name under /static/vendor/ -> file under node_modules/
VENDOR: dict[str, str] = {
    "utrecht/component-library.css": "@utrecht/component-library-css/dist/index.css",
    "nl-design-system/voorbeeld-theme.css":
        "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css",
    "fonts/noto-sans-latin-wght-normal.woff2": f"{FONTS}/noto-sans-latin-wght-normal.woff2",
    "fonts/noto-sans-latin-wght-italic.woff2": f"{FONTS}/noto-sans-latin-wght-italic.woff2",
    "fonts/noto-sans-latin-ext-wght-normal.woff2":
        f"{FONTS}/noto-sans-latin-ext-wght-normal.woff2",
    "htmx/htmx.min.js": "htmx.org/dist/htmx.min.js",
    "bpmn-js/bpmn-navigated-viewer.js": "bpmn-js/dist/bpmn-navigated-viewer.production.min.js",
    "bpmn-js/diagram-js.css": f"{BPMN}/diagram-js.css",
    "bpmn-js/bpmn-js.css": f"{BPMN}/bpmn-js.css",
    "bpmn-js/bpmn-font/css/bpmn.css": f"{BPMN}/bpmn-font/css/bpmn.css",
    "bpmn-js/bpmn-font/font/bpmn.woff2": f"{BPMN}/bpmn-font/font/bpmn.woff2",
    "bpmn-js/bpmn-font/font/bpmn.woff": f"{BPMN}/bpmn-font/font/bpmn.woff",
}
MIMETYPES = {".css": "text/css", ".js": "text/javascript", ".woff2": "font/woff2",
             ".woff": "font/woff"}

bp = Blueprint("vendor", __name__)


def init_app(app: Flask) -> None:
    app.config.setdefault("NODE_MODULES", str(ROOT / "node_modules"))
    app.register_blueprint(bp)
    app.add_template_global(vendor_url)


@bp.get("/static/vendor/<path:name>")
def asset(name: str) -> Response:
    relative = VENDOR.get(name)
    if relative is None:
        abort(404)
    path = Path(current_app.config["NODE_MODULES"]) / relative
    if not path.is_file():  # `npm ci` not run: say so in the log, answer 404
        current_app.logger.warning("vendor asset missing: %s (run make install)", path)
        abort(404)
    response = send_file(path, mimetype=MIMETYPES[path.suffix], max_age=ONE_YEAR,
                         conditional=True, etag=True)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


def vendor_url(name: str) -> str:
    """The URL of an allow-listed asset, with a hash of its content for cache busting."""
    if name not in VENDOR:
        raise KeyError(f"{name} is not in web.assets.VENDOR")
    path = Path(current_app.config["NODE_MODULES"]) / VENDOR[name]
    return url_for("vendor.asset", name=name, v=_digest(str(path)))


@cache
def _digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
    except OSError:
        return "missing"
