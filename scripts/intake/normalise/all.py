"""Normalisers: one raw Google Forms / Sheets cell in, one clean value out.

Every public function is pure and takes the cell text exactly as the sheet gave
it, junk included (HTML, formulas, control characters, 50 KB pastes). It returns
the normalised value, None for an empty answer, or raises
``InvalidValue(code, message)`` when the answer cannot be normalised without
guessing. ``code`` is a stable snake_case identifier for programs and tests;
``message`` is a short Indonesian sentence for the secretariat and never repeats
the cell's value, which may be personal data.

A cell holding only dashes or dots (``-``, ``--``, ``.``) is an empty answer
everywhere; typed fields (money, counts, dates, codes, choices …) also treat
``tidak ada`` / ``belum ada`` / ``N/A`` as empty.

Nothing here escapes output: text keeps ``<``, ``{{`` or a leading ``=`` as
typed. The writers (HTML/Markdown templates, CSV/XLSX export) escape for their
own format.

The pipeline normalises about 20 cells per row at 20,000 rows/s, so the hot
paths avoid work: ASCII fast paths, precompiled patterns, and lru caches on the
lookups whose answers repeat (sectors, kecamatan, statuses, checkboxes …).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from scripts.model import reference

__all__ = [
    "CONTACT_MASKS",
    "InvalidValue",
    "beneficiary_groups",
    "business_name",
    "choice",
    "choices",
    "clean",
    "consent",
    "contribution_types",
    "date",
    "email",
    "integer",
    "kecamatan",
    "kecamatan_list",
    "legal_form",
    "long_text",
    "mask_contacts",
    "money",
    "name_key",
    "need_code",
    "need_status",
    "nib",
    "ownership",
    "phone",
    "program_status",
    "sector",
    "sectors",
    "slug",
    "text",
    "timestamp",
    "timestamp_order",
    "url",
    "urls",
    "verification",
]


class InvalidValue(ValueError):
    """An answer that cannot be normalised without guessing.

    ``code`` is stable (tests and reports key on it); ``message`` is Indonesian
    for the secretariat and never contains the rejected value.
    """

    def __init__(self, code: str, message: str) -> None:
        # Both in args so the exception pickles (e.g. across worker processes).
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


# --------------------------------------------------------------------------
# Caching
# --------------------------------------------------------------------------

_CACHE_SIZE = 4096
# A cached argument stays referenced by the cache: 4096 pasted 50 KB cells
# would pin 200 MB, so long cells bypass the cache (they are rare and usually
# invalid anyway).
_MAX_CACHED = 256

_F = TypeVar("_F", bound=Callable)


def _cached(func: _F) -> _F:
    """lru_cache for short first arguments; long ones are computed uncached."""
    cached = functools.lru_cache(maxsize=_CACHE_SIZE)(func)

    if func.__code__.co_argcount == 1:
        # The common one-argument case without *args packing: this wrapper runs
        # about a million times per 100,000-row pull.
        def wrapper(value):
            return cached(value) if len(value) <= _MAX_CACHED else func(value)

    else:

        def wrapper(value, *args, **kwargs):
            if len(value) > _MAX_CACHED:
                return func(value, *args, **kwargs)
            return cached(value, *args, **kwargs)

    functools.update_wrapper(wrapper, func)
    wrapper.cache_info = cached.cache_info  # type: ignore[attr-defined]
    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


# --------------------------------------------------------------------------
# Cleaning
# --------------------------------------------------------------------------


def _invisible_table() -> dict[int, None]:
    """Code points deleted by clean(): controls, zero-width and bidi marks.

    Whitespace controls (tab, newlines, U+001C–001F, NEL) are kept: str.split()
    and str.splitlines() turn them into word and line breaks instead of gluing
    words together.
    """
    keep = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x85}
    points = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
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
        *range(0xD800, 0xE000),  # lone surrogates cannot be written as UTF-8
        *range(0xFDD0, 0xFDF0),  # noncharacters …
        0xFFFE,  # … of which these two YAML, XML (XLSX) and front matter cannot hold
        0xFFFF,
    ]
    return {p: None for p in points if p not in keep}


_INVISIBLE = _invisible_table()


def _strip_invisible(value: str) -> str:
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
    return " ".join(_strip_invisible(value).split())


_PLACEHOLDER_CHARS = frozenset("-–—_.·/ ")
_NOTHING = frozenset({"tidak ada", "tdk ada", "belum ada", "n/a", "n.a.", "na", "none", "null"})


def _is_blank(cleaned: str) -> bool:
    """An empty answer: nothing, or only dashes/dots typed to fill a field."""
    return not cleaned or (len(cleaned) <= 8 and _PLACEHOLDER_CHARS.issuperset(cleaned))


def _is_empty(cleaned: str) -> bool:
    """An empty answer to a typed field: also `tidak ada`, `N/A` …"""
    return _is_blank(cleaned) or (len(cleaned) <= 9 and cleaned.casefold() in _NOTHING)


_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(value: str) -> str:
    """reference.fold(), with a fast path for ASCII (where NFKD changes nothing)."""
    if value.isascii():
        return _NON_WORD.sub(" ", value.lower()).strip()
    return reference.fold(value)


def _too_long(max_length: int) -> InvalidValue:
    return InvalidValue("too_long", f"Isian terlalu panjang (maksimal {max_length} karakter).")


def text(value: str, max_length: int = 300) -> str | None:
    """One line of free text: cleaned, contacts masked, None when empty, at most max_length.

    Masked like descriptions: a respondent types a phone number into an address or
    a partner's name as readily as into a description, and none of them is a
    contact column with its consent.
    """
    c = clean(value)
    if _is_blank(c):
        return None
    if len(c) > max_length:
        raise _too_long(max_length)
    return mask_contacts(c)


# Scripts with letters that look like Latin ones: Cyrillic "а", Greek "Ο", Armenian "օ" …
_LOOKALIKE_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})


def _letter_script(char: str) -> str:
    """LATIN for a Latin letter in any form (accented, fullwidth, mathematical), else
    the first word of its Unicode name."""
    name = unicodedata.name(char, "")
    if "LATIN" in name.split() or unicodedata.normalize("NFKD", char)[:1].isascii():
        return "LATIN"
    return name.partition(" ")[0]


def business_name(value: str) -> str | None:
    """A business name: text() that does not mix Latin letters with look-alikes of other
    scripts ("PT Ѕerang" with a Cyrillic Ѕ would pass for another business)."""
    name = text(value, 200)
    if name is None or name.isascii():
        return name
    scripts = {_letter_script(c) for c in name if c.isalpha() and not c.isascii()}
    if _LOOKALIKE_SCRIPTS.intersection(scripts) and (
        "LATIN" in scripts or any(c.isascii() and c.isalpha() for c in name)
    ):
        raise InvalidValue(
            "name_mixed_script",
            "Nama memuat huruf aksara lain (misalnya Sirilik atau Yunani) yang mirip huruf "
            "Latin; ketik ulang nama dengan huruf biasa.",
        )
    return name


def long_text(value: str, max_length: int = 5000) -> str | None:
    """Multi-line free text (descriptions): paragraphs kept, contacts masked."""
    if not value:
        return None
    paragraphs: list[str] = []
    previous_blank = True  # drops blank lines at the start
    for line in _strip_invisible(value).splitlines():
        line = " ".join(line.split())
        if line:
            paragraphs.append(line)
            previous_blank = False
        elif not previous_blank:
            paragraphs.append("")
            previous_blank = True
    if paragraphs and not paragraphs[-1]:
        paragraphs.pop()
    result = "\n".join(paragraphs)
    if _is_blank(result):
        return None
    # Measured before masking: the respondent is held to what they typed.
    if len(result) > max_length:
        raise _too_long(max_length)
    return mask_contacts(result)


# --------------------------------------------------------------------------
# Contact masking
# --------------------------------------------------------------------------

_EMAIL_MASK = "[email disembunyikan]"
_PHONE_MASK = "[nomor disembunyikan]"
CONTACT_MASKS = (_EMAIL_MASK, _PHONE_MASK)  # what a masked text holds instead

# The lookbehind makes matches start only at the beginning of a local part, and
# the possessive ++ stops backtracking: linear on a 50 KB run of letters.
_EMAIL = re.compile(
    r"(?<![\w.+%-])[\w.+%-]++"
    r"(?:@|\s?[\[(]\s?(?:at|@)\s?[\])]\s?)"
    r"[\w-]++(?:(?:\.|\s?[\[(]\s?(?:dot|titik)\s?[\])]\s?)[\w-]++)+",
    re.IGNORECASE,
)
# A run of 8–17 digits with phone-style separators (space . - parentheses).
# Starts only where no digit precedes, so every digit run is tried once.
_PHONE_CANDIDATE = re.compile(
    r"(?<![0-9])(?<![0-9][.,])[+(]?[0-9](?:[ .()\-]{0,2}[0-9]){7,16}(?![0-9])(?![.,][0-9])"
)
# Cheap pre-scan for 8 digits in phone style: the candidate pattern starts
# with lookbehinds, which the regex engine tries at every position (~5 µs on a
# sentence); this one it can skip through quickly.
_PHONE_HINT = re.compile(r"[0-9](?:[ .()\-]{0,2}[0-9]){7}")
_OBFUSCATED_AT = re.compile(r"[\[(]\s?(?:at|@)\s?[\])]", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"[0-9]+")
_CURRENCY_BEFORE = re.compile(r"(?:rp|idr)\.?\s*$", re.IGNORECASE)
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:[.,][0-9]{3})+")
_DATE_LIKE = re.compile(r"(?<![0-9])[0-9]{1,2}([-./])[0-9]{1,2}\1(?:19|20)[0-9]{2}(?![0-9])")


def _looks_like_phone(span: str, digits: str, plus: bool) -> bool:
    """Whether a digit span (with separators) is a telephone number."""
    if plus:
        if not digits.startswith("62"):
            # A foreign number is a contact too.
            return 8 <= len(digits) <= 15
        national = digits[2:]
        if national.startswith("0"):  # +62 (0)812 …
            national = national[1:]
    elif _DATE_LIKE.search(span):
        return False
    elif digits[0] == "0":
        national = digits[1:]
    else:
        # Without + or a trunk 0 a number is a phone only in WhatsApp style
        # (62 8xx) or as a mobile that lost its 0; amounts and counts look like
        # this too, so round numbers and thousands grouping stay numbers.
        if digits.endswith("000") or _THOUSANDS.fullmatch(span):
            return False
        if digits.startswith("628"):
            national = digits[2:]
        elif digits[0] == "8":
            return 9 <= len(digits) <= 12
        else:
            return False
    return 8 <= len(national) <= 13 and national[0] in "23456789"


def _phone_end(candidate: str, groups: list[tuple[int, int]]) -> int | None:
    """End of the longest phone number starting at the candidate's first digit."""
    digits = "".join(candidate[a:b] for a, b in groups)
    plus = candidate[0] == "+"
    if not plus and (digits[0] not in "068" or digits.startswith("00")):
        return None  # cheap exit: hostile runs of digits must stay linear
    first = groups[0][0]  # 1 after a leading + or (
    count = 0
    ends = []
    for a, b in groups:
        count += b - a
        ends.append((count, b))
    for count, end in reversed(ends):
        if count > 15:
            continue
        if count < 8:
            return None
        if _looks_like_phone(candidate[first:end], digits[:count], plus):
            return end
    return None


