"""Numbers: rupiah amounts and counts, in the ways people write them."""

from __future__ import annotations

import re

from scripts.intake.normalise.base import cached
from scripts.model.codes import invalid
from scripts.model.text import clean, is_empty


class _NumberError(Exception):
    """A number that does not parse; kind: invalid | fraction | ambiguous."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _grouped(groups: list[str]) -> bool:
    """Thousands grouping: 1–3 digits (no leading 0), then groups of exactly 3."""
    first = groups[0]
    return (
        0 < len(first) <= 3
        and first[0] != "0"
        and all(len(g) == 3 and g.isdigit() for g in groups[1:])
    )


def _number_parts(num: str, multiplier: bool) -> tuple[str, str]:
    """Split a written number into (integer digits, decimal digits).

    ``num`` starts and ends with a digit and holds only digits, ``.``, ``,``
    and spaces. With a multiplier word ("1,5 juta") a single separator is a
    decimal point unless 3 digits follow it ("1.500 juta" reads both ways).
    """
    if num.isdigit():
        return num, ""
    if " " in num:
        groups = num.split(" ")
        if "." in num or "," in num or not _grouped(groups):
            raise _NumberError("invalid")
        return "".join(groups), ""
    dots, commas = num.count("."), num.count(",")
    if dots and commas:
        decimal = "," if num.rindex(",") > num.rindex(".") else "."
        thousands = "." if decimal == "," else ","
        if num.count(decimal) != 1:
            raise _NumberError("invalid")
        head, fraction = num.split(decimal)
        groups = head.split(thousands)
        if not fraction or not _grouped(groups):
            raise _NumberError("invalid")
        return "".join(groups), fraction
    parts = num.split("." if dots else ",")
    if "" in parts:
        raise _NumberError("invalid")
    if len(parts) == 2:
        head, tail = parts
        if len(tail) == 3 and _grouped(parts):
            if multiplier:
                raise _NumberError("ambiguous")
            return head + tail, ""
        return head, tail
    if not _grouped(parts):
        raise _NumberError("invalid")
    if multiplier:
        # "1.500.000 juta" is almost always a typo for 1.500.000.
        raise _NumberError("ambiguous")
    return "".join(parts), ""


def _whole(num: str, multiplier: int | None) -> int:
    """The integer a written number stands for, times the multiplier."""
    integer_part, fraction = _number_parts(num, multiplier is not None)
    if len(integer_part) + len(fraction) > 30:
        raise _NumberError("too_large")
    if multiplier is None:
        if fraction:
            # Only a zero "sen" part is harmless: 150.000,00.
            if len(fraction) > 2:
                raise _NumberError("invalid")
            if fraction.strip("0"):
                raise _NumberError("fraction")
        return int(integer_part)
    scaled = int(integer_part + fraction) * multiplier
    divisor = 10 ** len(fraction)
    if scaled % divisor:
        raise _NumberError("fraction")
    return scaled // divisor


_MULTIPLIERS: dict[str, int] = {
    "rb": 10**3,
    "ribu": 10**3,
    "k": 10**3,
    "jt": 10**6,
    "juta": 10**6,
    # Indonesian M is miliar (10^9), not million.
    "m": 10**9,
    "miliar": 10**9,
    "milyar": 10**9,
    "milliar": 10**9,
    "miliyar": 10**9,
    "t": 10**12,
    "triliun": 10**12,
    "trilyun": 10**12,
    "trilliun": 10**12,
}

_FOREIGN = re.compile(
    r"[$€£¥₩₹]|\b(?:usd|eur|euro|euros|sgd|gbp|jpy|yen|myr|ringgit|aud|cny|rmb|yuan|"
    r"dollar|dollars|dolar)\b"
)
_APPROX = re.compile(
    r"\b(?:sekitar|kurang|lebih|kurleb|kira|kisaran|hingga|sampai|sd|s/d|s\.d|antara|"
    r"minimal|maksimal|maks|max|min|atau|rata|estimasi|perkiraan|approx|about|around|up to)\b"
    r"|[±~≈<>≤≥+]|[0-9]\s*[-–—]\s*(?:rp\.?\s*)?[0-9]|\bs/d"
)
# Markup, formulas and quotes: junk, not a badly written amount ("=SUM(A1)").
_NOT_A_NUMBER = re.compile(r"[=\"`{}\[\]\\|^*#@;!?]|</?[a-z]")
_NEGATIVE = re.compile(r"(?:-|−|–|—|minus\b)\s*(?:rp|idr)?\.?\s*[0-9]")
_CURRENCY_PREFIX = re.compile(r"(?:rp|idr)\s*\.?\s*")
_MONEY_SUFFIX = re.compile(r"\s*(?:[.,]\s*-+|rupiah|idr|rp\.?)$")
_MONEY_BODY = re.compile(r"(?P<num>[0-9](?:[0-9., ]*[0-9])?)\s*(?:(?P<mult>[a-z]+)\.?)?")

# A number that does not parse (`_NumberError.kind`) → its code, per kind of answer.
_MONEY_CODES = {
    "invalid": "money_invalid",
    "fraction": "money_fraction",
    "ambiguous": "money_two_readings",  # "1.500 juta": 1,5 or 1500 million
    "too_large": "money_too_large",
    "negative": "money_negative",
    "approximate": "money_ambiguous",  # "sekitar 100 juta", "5-10 juta"
}


def _bounded(num: str, multiplier: int | None, codes: dict[str, str], limit: int) -> int:
    """The number `_whole` reads, at most `limit`; its failures as the kind's codes."""
    try:
        value = _whole(num, multiplier)
    except _NumberError as error:
        raise invalid(codes[error.kind]) from None
    if value > limit:
        raise invalid(codes["too_large"])
    return value


