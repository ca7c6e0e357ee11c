"""Identifiers: NIB, need codes, the identity key of a business name, slugs."""

from __future__ import annotations

import re
import unicodedata

from scripts.intake.normalise.base import cached
from scripts.model import names
from scripts.model.codes import invalid
from scripts.model.text import clean, is_empty


@cached
def name_key(value: str) -> str:
    """Identity key of a business name: folded, legal form at the front."""
    forms, words = names.split_forms(value)
    return " ".join(forms + words)


_SLUG_TRANSLIT = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ł": "l",
        "Ł": "l",
        "ı": "i",
        # Apostrophes join: "Jum'at" → "jumat", not "jum-at".
        "'": "",
        "’": "",
        "`": "",
    }
)
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


@cached
def slug(value: str, max_length: int = 60) -> str:
    """URL-safe id: lowercase ASCII letters, digits and single dashes."""
    if not value.isascii():
        value = unicodedata.normalize("NFKD", value.translate(_SLUG_TRANSLIT))
        value = value.encode("ascii", "ignore").decode("ascii")
    else:
        value = value.translate(_SLUG_TRANSLIT)
    result = _SLUG_JUNK.sub("-", value.lower()).strip("-")
    if len(result) > max_length:
        cut = result[:max_length]
        if result[max_length] != "-" and "-" in cut:
            cut = cut[: cut.rindex("-")]
        result = cut.strip("-")
    return result


_NIB_SEPARATORS = str.maketrans("", "", " .-")


def nib(value: str) -> str | None:
    """Nomor Induk Berusaha: exactly 13 digits, kept as text (leading 0 kept)."""
    if len(value) == 13 and value.isdigit() and value.isascii():
        return value
    c = clean(value)
    if is_empty(c):
        return None
    # A leading apostrophe is how Sheets is told to keep a number as text.
    digits = c.removeprefix("'").translate(_NIB_SEPARATORS)
    if len(digits) == 13 and digits.isdigit() and digits.isascii():
        return digits
    if "e+" in c.casefold():
        raise invalid("nib_scientific")
    raise invalid("nib_invalid")


_NEED_CODE = re.compile(r"[A-Z0-9][A-Z0-9.-]{0,31}")
# Sheets autocorrect turns "-" into dashes that look the same.
_NEED_CODE_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", " ": None})


def need_code(value: str) -> str | None:
    """A regional-need code, upper-cased; it becomes a URL path segment."""
    if value.isupper() and _NEED_CODE.fullmatch(value):
        return value
    c = clean(value)
    if is_empty(c):
        return None
    code = c.upper().translate(_NEED_CODE_DASHES)
    if not code.isascii() or _NEED_CODE.fullmatch(code) is None:
        raise invalid("need_code_invalid")
    return code