# Province codes that begin a NIK / Kartu Keluarga number (Kemendagri).
_NIK_PROVINCES = frozenset(
    (
        *range(11, 20),  # Sumatra
        21,
        *range(31, 37),  # Java (36: Banten)
        *range(51, 54),
        *range(61, 66),
        *range(71, 77),
        81,
        82,
        *range(91, 98),  # Papua
    )
)


def _looks_like_nik(digits: str) -> bool:
    """16 digits shaped like a NIK: province code, then birth day (+40 for women) and month.

    The shape keeps other 16-digit numbers (a Facebook post id in a link) unmasked.
    """
    day, month = int(digits[6:8]), int(digits[8:10])
    return (
        int(digits[:2]) in _NIK_PROVINCES
        and (1 <= day <= 31 or 41 <= day <= 71)
        and 1 <= month <= 12
    )


def _could_start_phone(value: str, i: int) -> bool:
    """Whether the digit at value[i] can begin a phone number: 8…, 0[2-9]…, 62…, +…

    Skipping the other digit groups keeps a hostile run like "(0(0(0…" linear.
    """
    if value[i - 1] == "+":
        return True
    c0 = value[i]
    c1 = next((c for c in value[i + 1 : i + 4] if c.isdigit()), "")
    return c0 == "8" or (c0 == "0" and c1 != "" and c1 in "23456789") or (c0 + c1 == "62")


