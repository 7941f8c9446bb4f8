"""Language and dates: Dutch (the source language of every string) by default, English
on request, and dates written out the way people read them.

A visitor picks a language with `?taal=en` (the footer's link does that on any page);
the choice is kept in the `taal` cookie. Browser preferences are deliberately not read:
the application is Dutch first, and an English browser should not surprise a Dutch
case worker. Messages that come from workflows/ (Dutch error texts, labels of the task
registry) stay Dutch for now.

Dates go through Jinja filters built on babel.dates, always in Europe/Amsterdam:
`datum` (vrijdag 11 december 2026), `datumtijd` (vrijdag 11 december 2026 om 09:00) and
`datum_kort` (11-12-2026); in English they follow the English conventions.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from babel import dates
from flask import Flask, request
from flask_babel import Babel, get_locale, gettext
from werkzeug.wrappers import Response

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT = "nl"
COOKIE = "taal"
ZONE = ZoneInfo("Europe/Amsterdam")


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale, default_locale=DEFAULT,
          default_timezone="Europe/Amsterdam")
    app.after_request(_remember_choice)
    app.add_template_filter(datum)
    app.add_template_filter(datumtijd)
    app.add_template_filter(datum_kort)
    app.context_processor(_language_links)


def select_locale() -> str:
    asked = request.args.get(COOKIE) or request.cookies.get(COOKIE)
    return asked if asked in LANGUAGES else DEFAULT


def _remember_choice(response: Response) -> Response:
    asked = request.args.get(COOKIE)
    if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax",
                            httponly=True, secure=request.is_secure)
    return response


def _language_links() -> dict[str, Any]:
    """`language` for <html lang>, and a link to this page in every other language."""
    current = str(get_locale() or DEFAULT)
    others = []
    for code, name in LANGUAGES.items():
        if code != current:
            query = {k: v for k, v in request.args.items() if k != COOKIE} | {COOKIE: code}
            others.append({"code": code, "name": name,
                           "url": f"{request.path}?{urlencode(query)}"})
    return {"language": current, "other_languages": others}


def _locale() -> str:
    return str(get_locale() or DEFAULT)


def _local(moment: datetime) -> datetime:
    # Naive moments in this application are UTC (the database stores UTC).
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(ZONE)


def _day(value: date | datetime) -> date:
    return _local(value).date() if isinstance(value, datetime) else value


def datum(value: date | datetime | None) -> str:
    """vrijdag 11 december 2026"""
    if value is None:
        return ""
    return dates.format_date(_day(value), "full", locale=_locale())


def datum_kort(value: date | datetime | None) -> str:
    """11-12-2026"""
    if value is None:
        return ""
    return dates.format_date(_day(value), "short", locale=_locale())


def datumtijd(value: datetime | None) -> str:
    """vrijdag 11 december 2026 om 09:00 (Amsterdam time)"""
    if value is None:
        return ""
    local = _local(value)
    time = dates.format_time(local, "short", tzinfo=ZONE, locale=_locale())
    return str(gettext("%(day)s om %(time)s", day=datum(local), time=time))
