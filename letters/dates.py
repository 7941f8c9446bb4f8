"""Dates as a Dutch letter writes them: "3 maart 2027", never a format the reader decodes."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def as_date(value: date | str) -> date:
    """A date from a date or an ISO text (case data keeps dates as ISO text)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def dutch_date(value: date | str) -> str:
    """3 maart 2027"""
    day = as_date(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def dutch_long_date(value: date | str) -> str:
    """woensdag 3 maart 2027"""
    day = as_date(value)
    return f"{WEEKDAYS[day.weekday()]} {dutch_date(day)}"
