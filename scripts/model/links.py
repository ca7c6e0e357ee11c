"""Links: what a form answer or the config may link to. Only http(s) links to a
real-looking host, without credentials and without a contact in them, are kept;
`javascript:`, `data:` and the like never are."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scripts.model.codes import invalid
from scripts.model.contacts import mask_contacts
from scripts.model.text import FRONT_MATTER_UNSAFE, clean, is_empty

_MAX = 2000

_URL_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_DANGEROUS_SCHEMES = frozenset({"javascript", "data", "vbscript", "file", "ftp", "blob"})
_URL_FORBIDDEN = frozenset(' "<>`{}|\\^')
_HOST_LABEL = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")
_ASCII_HOST = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})"
)
# scheme://netloc then the rest; a netloc holding "@" (credentials) never matches.
_URL_PARTS = re.compile(r"https?://([^/?#@]+)(?:[/?#].*)?", re.IGNORECASE | re.DOTALL)


def url(value: str) -> str | None:
    """An http(s) link; a bare host gets ``https://``; nothing else is rewritten."""
    c = clean(value)
    if is_empty(c):
        return None
    if len(c) > _MAX:
        raise invalid("too_long", max_length=_MAX)
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
        raise invalid("url_scheme")
    else:
        # A bare host, possibly with a port: "www.contoh.co.id:8080/x".
        candidate = "https:" + c if c.startswith("//") else "https://" + c
    if not _URL_FORBIDDEN.isdisjoint(c):
        raise invalid("url_invalid")
    parts = _URL_PARTS.fullmatch(candidate)
    if parts is None:  # "https:/x", "http:x"
        raise invalid("url_invalid")
    # user:pass@ is refused whole (it never matches): it also hides the real host.
    netloc = parts.group(1)
    host, colon, port = netloc.rpartition(":")
    if not colon:
        host = netloc
    elif not (port.isdigit() and port.isascii() and 0 < int(port[:6]) <= 65535):
        raise invalid("url_invalid")
    host = host.lower()
    if not (
        _ASCII_HOST.fullmatch(host)
        or _is_ipv4(host.split("."))
        or (not host.isascii() and _unicode_host(host))
    ):
        raise invalid("url_invalid")
    if mask_contacts(candidate) != candidate:
        # wa.me/62812…, ?email=…: a contact published as a link is a contact all the same.
        raise invalid("url_contact")
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


def http_url(value: object) -> str | None:
    """The value if it already is an http(s) URL with a host, else None: what the site
    links (anything else is shown as text) and what a configured address must be."""
    if (
        not isinstance(value, str)
        or FRONT_MATTER_UNSAFE.search(value)
        or any(c.isspace() for c in value)
    ):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme in ("http", "https") and parts.hostname else None