def _mask_phones(value: str) -> str:
    out: list[str] = []
    copied = 0  # value[:copied] is already in out
    pos = 0
    while (hint := _PHONE_HINT.search(value, pos)) is not None:
        # A candidate starts at the hint's digit at the earliest, or at the + or ( before it.
        match = _PHONE_CANDIDATE.search(value, max(pos, hint.start() - 1))
        if match is None:
            break
        start, candidate = match.start(), match.group()
        pos = match.end()
        if _CURRENCY_BEFORE.search(value, max(0, start - 6), start):
            continue
        if len(candidate) == 16 and candidate.isdigit() and _looks_like_nik(candidate):
            # A NIK or Kartu Keluarga number is personal data too.
            out += (value[copied:start], _PHONE_MASK)
            copied = pos
            continue
        groups = [(g.start(), g.end()) for g in _DIGIT_RUN.finditer(candidate)]
        end = _phone_end(candidate, groups)
        if end is not None:
            # "(0254) 211234" is masked whole; "Bu Siti (0813 …)" keeps its "(" for its ")".
            if candidate[0] == "(" and ")" not in candidate[:end]:
                start += 1
                end -= 1
            out += (value[copied:start], _PHONE_MASK)
            copied = pos = start + end
            continue
        # A phone may start at a later digit group, glued to this number
        # ("tahun 2025 0812 …") and running on past this match.
        for a, _ in groups[1:]:
            if _could_start_phone(value, start + a):
                pos = start + a - (candidate[a - 1] in "+(")
                break
    if not out:
        return value
    out.append(value[copied:])
    return "".join(out)


def mask_contacts(value: str) -> str:
    """Replace e-mail addresses and telephone numbers by a placeholder."""
    if not value:
        return value
    if "@" in value or _OBFUSCATED_AT.search(value):
        value = _EMAIL.sub(_EMAIL_MASK, value)
    return _mask_phones(value)


# --------------------------------------------------------------------------
# Identity keys and slugs
# --------------------------------------------------------------------------

# Legal-form words at either end of a business name, folded, with the canonical
# token they stand for; None: a qualifier dropped from the key. Persero and
# Perseroda companies are PTs ("PT X (Persero) Tbk" is "PT X").
_NAME_FORMS: dict[tuple[str, ...], str | None] = {
    ("pt",): "pt",
    ("p", "t"): "pt",
    ("perseroan", "terbatas"): "pt",
    ("persero",): "pt",
    ("perseroda",): "pt",
    ("tbk",): None,
    ("cv",): "cv",
    ("c", "v"): "cv",
    ("persekutuan", "komanditer"): "cv",
    ("ud",): "ud",
    ("u", "d"): "ud",
    ("usaha", "dagang"): "ud",
    ("fa",): "firma",
    ("firma",): "firma",
    ("koperasi",): "koperasi",
    ("kop",): "koperasi",
    ("yayasan",): "yayasan",
    ("perum",): "perum",
    ("perusahaan", "umum"): "perum",
    ("perumda",): "perumda",
    ("perusahaan", "umum", "daerah"): "perumda",
}
_NAME_FORM_ORDER = ("pt", "cv", "ud", "firma", "koperasi", "yayasan", "perum", "perumda")
_NAME_FORM_FIRST = frozenset(words[0] for words in _NAME_FORMS)
_NAME_FORM_LAST = frozenset(words[-1] for words in _NAME_FORMS)


@_cached
def name_key(value: str) -> str:
    """Identity key of a business name: folded, legal form at the front."""
    tokens = fold(clean(value)).split()
    if len(tokens) < 2 or (tokens[0] not in _NAME_FORM_FIRST and tokens[-1] not in _NAME_FORM_LAST):
        return " ".join(tokens)  # no legal form at either end
    forms: set[str] = set()
    changed = True
    while changed:
        changed = False
        for size in (3, 2, 1):
            if len(tokens) <= size:  # never strip the name itself away
                continue
            head, tail = tuple(tokens[:size]), tuple(tokens[-size:])
            if head in _NAME_FORMS:
                forms.add(_NAME_FORMS[head] or "")
                tokens = tokens[size:]
            elif tail in _NAME_FORMS:
                forms.add(_NAME_FORMS[tail] or "")
                tokens = tokens[:-size]
            else:
                continue
            changed = True
            break
    prefix = [form for form in _NAME_FORM_ORDER if form in forms]
    return " ".join(prefix + tokens)


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


