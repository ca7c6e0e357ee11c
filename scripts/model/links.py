"""Links: what a form answer or the config may link to. Only http(s) links to a
real-looking host, without credentials and without a contact in them, are kept;
`javascript:`, `data:` and the like never are."""

from __future__ import annotations

import re

from scripts.errors import InvalidValue
from scripts.model.contacts import mask_contacts
from scripts.model.text import clean, is_empty

_MAX = 2000
_TOO_LONG = f"Isian terlalu panjang (maksimal {_MAX} karakter)."

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


def url(value: str) -> str | None:
    """An http(s) link; a bare host gets ``https://``; nothing else is rewritten."""
    c = clean(value)
    if is_empty(c):
        return None
    if len(c) > _MAX:
        raise InvalidValue("too_long", _TOO_LONG)
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
    if is_empty(c):
        return []
    found: dict[str, None] = {}
    for piece in c.replace(",", " ").split():
        link = url(piece)
        if link is not None:
            found[link] = None
    return list(found)
