"""The Atom feed (`feed.xml`) of the programs the latest data updates published, for
readers who follow the forum in a feed reader instead of visiting the site."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from scripts import paths
from scripts.model.text import XML_ILLEGAL
from scripts.site import formats
from scripts.site.history import History
from scripts.site.stats import Figures

FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def _stamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = XML_ILLEGAL.sub("", value)
    return element


def feed(history: History, members: dict[str, dict], figures: Figures) -> bytes:
    """Atom feed of the programs the latest updates newly published (still published)."""
    forum, sectors, updated = figures.forum, figures.ref.sectors, figures.updated
    base = forum.site_url
    name = forum.name
    entries = [
        (update.date, program)
        for update in history.updates
        for program in sorted(
            update.files["programs"].added, key=lambda p: (p["reported"], p["id"]), reverse=True
        )
    ][:FEED_ENTRIES]
    root = ET.Element("feed", {"xmlns": ATOM, f"{{{XML_NS}}}lang": "id"})
    _text(root, "id", urljoin(base, paths.FEED))
    _text(root, "title", f"Program CSR baru — {name}")
    newest = entries[0][0] if entries else updated
    _text(root, "updated", _stamp(newest) if newest else "1970-01-01T00:00:00Z")
    ET.SubElement(root, "link", rel="self", href=urljoin(base, paths.FEED))
    ET.SubElement(
        root, "link", rel="alternate", type="text/html", href=urljoin(base, paths.UPDATES)
    )
    author = ET.SubElement(root, "author")
    _text(author, "name", name)
    _text(root, "rights", "Data terbuka di bawah lisensi CC BY 4.0")
    for day, program in entries:
        member = members[program["member"]]
        url = urljoin(base, paths.program(program["id"]))
        entry = ET.SubElement(root, "entry")
        _text(entry, "id", url)
        _text(entry, "title", program["title"])
        ET.SubElement(entry, "link", rel="alternate", type="text/html", href=url)
        _text(entry, "published", _stamp(day))
        _text(entry, "updated", _stamp(day))
        _text(ET.SubElement(entry, "author"), "name", member["name"])
        ET.SubElement(entry, "category", term=program["sector"], label=sectors[program["sector"]])
        _text(
            entry,
            "summary",
            f"{member['name']}, bidang {sectors[program['sector']]}, tahun {program['year']}: "
            f"nilai kontribusi {formats.rupiah(program['amount'])}, "
            f"{formats.number(program['beneficiaries'])} penerima manfaat.",
        )
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
