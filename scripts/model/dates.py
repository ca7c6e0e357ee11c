"""Dates as data/ holds them."""

from __future__ import annotations

import datetime


def as_date(value: str | datetime.date | None) -> datetime.date | None:
    """A date of data/ (ISO text, or a date when a hand-edited file left it unquoted)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


# The date of a download made before there is any data date: fixed, never today's.
UNDATED = datetime.date(2025, 1, 1)


def midnight(updated: datetime.date | None) -> datetime.datetime:
    """A download's own date and time (workbook, data package, PDF): the data date's
    midnight, so the same data gives the same bytes."""
    day = updated or UNDATED
    return datetime.datetime(day.year, day.month, day.day)


UNFINISHED = ("berjalan", "direncanakan")


def past_end(program: dict, on: datetime.date | None) -> bool:
    """A program still Berjalan/Direncanakan whose end date lies before `on` (the site
    uses the data date, never today's, so the same data gives the same pages)."""
    end = as_date(program.get("end_date"))
    return bool(on and end and end < on and program.get("status") in UNFINISHED)
