"""Indonesian formats of the site: `Rp1.500.000`, `23 April 2025`, `1.200`, `67%`.

Babel's Indonesian locale gives the digit grouping and month names; the rupiah
sign is written as PUEBI does, directly before the number, with no space.
"""

from __future__ import annotations

import datetime
import functools
import textwrap

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent, parse_pattern

from scripts.model.dates import as_date

LOCALE = "id"
# Parsed once: the site formats some 100,000 numbers and dates at 10,000 programs.
_LOCALE = Locale.parse(LOCALE)
_GROUPED = parse_pattern("#,##0")
MISSING = "–"  # shown for an unknown (null) value, never a guessed zero


@functools.cache  # a page set repeats its amounts and dates: babel is slow per call
def number(value: int | None) -> str:
    """`1200` → `1.200`."""
    if value is None:
        return MISSING
    return _GROUPED.apply(value, _LOCALE)


def rupiah(value: int | None) -> str:
    """`1500000` → `Rp1.500.000` (whole rupiah)."""
    if value is None:
        return MISSING
    return "Rp" + number(value)


def rupiah_compact(value: int | None) -> str:
    """`38416000000` → `Rp38,4 miliar`: how a headline amount is said and quoted.
    Below a million the exact amount reads as easily (`Rp850.000`)."""
    if value is None or abs(value) < 1_000_000:
        return rupiah(value)
    words = format_compact_decimal(value, format_type="long", locale=LOCALE, fraction_digits=1)
    return "Rp" + words


def change(ratio: float | None, delta: int | None) -> str:
    """A change against the year before in words: "naik 12%", "turun 5%", "tetap"."""
    if delta is None:
        return MISSING
    if delta == 0:
        return "tetap"
    word = "naik" if delta > 0 else "turun"
    return f"{word} {percent(abs(ratio))}" if ratio is not None else word


def percent(share: float | None) -> str:
    """`0.667` → `67%`."""
    if share is None:
        return MISSING
    return format_percent(share, format="#,##0%", locale=LOCALE)


@functools.cache
def date(value: str | datetime.date | None) -> str:
    """`2025-04-23` → `23 April 2025`."""
    day = as_date(value)
    if day is None:
        return MISSING
    return format_date(day, "d MMMM y", locale=_LOCALE)


def years(values: list[int]) -> str:
    """The period the figures cover: "2024–2025", "2025", or "" without a year."""
    if not values:
        return ""
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}–{high}"


def filesize(size: int) -> str:
    """`2350000` → `2,2 MB`: a download's size, in the units a reader on a slow line weighs."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return format_decimal(size / scale, format="#,##0.#", locale=LOCALE) + " " + unit
    return f"{size} B"


def label_lines(label: str, width: int = 13) -> list[str]:
    """A label on at most two short lines, for a square of the kecamatan map; what does
    not fit ends in "…" (the chart beside the map names it in full)."""
    return textwrap.wrap(label, width, max_lines=2, placeholder="…") or [""]