def _screen(s: str, codes: dict[str, str], unprefixed: str | None = None) -> None:
    """What no amount or count can be: markup or a formula, a negative number (also
    after a currency prefix), a range or an estimate."""
    if _NOT_A_NUMBER.search(s):
        raise invalid(codes["invalid"])
    if _NEGATIVE.match(s) or (unprefixed is not None and _NEGATIVE.match(unprefixed)):
        raise invalid(codes["negative"])
    if _APPROX.search(s):
        raise invalid(codes["approximate"])


# The common spellings, read without the general parser's checks (which they
# would pass): "Rp 150.000.000", "Rp150.000.000,00", "Rp. 1.000.000,-", "75000000".
# At most 15 digits, so never above the 10^15 limit.
_MONEY_PLAIN = re.compile(
    r"(?:rp\.? ?|idr ?)?([1-9][0-9]{0,2}(?:\.[0-9]{3}){1,4}|[0-9]{1,15})(?:,00|,-)?", re.IGNORECASE
)
_MONEY_WORD = re.compile(r"([1-9][0-9]{0,2}) ?(ribu|rb|juta|jt|miliar|milyar)", re.IGNORECASE)


@cached
def money(value: str) -> int | None:
    """Whole rupiah from the ways people write amounts; see module tests."""
    c = clean(value)
    plain = _MONEY_PLAIN.fullmatch(c)
    if plain is not None:
        return int(plain.group(1).replace(".", ""))
    word = _MONEY_WORD.fullmatch(c)
    if word is not None:
        return int(word.group(1)) * _MULTIPLIERS[word.group(2).lower()]
    if is_empty(c):
        return None
    s = c.casefold()
    if len(s) > 60:
        raise invalid("money_invalid")
    if _FOREIGN.search(s):
        raise invalid("money_foreign_currency")
    _screen(s, _MONEY_CODES, _CURRENCY_PREFIX.sub("", s, count=1))
    if s.startswith(("rp", "idr")):
        s = _CURRENCY_PREFIX.sub("", s, count=1)
    while True:  # "150 juta rupiah", "Rp 1.000.000,-", "5.000.000 IDR"
        trimmed = _MONEY_SUFFIX.sub("", s)
        if trimmed == s:
            break
        s = trimmed
    body = _MONEY_BODY.fullmatch(s)
    if body is None:
        raise invalid("money_invalid")
    word = body.group("mult")
    multiplier = None
    if word is not None:
        multiplier = _MULTIPLIERS.get(word)
        if multiplier is None:
            raise invalid("money_invalid")
    return _bounded(body.group("num"), multiplier, _MONEY_CODES, 10**15)


_INTEGER_BODY = re.compile(
    r"(?P<num>[0-9](?:[0-9., ]*[0-9])?)\s*(?P<unit>[a-z][a-z .'/()-]{0,40})?"
)
# "250", "1.200", "300 orang", "50 KK": read without the general parser's checks.
_INTEGER_FAST = re.compile(
    r"([0-9]{1,9}|[1-9][0-9]{0,2}(?:\.[0-9]{3}){1,2})"
    r"(?: ?(?:orang|org|jiwa|kk|keluarga|siswa|murid|pelajar|anak|peserta|warga|penerima|"
    r"lansia|umkm|pelaku umkm|kepala keluarga|rumah tangga|unit))?",
    re.IGNORECASE,
)
_MULTIPLIER_WORD = re.compile(r"\b(?:rb|ribu|k|jt|juta|m|miliar|milyar|t|triliun|rp|idr)\b")
_INTEGER_CODES = {
    "invalid": "integer_invalid",
    "fraction": "integer_fraction",
    "ambiguous": "integer_ambiguous",
    "too_large": "integer_too_large",
    "negative": "integer_negative",
    "approximate": "integer_ambiguous",
}


@cached
def integer(value: str) -> int | None:
    """A count (beneficiaries): `1.200`, `300 orang`, `50 KK`."""
    c = clean(value)
    fast = _INTEGER_FAST.fullmatch(c)
    if fast is not None:
        return int(fast.group(1).replace(".", ""))
    if is_empty(c):
        return None
    s = c.casefold()
    if len(s) > 60:
        raise invalid("integer_invalid")
    _screen(s, _INTEGER_CODES)
    body = _INTEGER_BODY.fullmatch(s)
    unit = body and body.group("unit")
    # "300 ribu" is not 300 people; a second number is not one count.
    if body is None or (unit and _MULTIPLIER_WORD.search(unit)):
        raise invalid("integer_invalid")
    return _bounded(body.group("num"), None, _INTEGER_CODES, 10**9)
