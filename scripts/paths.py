"""The site's routes, each spelled once: where a page of each kind lives, as a
directory URL relative to the site root, and the Markdown file that makes it.

Templates reach them as `route` (e.g. `{{ root }}{{ route.member(id) }}`); page
generation, the downloads, the feed and the posters read them from here.
"""

from __future__ import annotations

HOME = ""
SECTORS = "sektor/"
MEMBERS = "anggota/"
PROGRAMS = "program/"
NEEDS = "kebutuhan/"
COMPLIANCE = "kepatuhan/"
REPORTS = "laporan/"
OPEN_DATA = "data/"
UPDATES = "pembaruan/"
SEARCH = "cari/"
JOIN = "bergabung/"
REPORT_FORM = "lapor/"
FEED = "feed.xml"


def sector(slug: str) -> str:
    return f"{SECTORS}{slug}/"


def member(member_id: str) -> str:
    return f"{MEMBERS}{member_id}/"


def program(program_id: str) -> str:
    return f"{PROGRAMS}{program_id}/"


def report(year: int) -> str:
    return f"{REPORTS}{year}/"


def compliance(year: int) -> str:
    return f"{COMPLIANCE}{year}/"


def need(code: str) -> str:
    """A need's entry on the needs page (needs have no page of their own)."""
    return f"{NEEDS}#kebutuhan-{code}"


# Folders whose route is their index page (they hold pages of their own too).
_SECTIONS = {SECTORS, MEMBERS, PROGRAMS, COMPLIANCE, REPORTS, OPEN_DATA, JOIN, REPORT_FORM}


def source(route: str) -> str:
    """The Markdown file under the docs dir that MkDocs turns into `route`."""
    if route == HOME or route in _SECTIONS:
        return f"{route}index.md"
    return f"{route.removesuffix('/')}.md"
