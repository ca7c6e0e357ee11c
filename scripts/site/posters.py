"""Joining and reporting: the forum's two Google Forms as the site shows them.

`forms:` in config.yml gives each form's address. A form without one is not
open yet: its page says so and nothing points anywhere. For an open form the
build writes, next to its page, the QR code as a PNG and an A4 poster: a vector
PDF to print and, rendered from that PDF, a PNG to share; the poster page of the
site shows the same texts, so the printed and the downloaded posters agree.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pypdfium2 as pdfium
from markupsafe import Markup, escape

from scripts import paths
from scripts.config import Config, FormLink, Forum
from scripts.errors import ConfigError, InvalidValue
from scripts.model import links
from scripts.model.reference import FORM_TITLES
from scripts.site import qrcodes
from scripts.site.pdf import FAMILY, Document, printable

SCAN_HINT = "Pindai kode QR dengan kamera ponsel, atau buka tautan:"


@dataclass(frozen=True)
class Form:
    page: str  # its route on the site (scripts/paths.py)
    name: str  # its title on Google Forms
    call: str  # the poster's call to action
    button: str  # the label of the button that opens the form on a phone
    lead: str  # one sentence under the call
    stem: str  # file names of its downloads
    url: str | None = None  # None: the form is not open yet
    short_url: str | None = None  # another, shorter address to type, e.g. https://s.id/…

    @property
    def link_text(self) -> str:
        """What people type when they cannot scan: https:// goes without saying."""
        return (self.short_url or self.url or "").removeprefix("https://")

    @property
    def link_html(self) -> Markup:
        """link_text for a narrow screen: it may break after a slash, never inside a word."""
        return Markup("/<wbr>").join(escape(part) for part in self.link_text.split("/"))

    @property
    def qr_png(self) -> str:
        return f"kode-qr-{self.stem}.png"

    @property
    def poster_png(self) -> str:
        return f"poster-{self.stem}.png"

    @property
    def poster_pdf(self) -> str:
        return f"poster-{self.stem}.pdf"


FORMS = {
    "members": Form(
        page=paths.JOIN,
        name=FORM_TITLES["members"],
        call="Daftarkan badan usaha Anda",
        button="Isi formulir pendaftaran",
        lead="Bergabunglah sebagai anggota forum: tanpa biaya, cukup isi satu formulir.",
        stem="pendaftaran-anggota",
    ),
    "programs": Form(
        page=paths.REPORT_FORM,
        name=FORM_TITLES["programs"],
        call="Laporkan program CSR Anda",
        button="Isi formulir laporan",
        lead="Agar tercatat, terlapor kepada Kementerian Sosial RI, dan tampil di situs forum.",
        stem="laporan-program",
    ),
}


def site_line(forum: Forum) -> str:
    """The poster's last line: where to see the members and programs, if the site has an address."""
    site = forum.site_address
    return f"Anggota dan program CSR: {site}" if site else ""


def _url(value: str, where: str) -> str | None:
    if not value:
        return None
    try:
        return links.url(value)
    except InvalidValue as exc:
        raise ConfigError(f"config.yml, {where}: {exc.message}") from None


def forms(config: Config) -> dict[str, Form]:
    """The two forms with the addresses of config.yml's `forms:`, checked."""
    result = {}
    for key, form in FORMS.items():
        link = config.forms.get(key) or FormLink()
        url = _url(link.url, f"forms.{key}.url")
        short_url = _url(link.short_url, f"forms.{key}.short_url")
        result[key] = replace(form, url=url, short_url=short_url if url else None)
    return result


# The poster: one A4 page drawn once, as vector PDF (text in the embedded fonts,
# the QR code as squares); the PNG to share is that page rendered by PDFium.
PNG_DPI = 150  # 1240 × 1754 px: sharp on a phone, small enough for WhatsApp
QR_MAX = 130  # mm with its quiet zone: scans from a few metres across a meeting room
GAP = 6  # mm between the poster's blocks


def _room(doc: Document) -> float:
    """The width a line of text has: the page's, less the cell's margins."""
    return doc.epw - 2 * doc.c_margin


def _one_line(doc: Document, text: str, largest: float, smallest: float) -> float:
    """The largest bold size from `largest` down to `smallest` at which `text` fits on one line."""
    size = largest
    doc.set_font(FAMILY, "B", size)
    while size > smallest and doc.get_string_width(text) > _room(doc):
        size -= 1
        doc.set_font(FAMILY, "B", size)
    return size


def _link_parts(link: str) -> list[str]:
    """A link cut after each '/', '?', '&' and '=': where it may break."""
    return [part for part in re.findall(r"[^/?&=]*[/?&=]?", link) if part]


def link_lines(doc: Document, link: str) -> list[str]:
    """A link too long for one line in the current font, broken after a '/', '?', '&' or
    '=' so that each line fits (a part longer than a line is left to the PDF's breaking)."""
    lines = [""]
    for part in _link_parts(link):
        if lines[-1] and doc.get_string_width(lines[-1] + part) > _room(doc):
            lines.append("")
        lines[-1] += part
    return lines


