"""Every error a request can end in, answered the way the request asked for it.

Domain errors (workflows.errors) and HTTP errors (404, 405, 413, a failed CSRF check, too
many attempts, an unexpected failure) become one `Problem`: a stable `code`, a Dutch
detail, and field errors for invalid input. A browser gets a Dutch page; a JSON client
(Accept: application/json, or any path under /api/) gets `application/problem+json`
(RFC 9457). Neither ever shows a stack trace. A visitor who must sign in is sent to the
sign-in page with the way back; a JSON client gets 401.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from flask import Flask, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, HTTPException, MethodNotAllowed
from werkzeug.wrappers import Response

from web.transactions import refused
from workflows.errors import InvalidInput, RateLimited, SignInRequired, ToelatingError

PROBLEM_JSON = "application/problem+json"
TITLES = {
    "bad_request": _l("Ongeldig verzoek"), "csrf_failed": _l("Formulier verlopen"),
    "sign_in_required": _l("Inloggen nodig"), "not_allowed": _l("Niet toegestaan"),
    "not_found": _l("Niet gevonden"), "method_not_allowed": _l("Methode niet toegestaan"),
    "conflict": _l("Tegelijk gewijzigd"), "too_large": _l("Te groot"),
    "invalid_input": _l("Ongeldige invoer"), "rate_limited": _l("Te veel pogingen"),
    "procedure_failed": _l("Stap mislukt"), "damaged_log": _l("Log beschadigd"),
    "internal_error": _l("Interne fout"),
}
HTTP_PROBLEMS = {
    400: ("bad_request", _l("Het verzoek is ongeldig.")),
    401: ("sign_in_required", _l("Log eerst in.")),
    403: ("not_allowed", _l("U heeft geen toegang tot deze pagina.")),
    404: ("not_found", _l("Deze pagina bestaat niet.")),
    405: ("method_not_allowed", _l("Dit adres kan dit soort verzoek niet verwerken.")),
    413: ("too_large", _l("De verzonden gegevens zijn te groot.")),
    500: ("internal_error", _l("Er ging iets mis aan onze kant. Probeer het later opnieuw.")),
}
CSRF_FAILED = _l("Het formulier is verlopen of komt niet van deze site. Laad de pagina "
                 "opnieuw en probeer het nog eens.")
TOO_MANY = _l("Te veel mislukte pogingen. Wacht een minuut en probeer het dan opnieuw.")


@dataclass(frozen=True)
class Problem:
    status: int
    code: str
    detail: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


class Malformed(BadRequest):
    """A request no view should see (bad encoding, a NUL byte, deep nesting); its
    description is the Dutch detail."""


def init_app(app: Flask) -> None:
    app.register_error_handler(ToelatingError, domain_error)
    app.register_error_handler(HTTPException, http_error)


def domain_error(err: ToelatingError) -> Response:
    refused()
    if isinstance(err, SignInRequired) and not wants_json():
        return redirect(url_for("auth.login", volgende=_here()))
    fields = err.fields if isinstance(err, InvalidInput) else {}
    return respond(Problem(err.status, err.code, err.message, fields))


def http_error(err: HTTPException) -> Response:
    """Also reached for an unexpected exception, as InternalServerError (500)."""
    refused()
    status = err.code or 500
    code, detail = HTTP_PROBLEMS.get(status, (f"http_{status}", _l("Het verzoek kon niet "
                                                                   "worden verwerkt.")))
    headers: dict[str, str] = {}
    if isinstance(err, Malformed):
        detail = str(err.description)
    elif isinstance(err, CSRFError):
        code, detail = "csrf_failed", CSRF_FAILED
    elif isinstance(err, RateLimitExceeded):
        code, detail = RateLimited.code, TOO_MANY
        headers["Retry-After"] = str(err.limit.limit.get_expiry())
    elif isinstance(err, MethodNotAllowed) and err.valid_methods:
        headers["Allow"] = ", ".join(err.valid_methods)
    return respond(Problem(status, code, str(detail), headers=headers))


def respond(problem: Problem) -> Response:
    response = _json(problem) if wants_json() else _html(problem)
    response.headers.update(problem.headers)
    return response


def _json(problem: Problem) -> Response:
    body: dict[str, object] = {
        "type": f"urn:toelating:problem:{problem.code}",
        "title": _title(problem.code), "status": problem.status,
        "detail": problem.detail, "code": problem.code,
    }
    if problem.code == "invalid_input":
        body["fields"] = problem.fields
    return Response(json.dumps(body, ensure_ascii=False), problem.status,
                    mimetype=PROBLEM_JSON)


def _html(problem: Problem) -> Response:
    page = render_template("error.html", problem=problem,
                           title=_title(problem.code))
    return Response(page, problem.status, mimetype="text/html")


def _title(code: str) -> str:
    return str(TITLES.get(code) or _("Fout"))


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json", PROBLEM_JSON])
    return best in ("application/json", PROBLEM_JSON)


def _here() -> str:
    """The page to come back to after signing in (with its query, if any)."""
    return request.full_path if request.query_string else request.path
