"""Free text: one line (names, addresses) or paragraphs (descriptions), cleaned,
contacts masked, bounded in length. Nothing here escapes: the writers do."""

from __future__ import annotations

import unicodedata

from scripts.intake.normalise.base import too_long
from scripts.model.codes import invalid
from scripts.model.contacts import mask_contacts
from scripts.model.text import clean, is_blank, strip_invisible


def text(value: str, max_length: int = 300) -> str | None:
    """One line of free text: cleaned, contacts masked, None when empty, at most max_length.

    Masked like descriptions: a respondent types a phone number into an address or
    a partner's name as readily as into a description, and none of them is a
    contact column with its consent.
    """
    c = clean(value)
    if is_blank(c):
        return None
    if len(c) > max_length:
        raise too_long(max_length)
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
        raise invalid("name_mixed_script")
    return name


def long_text(value: str, max_length: int = 5000) -> str | None:
    """Multi-line free text (descriptions): paragraphs kept, contacts masked."""
    if not value:
        return None
    paragraphs: list[str] = []
    previous_blank = True  # drops blank lines at the start
    for line in strip_invisible(value).splitlines():
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
    if is_blank(result):
        return None
    # Measured before masking: the respondent is held to what they typed.
    if len(result) > max_length:
        raise too_long(max_length)
    return mask_contacts(result)
