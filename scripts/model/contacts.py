"""Contact masking: e-mail addresses and telephone numbers (and NIK numbers) found
inside free text are replaced by a placeholder.

A respondent types a phone number into a description or an address as readily
as into the contact column, and only the contact column has its consent. The
rule is the privacy rule of the whole site: the intake masks what it stores,
the quality checks look for what slipped through.
"""

from __future__ import annotations

import re

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
