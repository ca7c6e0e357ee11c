"""Dates as data/ holds them."""

from __future__ import annotations

import datetime


def as_date(value: str | datetime.date | None) -> datetime.date | None:
    """A date of data/ (ISO text, or a date when a hand-edited file left it unquoted)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


UNFINISHED = ("berjalan", "direncanakan")


def past_end(program: dict, on: datetime.date | None) -> bool:
    """A program still Berjalan/Direncanakan whose end date lies before `on` (the site
    uses the data date, never today's, so the same data gives the same pages)."""
    end = as_date(program.get("end_date"))
    return bool(on and end and end < on and program.get("status") in UNFINISHED)