@_cached
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


# --------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------


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

_MONEY_MESSAGES = {
    "invalid": "Nilai tidak terbaca sebagai rupiah; tulis misalnya Rp150.000.000 atau 150 juta.",
    "fraction": "Nilai rupiah harus bilangan bulat, tanpa sen.",
    "ambiguous": (
        "Penulisan angka bisa dibaca dua arti; tulis tanpa titik ribuan sebelum kata "
        "juta/miliar, misalnya 1,5 miliar atau 1500 juta."
    ),
    "too_large": "Nilai terlalu besar; periksa jumlah angka nol.",
}


# The common spellings, read without the general parser's checks (which they
# would pass): "Rp 150.000.000", "Rp150.000.000,00", "Rp. 1.000.000,-", "75000000".
# At most 15 digits, so never above the 10^15 limit.
_MONEY_PLAIN = re.compile(
    r"(?:rp\.? ?|idr ?)?([1-9][0-9]{0,2}(?:\.[0-9]{3}){1,4}|[0-9]{1,15})(?:,00|,-)?", re.IGNORECASE
)
_MONEY_WORD = re.compile(r"([1-9][0-9]{0,2}) ?(ribu|rb|juta|jt|miliar|milyar)", re.IGNORECASE)


@_cached
def money(value: str) -> int | None:
    """Whole rupiah from the ways people write amounts; see module tests."""
    c = clean(value)
    plain = _MONEY_PLAIN.fullmatch(c)
    if plain is not None:
        return int(plain.group(1).replace(".", ""))
    word = _MONEY_WORD.fullmatch(c)
    if word is not None:
        return int(word.group(1)) * _MULTIPLIERS[word.group(2).lower()]
    if _is_empty(c):
        return None
    s = c.casefold()
    if len(s) > 60:
        raise InvalidValue("money_invalid", _MONEY_MESSAGES["invalid"])
    if _FOREIGN.search(s):
        raise InvalidValue(
            "money_foreign_currency", "Nilai harus dalam rupiah; mata uang asing tidak diterima."
        )
    if _NOT_A_NUMBER.search(s):
        raise InvalidValue("money_invalid", _MONEY_MESSAGES["invalid"])
    if _NEGATIVE.match(s) or _NEGATIVE.match(_CURRENCY_PREFIX.sub("", s, count=1)):
        raise InvalidValue("money_negative", "Nilai tidak boleh negatif.")
    if _APPROX.search(s):
        raise InvalidValue(
            "money_ambiguous", "Nilai harus satu angka pasti, bukan kisaran atau perkiraan."
        )
    if s.startswith(("rp", "idr")):
        s = _CURRENCY_PREFIX.sub("", s, count=1)
    while True:  # "150 juta rupiah", "Rp 1.000.000,-", "5.000.000 IDR"
        trimmed = _MONEY_SUFFIX.sub("", s)
        if trimmed == s:
            break
        s = trimmed
    body = _MONEY_BODY.fullmatch(s)
    if body is None:
        raise InvalidValue("money_invalid", _MONEY_MESSAGES["invalid"])
    word = body.group("mult")
    multiplier = None
    if word is not None:
        multiplier = _MULTIPLIERS.get(word)
        if multiplier is None:
            raise InvalidValue("money_invalid", _MONEY_MESSAGES["invalid"])
    try:
        amount = _whole(body.group("num"), multiplier)
    except _NumberError as error:
        raise InvalidValue(f"money_{error.kind}", _MONEY_MESSAGES[error.kind]) from None
    if amount > 10**15:
        raise InvalidValue("money_too_large", _MONEY_MESSAGES["too_large"])
    return amount


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
_INTEGER_MESSAGES = {
    "invalid": "Jumlah harus satu bilangan bulat, misalnya 1200 atau 300 orang.",
    "fraction": "Jumlah harus bilangan bulat, tanpa koma desimal.",
    "ambiguous": "Jumlah harus satu angka pasti, bukan kisaran atau perkiraan.",
    "too_large": "Jumlah terlalu besar; periksa angkanya.",
}


@_cached
def integer(value: str) -> int | None:
    """A count (beneficiaries): `1.200`, `300 orang`, `50 KK`."""
    c = clean(value)
    fast = _INTEGER_FAST.fullmatch(c)
    if fast is not None:
        return int(fast.group(1).replace(".", ""))
    if _is_empty(c):
        return None
    s = c.casefold()
    if len(s) > 60:
        raise InvalidValue("integer_invalid", _INTEGER_MESSAGES["invalid"])
    if _NOT_A_NUMBER.search(s):
        raise InvalidValue("integer_invalid", _INTEGER_MESSAGES["invalid"])
    if _NEGATIVE.match(s):
        raise InvalidValue("integer_negative", "Jumlah tidak boleh negatif.")
    if _APPROX.search(s):
        raise InvalidValue("integer_ambiguous", _INTEGER_MESSAGES["ambiguous"])
    body = _INTEGER_BODY.fullmatch(s)
    unit = body and body.group("unit")
    # "300 ribu" is not 300 people; a second number is not one count.
    if body is None or (unit and _MULTIPLIER_WORD.search(unit)):
        raise InvalidValue("integer_invalid", _INTEGER_MESSAGES["invalid"])
    try:
        count = _whole(body.group("num"), None)
    except _NumberError as error:
        raise InvalidValue(f"integer_{error.kind}", _INTEGER_MESSAGES[error.kind]) from None
    if count > 10**9:
        raise InvalidValue("integer_too_large", _INTEGER_MESSAGES["too_large"])
    return count


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januari january jan",
        "februari pebruari february feb peb",
        "maret march mar",
        "april apr",
        "mei may",
        "juni june jun",
        "juli july jul",
        "agustus august agu agt agus aug",
        "september sep sept",
        "oktober october okt oct",
        "november nopember nov nop",
        "desember december des dec",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "senin monday mon sen",
        "selasa tuesday tue tues sel",
        "rabu wednesday wed rab",
        "kamis thursday thu thur thurs kam",
        "jumat jum'at jum’at friday fri jum",
        "sabtu saturday sat sab",
        "minggu ahad sunday sun min",
    )
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _number

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