@dataclass(frozen=True)
class _Block:
    """Centred lines in one face, `gap` mm after them, balanced: as many lines as the
    page width needs, each about as long as the others (no word left alone below)."""

    text: str
    size: float
    bold: bool = False
    gap: float = 0
    balanced: bool = True  # False: lines broken as given (a link's, by link_lines)

    @property
    def line(self) -> float:
        return self.size * 0.45  # mm per line: 1.28 × the size in points

    def _lines(self, doc: Document, width: float) -> int:
        doc.set_font(FAMILY, "B" if self.bold else "", self.size)
        return len(doc.multi_cell(width, self.line, self.text, dry_run=True, output="LINES"))

    def width(self, doc: Document) -> float:
        """The narrowest width (to 1 mm) that keeps the lines the page width gives."""
        lines = self._lines(doc, doc.epw)
        narrow, wide = doc.epw / 2, doc.epw
        if not self.balanced:
            return wide
        while wide - narrow > 1:
            middle = (narrow + wide) / 2
            if self._lines(doc, middle) > lines:
                narrow = middle
            else:
                wide = middle
        return wide

    def height(self, doc: Document) -> float:
        return self._lines(doc, doc.epw) * self.line + self.gap

    def draw(self, doc: Document) -> None:
        width = self.width(doc)
        doc.set_font(FAMILY, "B" if self.bold else "", self.size)
        doc.set_x((doc.w - width) / 2)
        doc.multi_cell(width, self.line, self.text, align="C")
        doc.ln(self.gap)


def _qr(doc: Document, url: str, x: float, y: float, size: float) -> None:
    """The code as black squares, one rectangle per run of dark modules in a row."""
    matrix = qrcodes.matrix(url)
    module = size / len(matrix)
    doc.set_fill_color(0, 0, 0)
    for row, cells in enumerate(matrix):
        column = 0
        while column < len(cells):
            if not cells[column]:
                column += 1
                continue
            start = column
            while column < len(cells) and cells[column]:
                column += 1
            doc.rect(x + start * module, y + row * module, (column - start) * module, module, "F")


def poster_pdf(form: Form, forum: Forum, updated: datetime.date | None) -> bytes:
    """The A4 poster of an open form: forum, call to action, QR code, link."""
    doc = Document(f"Poster {form.name}", forum, updated, numbered=False)
    doc.set_auto_page_break(False)  # one page: the code gives way to the texts
    doc.add_page()
    name = printable(forum.name)
    top = [
        _Block(name, _one_line(doc, name, 34, 20), bold=True, gap=2),
        _Block(printable(forum.full_name), 12, gap=GAP),
    ]
    call = [_Block(form.call, 36, bold=True, gap=3), _Block(form.lead, 16)]
    link = form.link_text
    size = _one_line(doc, link, 26, 14)
    lines = link_lines(doc, link)
    if len(lines) > 1:  # broken after its separators: its longest part sets the size
        size = _one_line(doc, max(_link_parts(link), key=doc.get_string_width), 14, 9)
        lines = link_lines(doc, link)
    bottom = [
        _Block(SCAN_HINT, 14, gap=2),
        _Block("\n".join(lines), size, bold=True, gap=GAP, balanced=False),
        _Block(printable(site_line(forum)), 11),
    ]
    for block in top:
        block.draw(doc)
    rule = doc.get_y()
    doc.set_line_width(0.8)
    doc.line(doc.l_margin, rule, doc.w - doc.r_margin, rule)
    doc.set_y(rule + GAP + 2)
    for block in call:
        block.draw(doc)
    below = doc.get_y()
    bottom_y = doc.h - doc.b_margin - sum(block.height(doc) for block in bottom)
    # The code takes the room between the texts, centred in it, with space around.
    side = min(QR_MAX, doc.epw, bottom_y - below - 2 * GAP)
    _qr(doc, form.url, (doc.w - side) / 2, (below + bottom_y - side) / 2, side)
    doc.set_y(bottom_y)
    for block in bottom:
        block.draw(doc)
    return doc.bytes()


def png(pdf: bytes) -> bytes:
    """The first page of a PDF as a grey PNG at PNG_DPI, rendered by PDFium."""
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=PNG_DPI / 72, grayscale=True).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_assets(
    forms: dict[str, Form], forum: Forum, docs_dir: Path, updated: datetime.date | None
) -> None:
    """Each open form's QR code PNG and poster PDF and PNG, in its page's folder."""
    for form in forms.values():
        if form.url is None:
            continue
        folder = docs_dir / form.page
        folder.mkdir(parents=True, exist_ok=True)
        (folder / form.qr_png).write_bytes(qrcodes.png(form.url))
        pdf = poster_pdf(form, forum, updated)
        (folder / form.poster_pdf).write_bytes(pdf)
        (folder / form.poster_png).write_bytes(png(pdf))
