"""Dates and the Forms `Timestamp` column."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

from babel.dates import get_day_names, get_month_names

from scripts.intake.normalise.base import cached
from scripts.model.codes import invalid
from scripts.model.text import clean, is_empty

# Month and day names as Babel's Indonesian and English locales write them, in full
# and abbreviated (Forms respondents use both languages), plus the colloquial
# spellings found in real answers that no locale has.
_COLLOQUIAL_MONTHS = {
    "pebruari": 2,
    "peb": 2,
    "agt": 8,
    "agus": 8,
    "sept": 9,
    "nopember": 11,
    "nop": 11,
}
_COLLOQUIAL_WEEKDAYS = {
    "jum'at": 4,
    "jum’at": 4,
    "ahad": 6,
    "tues": 1,
    "thur": 3,
    "thurs": 3,
}


def _names(get_names, colloquial: dict[str, int]) -> dict[str, int]:
    table = {
        name.casefold(): number
        for locale in ("id", "en")
        for width in ("wide", "abbreviated")
        for number, name in get_names(width, locale=locale).items()
    }
    return table | colloquial


_MONTHS = _names(get_month_names, _COLLOQUIAL_MONTHS)
_WEEKDAYS = _names(get_day_names, _COLLOQUIAL_WEEKDAYS)  # 0 is Monday, as date.weekday()

_NUMERIC_DATE = re.compile(r"([0-9]{1,4})([/.-])([0-9]{1,2})\2([0-9]{1,4})")
_WEEKDAY_PREFIX = r"(?:(?P<wd>[a-z'’]+)\.?,?\s+)?"
_TEXT_DATE_DMY = re.compile(
    _WEEKDAY_PREFIX
    + r"(?P<d>[0-9]{1,2})\s*[-/ .]?\s*(?P<m>[a-z]+)\.?\s*[-/ .,]?\s*(?P<y>[0-9]{1,4})"
)
_TEXT_DATE_MDY = re.compile(
    _WEEKDAY_PREFIX + r"(?P<m>[a-z]+)\.?\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{1,4})"
)
# A date cell with a time ("2025-04-23 00:00:00"): the date alone is unambiguous.
_TRAILING_TIME = re.compile(
    r"\s+(?:pukul\s+|jam\s+)?[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2})?"
    r"(?:\s*[ap]\.?m\.?)?(?:\s*(?:wib|wita|wit))?$"
)

# How a numeric date is written in each order, for the date_invalid message.
_DATE_HINTS = {
    "dmy": {"pattern": "tanggal/bulan/tahun", "example": "31/01/2025"},
    "mdy": {"pattern": "bulan/tanggal/tahun", "example": "1/31/2025"},
}


def _check_order(order: str) -> None:
    if order not in _DATE_HINTS:
        raise ValueError(f"order must be 'dmy' or 'mdy', not {order!r}")


def _make_date(year: str, month: int | str, day: str, order: str) -> _dt.date:
    if len(year) != 4:
        raise invalid("date_year")
    y = int(year)
    if not 1990 <= y <= 2100:
        raise invalid("date_year")
    try:
        return _dt.date(y, int(month), int(day))
    except ValueError:
        raise invalid("date_invalid", **_DATE_HINTS[order]) from None


def _numeric_date(match: re.Match[str], order: str) -> _dt.date:
    first, _, middle, last = match.groups()
    if len(first) == 4:  # ISO and Forms downloads are year-first whatever the locale
        if len(last) > 2:
            raise invalid("date_invalid", **_DATE_HINTS[order])
        return _make_date(first, middle, last, order)
    if len(first) > 2 or len(last) == 3 or len(last) == 1:
        raise invalid("date_invalid", **_DATE_HINTS[order])
    if order == "dmy":
        return _make_date(last, middle, first, order)
    return _make_date(last, first, middle, order)


@cached
def _date(value: str, order: str) -> _dt.date | None:
    c = clean(value)
    if is_empty(c):
        return None
    s = c.casefold()
    if len(s) > 60:
        raise invalid("date_invalid", **_DATE_HINTS[order])
    match = _NUMERIC_DATE.fullmatch(s)
    if match is not None:
        return _numeric_date(match, order)
    s = _TRAILING_TIME.sub("", s)
    match = _NUMERIC_DATE.fullmatch(s)
    if match is not None:
        return _numeric_date(match, order)
    match = _TEXT_DATE_DMY.fullmatch(s) or _TEXT_DATE_MDY.fullmatch(s)
    if match is None or match.group("m") not in _MONTHS:
        raise invalid("date_invalid", **_DATE_HINTS[order])
    result = _make_date(match.group("y"), _MONTHS[match.group("m")], match.group("d"), order)
    weekday = match.group("wd")
    if weekday is not None:
        expected = _WEEKDAYS.get(weekday)
        if expected is None:
            raise invalid("date_invalid", **_DATE_HINTS[order])
        if expected != result.weekday():
            # Either the day name or the date is wrong; neither can be chosen.
            raise invalid("date_weekday_mismatch")
    return result


def date(value: str, order: str = "dmy") -> _dt.date | None:
    """A calendar date; numeric forms read in ``order`` ("dmy" or "mdy")."""
    _check_order(order)
    if not value:
        return None
    return _date(value, order)


_TIMESTAMP = re.compile(
    r"(?P<date>[0-9]{1,4}([/.-])[0-9]{1,2}\2[0-9]{1,4})"
    r"(?:(?:\s+|t)(?P<h>[0-9]{1,2})[:.](?P<mi>[0-9]{2})(?:[:.](?P<s>[0-9]{2})(?:[.,][0-9]{1,6})?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?)?"
    r"\s*(?:(?:gmt|utc)\s*(?:[+-]\s*[0-9]{1,2}(?::?[0-9]{2})?)?|z|[+-][0-9]{2}:?[0-9]{2}|wib|wita|wit)?"
)


# What Google Forms and Sheets actually write, read with the (cached) date():
# "23/04/2025 10:15:32", "2025/04/23 10:15:32 AM GMT+7".
_TIMESTAMP_FAST = re.compile(
    r"([0-9/.-]{8,10}) ([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?: ([AP])M)?(?: GMT[+-][0-9]{1,2})?"
)


def timestamp(value: str, order: str = "dmy") -> _dt.datetime | None:
    """The Forms `Timestamp` column as naive local time (any zone suffix ignored)."""
    _check_order(order)
    fast = _TIMESTAMP_FAST.fullmatch(value)
    if fast is not None and _NUMERIC_DATE.fullmatch(fast.group(1)):
        day = _date(fast.group(1), order)
        hour, minute, second = int(fast.group(2)), int(fast.group(3)), int(fast.group(4))
        ampm = fast.group(5)
        if ampm is not None and 1 <= hour <= 12:
            hour = hour % 12 + (12 if ampm == "P" else 0)
            ampm = None
        if ampm is None and hour <= 23 and minute <= 59 and second <= 59:
            return _dt.datetime(day.year, day.month, day.day, hour, minute, second)
    c = clean(value)
    if is_empty(c):
        return None
    s = c.casefold()
    match = _TIMESTAMP.fullmatch(s) if len(s) <= 60 else None
    if match is None:
        raise invalid("timestamp_invalid")
    day = _numeric_date(_NUMERIC_DATE.fullmatch(match.group("date")), order)
    if match.group("h") is None:
        return _dt.datetime(day.year, day.month, day.day)
    hour, minute = int(match.group("h")), int(match.group("mi"))
    second = int(match.group("s") or 0)
    ampm = match.group("ampm")
    if ampm is not None:
        if not 1 <= hour <= 12:
            raise invalid("timestamp_invalid")
        hour = hour % 12 + (12 if ampm[0] == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise invalid("timestamp_invalid")
    return _dt.datetime(day.year, day.month, day.day, hour, minute, second)


_DAY_MONTH = re.compile(r"\s*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-][0-9]{4}\b")


def timestamp_order(values: Iterable[str], default: str = "dmy") -> str:
    """The date order of a Timestamp column, from its own unambiguous values.

    Google writes the whole column in the spreadsheet's locale: one `23/4/2025`
    proves day-first, one `4/23/2025` month-first. Without such proof, or with
    proof both ways, the configured order stands.
    """
    day_first = month_first = False
    for value in values:
        match = _DAY_MONTH.match(value)
        if match:
            day_first |= int(match.group(1)) > 12
            month_first |= int(match.group(2)) > 12
    if day_first != month_first:
        return "dmy" if day_first else "mdy"
    return default