_DATE_MESSAGES = {
    "dmy": "Tanggal tidak terbaca; tulis tanggal/bulan/tahun, "
    "misalnya 31/01/2025 atau 31 Januari 2025.",
    "mdy": "Tanggal tidak terbaca; tulis bulan/tanggal/tahun, "
    "misalnya 1/31/2025 atau 31 Januari 2025.",
}
_YEAR_MESSAGE = "Tahun harus ditulis lengkap dengan 4 angka, antara 1990 dan 2100."
_WEEKDAY_MESSAGE = "Nama hari tidak cocok dengan tanggalnya; periksa tanggalnya."


def _check_order(order: str) -> None:
    if order not in _DATE_MESSAGES:
        raise ValueError(f"order must be 'dmy' or 'mdy', not {order!r}")


def _make_date(year: str, month: int | str, day: str, order: str) -> _dt.date:
    if len(year) != 4:
        raise InvalidValue("date_year", _YEAR_MESSAGE)
    y = int(year)
    if not 1990 <= y <= 2100:
        raise InvalidValue("date_year", _YEAR_MESSAGE)
    try:
        return _dt.date(y, int(month), int(day))
    except ValueError:
        raise InvalidValue("date_invalid", _DATE_MESSAGES[order]) from None


def _numeric_date(match: re.Match[str], order: str) -> _dt.date:
    first, _, middle, last = match.groups()
    if len(first) == 4:  # ISO and Forms downloads are year-first whatever the locale
        if len(last) > 2:
            raise InvalidValue("date_invalid", _DATE_MESSAGES[order])
        return _make_date(first, middle, last, order)
    if len(first) > 2 or len(last) == 3 or len(last) == 1:
        raise InvalidValue("date_invalid", _DATE_MESSAGES[order])
    if order == "dmy":
        return _make_date(last, middle, first, order)
    return _make_date(last, first, middle, order)


