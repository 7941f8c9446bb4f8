"""Response headers, the session cookie, and throttling of failed sign-ins.

Headers come from Flask-Talisman: a Content-Security-Policy without inline script or
style (so injected markup cannot run), no framing (clickjacking), no MIME sniffing and
no full referrer to other sites. HTTPS is forced, and the cookie marked Secure, only when
TOELATING_HTTPS is set: local development runs on plain http://127.0.0.1.

The policy stays `default-src 'self'` with the assets of the screens: the NL Design
System CSS, fonts, htmx and bpmn-js are served by us (web/assets.py). htmx is told by a
<meta name="htmx-config"> in base.html not to inject its indicator <style> and not to
eval; bpmn-js draws SVG and sets element styles through the CSSOM (el.style.x = ...),
which a CSP does not govern, and its stylesheets and font come from 'self'. What the
custom Utrecht tick box needs (data: images) we do without (a native tick box). The
browser tests fail on any CSP violation the browser reports, so a page that needs more
is noticed before it ships.

Flask-Limiter counts failed sign-ins (401) per account and per address, so guessing a
password is slow for one account and for one address trying many accounts, while
people who sign in correctly are never counted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_talisman import Talisman
from werkzeug.wrappers import Response

from web.transactions import current_actor

P = ParamSpec("P")
R = TypeVar("R")

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

# Per process, like CSRFProtect; init_app gives each app its own storage.
limiter = Limiter(key_func=get_remote_address)


def init_app(app: Flask) -> None:
    https = bool(app.config["HTTPS"])
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=https)
    Talisman(app, force_https=https, strict_transport_security=https,
             session_cookie_secure=https, content_security_policy=CONTENT_SECURITY_POLICY,
             frame_options="DENY", referrer_policy="same-origin")
    limiter.init_app(app)


def failed_sign_ins(view: Callable[P, R]) -> Callable[P, R]:
    """Throttle a sign-in form: failed POSTs per account and per address."""
    per_account = limiter.limit(_limit("LOGIN_LIMIT_PER_ACCOUNT"), key_func=_account,
                                methods=["POST"], deduct_when=_status(401), scope="account")
    per_address = limiter.limit(_limit("LOGIN_LIMIT_PER_ADDRESS"), key_func=get_remote_address,
                                methods=["POST"], deduct_when=_status(401), scope="address")
    return per_account(per_address(view))


def failed_password_checks(view: Callable[P, R]) -> Callable[P, R]:
    """Throttle a form that asks for the current password again (a wrong one is 422) per
    signed-in person, so a borrowed session cannot be used to guess it."""
    return limiter.limit(_limit("LOGIN_LIMIT_PER_ACCOUNT"), key_func=_signed_in,
                         methods=["POST"], deduct_when=_status(422), scope="password")(view)


def _limit(key: str) -> Callable[[], str]:
    return lambda: str(current_app.config[key])


def _status(code: int) -> Callable[[Response], bool]:
    return lambda response: response.status_code == code


def _signed_in() -> str:
    actor = current_actor()
    return f"user:{actor.user_id}" if actor is not None else get_remote_address()


def _account() -> str:
    """The account named in the form; hashed so the key stays short whatever is sent."""
    email = request.form.get("email", "").strip().lower()
    return "account:" + hashlib.sha256(email.encode("utf-8", "replace")).hexdigest()
