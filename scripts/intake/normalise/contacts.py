"""The contact person's telephone number and e-mail address (contact columns only;
numbers inside free text are masked by `scripts.model.contacts`).

A number is judged by Google's libphonenumber (`phonenumbers`), which knows the
Indonesian numbering plan; what is done here first is what a sheet does to a
number: a leading apostrophe, a dropped 0, a "(0)" after +62.
"""

from __future__ import annotations

import re

import phonenumbers

from scripts.model.codes import invalid
from scripts.model.text import clean, is_empty

_PHONE_SEPARATORS = str.maketrans("", "", " .-()")


def phone(value: str) -> str | None:
    """An Indonesian phone number in E.164 (`+62…`)."""
    c = clean(value)
    if is_empty(c):
        return None
    s = c.removeprefix("'").translate(_PHONE_SEPARATORS)
    international = s.startswith(("+", "00"))
    s = s[1:] if s.startswith("+") else s[2:] if international else s
    if not (s.isdigit() and s.isascii()):
        raise invalid("phone_invalid")
    if s.startswith("62"):
        national = s[2:]
        if national.startswith("0"):  # +62 (0)812 …
            national = national[1:]
    elif international:
        raise invalid("phone_invalid")
    elif s.startswith("0"):
        national = s[1:]
    elif s.startswith("8"):
        # A sheet column typed as number drops the 0 of a mobile number.
        national = s
    else:
        raise invalid("phone_invalid")
    try:
        number = phonenumbers.parse("+62" + national)
    except phonenumbers.NumberParseException:
        raise invalid("phone_invalid") from None
    if not phonenumbers.is_valid_number_for_region(number, "ID"):
        raise invalid("phone_invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Not _EMAIL: that one finds addresses inside free text for mask_contacts().
_EMAIL_ADDRESS = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def email(value: str) -> str | None:
    """A contact e-mail address, lower-cased domain; only an address, nothing around it."""
    c = clean(value)
    if is_empty(c):
        return None
    if len(c) > 254 or _EMAIL_ADDRESS.fullmatch(c) is None:
        raise invalid("email_invalid")
    local, _, domain = c.rpartition("@")
    return f"{local}@{domain.lower()}"