@_cached
def _date(value: str, order: str) -> _dt.date | None:
    c = clean(value)
    if _is_empty(c):
        return None
    s = c.casefold()
    if len(s) > 60:
        raise InvalidValue("date_invalid", _DATE_MESSAGES[order])
    match = _NUMERIC_DATE.fullmatch(s)
    if match is not None:
        return _numeric_date(match, order)
    s = _TRAILING_TIME.sub("", s)
    match = _NUMERIC_DATE.fullmatch(s)
    if match is not None:
        return _numeric_date(match, order)
    match = _TEXT_DATE_DMY.fullmatch(s) or _TEXT_DATE_MDY.fullmatch(s)
    if match is None or match.group("m") not in _MONTHS:
        raise InvalidValue("date_invalid", _DATE_MESSAGES[order])
    result = _make_date(match.group("y"), _MONTHS[match.group("m")], match.group("d"), order)
    weekday = match.group("wd")
    if weekday is not None:
        expected = _WEEKDAYS.get(weekday)
        if expected is None:
            raise InvalidValue("date_invalid", _DATE_MESSAGES[order])
        if expected != result.weekday():
            # Either the day name or the date is wrong; neither can be chosen.
            raise InvalidValue("date_weekday_mismatch", _WEEKDAY_MESSAGE)
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
_TIMESTAMP_MESSAGE = "Stempel waktu tidak terbaca; contoh yang benar: 23/04/2025 10:15:32."


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
    if _is_empty(c):
        return None
    s = c.casefold()
    match = _TIMESTAMP.fullmatch(s) if len(s) <= 60 else None
    if match is None:
        raise InvalidValue("timestamp_invalid", _TIMESTAMP_MESSAGE)
    day = _numeric_date(_NUMERIC_DATE.fullmatch(match.group("date")), order)
    if match.group("h") is None:
        return _dt.datetime(day.year, day.month, day.day)
    hour, minute = int(match.group("h")), int(match.group("mi"))
    second = int(match.group("s") or 0)
    ampm = match.group("ampm")
    if ampm is not None:
        if not 1 <= hour <= 12:
            raise InvalidValue("timestamp_invalid", _TIMESTAMP_MESSAGE)
        hour = hour % 12 + (12 if ampm[0] == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InvalidValue("timestamp_invalid", _TIMESTAMP_MESSAGE)
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


# --------------------------------------------------------------------------
# Choices (single answers and checkboxes)
# --------------------------------------------------------------------------


# An alias table (folded answer → slug) or a function doing the same lookup.
Lookup = Mapping[str, str] | Callable[[str], "str | None"]


def _getter(aliases: Lookup) -> Callable[[str], str | None]:
    return aliases.get if isinstance(aliases, Mapping) else aliases


def choice(value: str, aliases: Lookup, code: str, message: str) -> str | None:
    """One answer looked up by its folded text; unknown → InvalidValue."""
    c = clean(value)
    if _is_empty(c):
        return None
    found = _getter(aliases)(fold(c))
    if found is None:
        raise InvalidValue(code, message)
    return found


def choices(
    value: str,
    aliases: Lookup,
    order: Iterable[str],
    other: str | None = None,
    code: str = "choice_unknown",
    message: str = "Ada pilihan yang tidak dikenal.",
) -> list[str]:
    """A checkbox answer ("A, B, C"): slugs de-duplicated in ``order``.

    An entry ``aliases`` does not know is the form's "Other" free text: it becomes
    ``other`` when given, else raises InvalidValue(code, message).
    """
    c = clean(value)
    if _is_empty(c):
        return []
    lookup = _getter(aliases)
    found: set[str] = set()
    for entry in c.split(","):
        key = fold(entry)
        if not key:
            continue
        slug_ = lookup(key)
        if slug_ is None:
            if other is None:
                raise InvalidValue(code, message)
            slug_ = other
        found.add(slug_)
    rank = {s: i for i, s in enumerate(order)}
    return sorted(found, key=lambda s: (rank.get(s, len(rank)), s))


_SECTOR_MESSAGE = (
    "Bidang tidak dikenal; pilih Kesehatan, Pendidikan, Ekonomi, Infrastruktur, "
    "Kewirausahaan, Kesejahteraan Sosial, Lingkungan atau Bidang Lain."
)


def _sector_slug(key: str) -> str | None:
    found = reference.SECTOR_ALIASES.get(key)
    if found is None and key.startswith("bidang "):
        found = reference.SECTOR_ALIASES.get(key[7:])
    return found


@_cached
def sector(value: str) -> str | None:
    """One of the 8 sector slugs; unknown → InvalidValue("sector_unknown")."""
    return choice(value, _sector_slug, "sector_unknown", _SECTOR_MESSAGE)


@_cached
def _sectors(value: str) -> tuple[str, ...]:
    # An unknown entry is the "Other" free text of the checkbox question.
    return tuple(choices(value, _sector_slug, reference.SECTORS, "lainnya"))


def sectors(value: str) -> list[str]:
    """Checkbox answer of sectors; "Other" text → "lainnya"."""
    return list(_sectors(value)) if value else []


_KECAMATAN_MESSAGE = (
    "Kecamatan harus salah satu dari 6 kecamatan di Kota Serang: Serang, Kasemen, "
    "Walantaka, Curug, Cipocok Jaya, Taktakan."
)


def _kecamatan_slug(key: str) -> str | None:
    for prefix in ("kecamatan ", "kec "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
            break
    # "Cipocok Jaya, Kota Serang" names the city too; "Kabupaten Serang" is
    # another regency and stays unknown.
    if key.endswith(" kota serang"):
        key = key[: -len(" kota serang")]
    return reference.KECAMATAN_ALIASES.get(key)


@_cached
def kecamatan(value: str) -> str | None:
    """One kecamatan slug of Kota Serang; others → InvalidValue."""
    return choice(value, _kecamatan_slug, "kecamatan_unknown", _KECAMATAN_MESSAGE)


@_cached
def _kecamatan_list(value: str) -> tuple[str, ...]:
    return tuple(
        choices(
            value,
            _kecamatan_slug,
            reference.KECAMATAN,
            None,
            "kecamatan_unknown",
            _KECAMATAN_MESSAGE,
        )
    )


def kecamatan_list(value: str) -> list[str]:
    """Checkbox answer of kecamatan; any unknown entry → InvalidValue."""
    return list(_kecamatan_list(value)) if value else []


_PROGRAM_STATUS_MESSAGE = "Status program harus Direncanakan, Berjalan, atau Selesai."
_NEED_STATUS_MESSAGE = "Status kebutuhan harus Terbuka, Diadopsi, atau Selesai."
_CONTRIBUTION_MESSAGE = (
    "Bentuk kontribusi harus dari pilihan: Uang, Barang, Jasa / Tenaga Ahli, Program Langsung."
)
_BENEFICIARY_MESSAGE = "Kelompok penerima manfaat tidak dikenal."


@_cached
def _program_status(value: str) -> str | None:
    return choice(
        value,
        reference.PROGRAM_STATUS_ALIASES.get,
        "program_status_unknown",
        _PROGRAM_STATUS_MESSAGE,
    )


def program_status(value: str) -> str | None:
    """direncanakan | berjalan | selesai."""
    return _program_status(value) if value else None


@_cached
def _need_status(value: str) -> str | None:
    return choice(
        value, reference.NEED_STATUS_ALIASES.get, "need_status_unknown", _NEED_STATUS_MESSAGE
    )


def need_status(value: str) -> str | None:
    """terbuka | diadopsi | selesai."""
    return _need_status(value) if value else None


@_cached
def _contribution_types(value: str) -> tuple[str, ...]:
    return tuple(
        choices(
            value,
            reference.CONTRIBUTION_ALIASES.get,
            reference.CONTRIBUTION_TYPES,
            None,
            "contribution_type_unknown",
            _CONTRIBUTION_MESSAGE,
        )
    )


def contribution_types(value: str) -> list[str]:
    """Checkbox answer of contribution types; unknown → InvalidValue."""
    return list(_contribution_types(value)) if value else []


@_cached
def _beneficiary_groups(value: str) -> tuple[str, ...]:
    return tuple(
        choices(
            value,
            reference.BENEFICIARY_ALIASES.get,
            reference.BENEFICIARY_GROUPS,
            "lainnya",
            "beneficiary_group_unknown",
            _BENEFICIARY_MESSAGE,
        )
    )


def beneficiary_groups(value: str) -> list[str]:
    """Checkbox answer of beneficiary groups; "Other" text → "lainnya"."""
    return list(_beneficiary_groups(value)) if value else []


@_cached
def _legal_form(value: str) -> str | None:
    c = clean(value)
    if _is_blank(c):
        return None
    canonical = reference.LEGAL_FORM_ALIASES.get(fold(c))
    if canonical is not None:
        return canonical
    return text(c, 60)  # the form's "Lainnya" free text


def legal_form(value: str) -> str | None:
    """Canonical legal form label (`PT (Persero)` …) or the "Other" text."""
    return _legal_form(value) if value else None


_OWNERSHIP_MESSAGE = "Status kepemilikan harus BUMN, BUMD, atau Swasta."
_OWNERSHIP_CONFLICT = "Status kepemilikan tidak sesuai dengan bentuk badan usaha; periksa keduanya."


def _ownership(legal_form: str | None, stated: str) -> str | None:
    c = clean(stated) if stated else ""
    declared = None
    if not _is_empty(c):
        declared = reference.OWNERSHIP_ALIASES.get(fold(c))
        if declared is None:
            raise InvalidValue("ownership_unknown", _OWNERSHIP_MESSAGE)
    form = legal_form
    if form and form not in reference.LEGAL_FORMS:
        form = reference.LEGAL_FORM_ALIASES.get(fold(clean(form)))
    implied = reference.LEGAL_FORMS.get(form) if form else None
    if implied and declared and implied != declared:
        raise InvalidValue("ownership_conflict", _OWNERSHIP_CONFLICT)
    if implied or declared:
        return implied or declared
    if form in ("Koperasi", "Yayasan"):
        return "lainnya"
    return None


_ownership_cached = functools.lru_cache(maxsize=_CACHE_SIZE)(_ownership)


def ownership(legal_form: str | None, stated: str) -> str | None:
    """bumn | bumd | swasta | lainnya from the stated status and the legal form."""
    if (stated and len(stated) > _MAX_CACHED) or (legal_form and len(legal_form) > _MAX_CACHED):
        return _ownership(legal_form, stated)
    return _ownership_cached(legal_form, stated)


_CONSENT_YES = frozenset({"ya", "iya", "yes", "setuju", "bersedia", "agree"})
_CONSENT_NO = frozenset(
    {"tidak", "tdk", "tak", "gak", "ga", "nggak", "ngga", "enggak", "belum", "no", "not", "jangan"}
    | {"bukan", "menolak", "tolak", "disagree"}
)


@_cached
def _consent(value: str) -> bool:
    tokens = fold(clean(value)).split()
    # No consent unless clearly given: any negation word withdraws it.
    if not tokens or not _CONSENT_NO.isdisjoint(tokens):
        return False
    first = tokens[0]
    if first in ("saya", "i") and len(tokens) > 1:
        first = tokens[1]
    return first in _CONSENT_YES


def consent(value: str) -> bool:
    """True only for a clear yes (`Ya`, `Setuju`, `Bersedia`, `Yes` …)."""
    return _consent(value) if value else False


_VERIFICATION = {
    "terverifikasi": "verified",
    "sudah terverifikasi": "verified",
    "diverifikasi": "verified",
    "sudah diverifikasi": "verified",
    "verified": "verified",
    "ditolak": "rejected",
    "sudah ditolak": "rejected",
    "tolak": "rejected",
    "rejected": "rejected",
    "menunggu": "pending",
    "menunggu verifikasi": "pending",
    "belum diverifikasi": "pending",
    "belum terverifikasi": "pending",
    "belum": "pending",
    "proses": "pending",
    "diproses": "pending",
    "dalam proses": "pending",
    "pending": "pending",
}


@_cached
def _verification(value: str) -> str:
    c = clean(value)
    if _is_blank(c):
        return "pending"
    found = _VERIFICATION.get(fold(c))
    if found is None:
        raise InvalidValue(
            "verification_unknown",
            "Status Verifikasi harus Terverifikasi, Ditolak, atau dikosongkan.",
        )
    return found


def verification(value: str) -> str:
    """The secretariat's column: verified | rejected | pending (empty)."""
    return _verification(value) if value else "pending"


# --------------------------------------------------------------------------
# Identifiers and contacts
# --------------------------------------------------------------------------

_NIB_SEPARATORS = str.maketrans("", "", " .-")


def nib(value: str) -> str | None:
    """Nomor Induk Berusaha: exactly 13 digits, kept as text (leading 0 kept)."""
    if len(value) == 13 and value.isdigit() and value.isascii():
        return value
    c = clean(value)
    if _is_empty(c):
        return None
    # A leading apostrophe is how Sheets is told to keep a number as text.
    digits = c.removeprefix("'").translate(_NIB_SEPARATORS)
    if len(digits) == 13 and digits.isdigit() and digits.isascii():
        return digits
    if "e+" in c.casefold():
        raise InvalidValue(
            "nib_invalid",
            "NIB terbaca sebagai angka desimal (format ilmiah); format kolom NIB di Google "
            "Sheets sebagai teks biasa lalu ketik ulang NIB-nya.",
        )
    raise InvalidValue("nib_invalid", "NIB harus tepat 13 angka.")


_PHONE_SEPARATORS = str.maketrans("", "", " .-()")
_PHONE_MESSAGE = "Nomor telepon harus nomor Indonesia, misalnya 0812-3456-7890 atau (0254) 211234."


def phone(value: str) -> str | None:
    """An Indonesian phone number in E.164 (`+62…`)."""
    c = clean(value)
    if _is_empty(c):
        return None
    s = c.removeprefix("'").translate(_PHONE_SEPARATORS)
    international = s.startswith(("+", "00"))
    s = s[1:] if s.startswith("+") else s[2:] if international else s
    if not (s.isdigit() and s.isascii()):
        raise InvalidValue("phone_invalid", _PHONE_MESSAGE)
    if s.startswith("62"):
        national = s[2:]
        if national.startswith("0"):  # +62 (0)812 …
            national = national[1:]
    elif international:
        raise InvalidValue("phone_invalid", _PHONE_MESSAGE)
    elif s.startswith("0"):
        national = s[1:]
    elif s.startswith("8"):
        # A sheet column typed as number drops the 0 of a mobile number.
        national = s
    else:
        raise InvalidValue("phone_invalid", _PHONE_MESSAGE)
    if not 8 <= len(national) <= 13 or national[0] not in "23456789":
        raise InvalidValue("phone_invalid", _PHONE_MESSAGE)
    return "+62" + national


_URL_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_DANGEROUS_SCHEMES = frozenset({"javascript", "data", "vbscript", "file", "ftp", "blob"})
_URL_FORBIDDEN = frozenset(' "<>`{}|\\^')
_HOST_LABEL = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")
_ASCII_HOST = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})"
)
# scheme://netloc then the rest; a netloc holding "@" (credentials) never matches.
_URL_PARTS = re.compile(r"https?://([^/?#@]+)(?:[/?#].*)?", re.IGNORECASE | re.DOTALL)
_URL_SCHEME_MESSAGE = "Tautan harus diawali http:// atau https://."
_URL_MESSAGE = (
    "Tautan tidak valid; tulis alamat lengkap, misalnya https://www.contoh.co.id/halaman."
)
_URL_MAX = 2000


