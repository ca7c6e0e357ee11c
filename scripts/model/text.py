"""Text safety: the one table of characters that text never keeps, and folding.

Form answers are untrusted text. `clean()` removes what no reader can see
(controls, zero-width and bidi marks) before anything is stored; the writers
remove, from what is stored, what their own format cannot hold (`XML_ILLEGAL`,
`FRONT_MATTER_UNSAFE`). All of them are cut from the same ranges below.
"""

from __future__ import annotations

import re
import unicodedata

TAB, LF, VT, FF, CR, NEL = 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85
C0 = frozenset(range(0x00, 0x20))
C1 = frozenset([0x7F, *range(0x80, 0xA0)])
SURROGATES = frozenset(range(0xD800, 0xE000))
# Noncharacters that YAML, XML (XLSX, Atom) and front matter cannot hold.
NONCHARACTERS = frozenset([0xFFFE, 0xFFFF])
LINE_SEPARATORS = frozenset([0x2028, 0x2029])


def char_class(points: frozenset[int]) -> re.Pattern[str]:
    """A pattern matching any one of the code points."""
    return re.compile("[" + "".join(re.escape(chr(p)) for p in sorted(points)) + "]")


# What XML 1.0 cannot hold even escaped: removed from text written to XLSX and Atom.
XML_ILLEGAL = char_class((C0 - {TAB, LF, CR}) | SURROGATES | NONCHARACTERS)
# What a page's front matter or body must not carry: Python-Markdown uses STX/ETX as
# placeholders, and a front matter YAML cannot read is rendered as Markdown instead.
FRONT_MATTER_UNSAFE = char_class((C0 - {TAB, LF, CR}) | (C1 - {NEL}) | SURROGATES | NONCHARACTERS)
# Anything in a value that needs more than HTML escaping (line breaks included).
NEEDS_CLEANING = char_class(C0 | C1 | LINE_SEPARATORS | SURROGATES | NONCHARACTERS)


def _invisible_table() -> dict[int, None]:
    """Code points deleted by clean(): controls, zero-width and bidi marks.

    Whitespace controls (tab, newlines, U+001C–001F, NEL) are kept: str.split()
    and str.splitlines() turn them into word and line breaks instead of gluing
    words together.
    """
    keep = {TAB, LF, VT, FF, CR, 0x1C, 0x1D, 0x1E, 0x1F, NEL}
    points = [*C0, *C1]
    points += [
        0x00AD,  # soft hyphen: invisible, would split a name in two for fold()
        0x034F,  # combining grapheme joiner
        0x061C,  # Arabic letter mark (bidi)
        0x180E,  # Mongolian vowel separator
        *range(0x200B, 0x2010),  # zero-width space/non-joiner/joiner, LRM, RLM
        *range(0x202A, 0x202F),  # bidi embeddings and overrides
        *range(0x2060, 0x2065),  # word joiner, invisible operators
        *range(0x2066, 0x206A),  # bidi isolates
        0xFEFF,  # BOM / zero-width no-break space
        *SURROGATES,  # lone surrogates cannot be written as UTF-8
        *range(0xFDD0, 0xFDF0),  # noncharacters …
        *NONCHARACTERS,
    ]
    return {p: None for p in points if p not in keep}


_INVISIBLE = _invisible_table()


def strip_invisible(value: str) -> str:
    """Delete invisible characters, then compose to NFC."""
    if value.isascii():
        return value if value.isprintable() else value.translate(_INVISIBLE)
    # Deleting first: a removed joiner can bring a letter and its accent together.
    value = value.translate(_INVISIBLE)
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return value


def clean(value: str) -> str:
    """NFC text without control/zero-width/bidi characters, spaces collapsed."""
    if not value:
        return ""
    if value.isascii() and value.isprintable():
        return " ".join(value.split())
    return " ".join(strip_invisible(value).split())


_PLACEHOLDER_CHARS = frozenset("-–—_.·/ ")
_NOTHING = frozenset({"tidak ada", "tdk ada", "belum ada", "n/a", "n.a.", "na", "none", "null"})


def is_blank(cleaned: str) -> bool:
    """An empty answer: nothing, or only dashes/dots typed to fill a field."""
    return not cleaned or (len(cleaned) <= 8 and _PLACEHOLDER_CHARS.issuperset(cleaned))


def is_empty(cleaned: str) -> bool:
    """An empty answer to a typed field: also `tidak ada`, `N/A` …"""
    return is_blank(cleaned) or (len(cleaned) <= 9 and cleaned.casefold() in _NOTHING)


_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(value: str) -> str:
    """Fold a label for matching: case, accents, punctuation and spacing ignored."""
    if value.isascii():  # NFKD changes nothing there
        return _NON_WORD.sub(" ", value.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", ascii_only).strip()


def header_key(header: str) -> str:
    """A column header as headers are matched: spaces collapsed, case folded."""
    return " ".join(header.split()).casefold()
