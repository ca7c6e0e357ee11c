"""Dates as data/ holds them."""

from __future__ import annotations

import datetime


def as_date(value: str | datetime.date | None) -> datetime.date | None:
    """A date of data/ (ISO text, or a date when a hand-edited file left it unquoted)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)