def url(value: str) -> str | None:
    """An http(s) link; a bare host gets ``https://``; nothing else is rewritten."""
    c = clean(value)
    if _is_empty(c):
        return None
    if len(c) > _URL_MAX:
        raise _too_long(_URL_MAX)
    # Browsers ignore whitespace and controls inside a scheme ("java\tscript:"),
    # so the scheme is judged with them removed.
    squeezed = c.replace(" ", "").casefold()
    scheme = _URL_SCHEME.match(squeezed)
    candidate = c
    if scheme is not None and scheme.group(1) in ("http", "https"):
        pass
    elif scheme is not None and (
        scheme.group(1) in _DANGEROUS_SCHEMES or "." not in scheme.group(1)
    ):
        # "localhost:8080" has no dot either and is no public link anyway.
        raise InvalidValue("url_scheme", _URL_SCHEME_MESSAGE)
    else:
        # A bare host, possibly with a port: "www.contoh.co.id:8080/x".
        candidate = "https:" + c if c.startswith("//") else "https://" + c
    if not _URL_FORBIDDEN.isdisjoint(c):
        raise InvalidValue("url_invalid", _URL_MESSAGE)
    parts = _URL_PARTS.fullmatch(candidate)
    if parts is None:  # "https:/x", "http:x"
        raise InvalidValue("url_invalid", _URL_MESSAGE)
    # user:pass@ is refused whole (it never matches): it also hides the real host.
    netloc = parts.group(1)
    host, colon, port = netloc.rpartition(":")
    if not colon:
        host = netloc
    elif not (port.isdigit() and port.isascii() and 0 < int(port[:6]) <= 65535):
        raise InvalidValue("url_invalid", _URL_MESSAGE)
    host = host.lower()
    if not (
        _ASCII_HOST.fullmatch(host)
        or _is_ipv4(host.split("."))
        or (not host.isascii() and _unicode_host(host))
    ):
        raise InvalidValue("url_invalid", _URL_MESSAGE)
    if mask_contacts(candidate) != candidate:
        # wa.me/62812…, ?email=…: a contact published as a link is a contact all the same.
        raise InvalidValue(
            "url_contact",
            "Tautan memuat nomor telepon atau alamat email; tautkan halaman tanpa kontak pribadi.",
        )
    return candidate


def _unicode_host(host: str) -> bool:
    """An internationalised host name such as bücher.de."""
    labels = host.split(".")
    return (
        len(labels) > 1
        and all(_HOST_LABEL.fullmatch(label) for label in labels)
        and not labels[-1].isdigit()
    )


def _is_ipv4(labels: list[str]) -> bool:
    return len(labels) == 4 and all(
        label.isdigit() and label.isascii() and int(label) <= 255 for label in labels
    )


def urls(value: str) -> list[str]:
    """Several links separated by commas, spaces or newlines; each via url()."""
    c = clean(value)
    if _is_empty(c):
        return []
    found: dict[str, None] = {}
    for piece in c.replace(",", " ").split():
        link = url(piece)
        if link is not None:
            found[link] = None
    return list(found)


_NEED_CODE = re.compile(r"[A-Z0-9][A-Z0-9.-]{0,31}")
# Sheets autocorrect turns "-" into dashes that look the same.
_NEED_CODE_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", " ": None})


def need_code(value: str) -> str | None:
    """A regional-need code, upper-cased; it becomes a URL path segment."""
    if value.isupper() and _NEED_CODE.fullmatch(value):
        return value
    c = clean(value)
    if _is_empty(c):
        return None
    code = c.upper().translate(_NEED_CODE_DASHES)
    if not code.isascii() or _NEED_CODE.fullmatch(code) is None:
        raise InvalidValue(
            "need_code_invalid",
            "Kode kebutuhan hanya boleh berisi huruf, angka, titik dan tanda hubung "
            "(maksimal 32 karakter), misalnya KES-2025-01.",
        )
    return code


# Not _EMAIL: that one finds addresses inside free text for mask_contacts().
_EMAIL_ADDRESS = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def email(value: str) -> str | None:
    """A contact e-mail address, lower-cased domain; only an address, nothing around it."""
    c = clean(value)
    if _is_empty(c):
        return None
    if len(c) > 254 or _EMAIL_ADDRESS.fullmatch(c) is None:
        raise InvalidValue(
            "email_invalid", "Alamat email tidak sah; tulis satu alamat seperti nama@contoh.co.id."
        )
    local, _, domain = c.rpartition("@")
    return f"{local}@{domain.lower()}"
