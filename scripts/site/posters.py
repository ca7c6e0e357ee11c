"""Joining and reporting: the forum's two Google Forms as the site shows them.

`forms:` in config.yml gives each form's address. A form without one is not
open yet: its page says so and nothing points anywhere. For an open form the
build writes, next to its page, the QR code as a PNG and an A4 poster drawn
with Pillow, as a PNG to share and a PDF to print; the poster page of the site
shows the same texts, so the printed and the downloaded posters agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup, escape
from PIL import Image, ImageDraw, ImageFont

from scripts import paths
from scripts.config import Config, FormLink, Forum
from scripts.errors import ConfigError, InvalidValue
from scripts.model import links
from scripts.model.reference import FORM_TITLES
from scripts.site import qrcodes

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
    site = forum.site_url.removeprefix("https://").rstrip("/")
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


# The poster: A4 at 300 dpi, black on white (any office printer; a 1-bit image
# is also what makes the PDF small and lossless).
DPI = 300
A4 = (2480, 3508)  # 210 × 297 mm
MARGIN = 240  # 20 mm
WIDTH = A4[0] - 2 * MARGIN
QR_MAX = 1500  # 127 mm: scans from a few metres across a meeting room


def font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's own scalable font: the same image on every machine, no font package.
    return ImageFont.load_default(size)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> Iterator[str]:
    """`text` wrapped at word boundaries to `width` pixels."""
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and face.getlength(candidate) > width:
            yield line
            candidate = word
        line = candidate
    if line:
        yield line


def _fitting(text: str, size: int) -> ImageFont.FreeTypeFont:
    """The font at `size`, or smaller until `text` (a link: no wrapping) fits on one line."""
    face = font(size)
    while face.getlength(text) > WIDTH and size > 20:
        size -= 4
        face = font(size)
    return face


@dataclass(frozen=True)
class _Text:
    """Lines of text centred on the poster, with `gap` pixels after them."""

    text: str
    font: ImageFont.FreeTypeFont
    bold: bool = False
    gap: int = 0

    @property
    def lines(self) -> list[str]:
        return list(wrap(self.text, self.font, WIDTH))

    @property
    def line_height(self) -> int:
        return round(self.font.size * 1.25)

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines) + self.gap

    def draw(self, draw: ImageDraw.ImageDraw, y: int) -> int:
        """Draws the lines from `y` down; returns the y below the gap."""
        for line in self.lines:
            draw.text(
                ((A4[0] - self.font.getlength(line)) / 2, y),
                line,
                font=self.font,
                fill=0,
                # Pillow's font has no bold face: an outline in the same ink makes one.
                stroke_width=round(self.font.size / 30) if self.bold else 0,
                stroke_fill=0,
            )
            y += self.line_height
        return y + self.gap


def poster(form: Form, forum: Forum) -> Image.Image:
    """The A4 poster of an open form: forum, call to action, QR code, link."""
    page = Image.new("1", A4, 1)
    draw = ImageDraw.Draw(page)
    y = MARGIN
    y = _Text(forum.name, font(120), bold=True, gap=10).draw(draw, y)
    y = _Text(forum.full_name, font(52), gap=60).draw(draw, y)
    draw.rectangle((MARGIN, y, A4[0] - MARGIN, y + 8), fill=0)
    y = _Text(form.call, font(150), bold=True, gap=30).draw(draw, y + 100)
    y = _Text(form.lead, font(66)).draw(draw, y)

    bottom = [
        _Text(SCAN_HINT, font(62), gap=30),
        _Text(form.link_text, _fitting(form.link_text, 110), bold=True, gap=90),
        _Text(site_line(forum), font(50)),
    ]
    bottom_y = A4[1] - MARGIN - sum(text.height for text in bottom)
    # The code takes the room between the texts, centred in it, with space around.
    room = min(QR_MAX, WIDTH, bottom_y - y - 2 * 60)
    code = qrcodes.image(form.url, room // qrcodes.side(form.url))
    page.paste(code, ((A4[0] - code.width) // 2, (y + bottom_y - code.height) // 2))
    for text in bottom:
        bottom_y = text.draw(draw, bottom_y)
    return page


def write_assets(forms: dict[str, Form], forum: Forum, docs_dir: Path) -> None:
    """Each open form's QR code PNG and poster PNG and PDF, in its page's folder."""
    for form in forms.values():
        if form.url is None:
            continue
        folder = docs_dir / form.page
        folder.mkdir(parents=True, exist_ok=True)
        (folder / form.qr_png).write_bytes(qrcodes.png(form.url))
        image = poster(form, forum)
        image.save(folder / form.poster_png, format="PNG")
        # No creation date: the same poster gives the same bytes every night.
        image.save(
            folder / form.poster_pdf,
            format="PDF",
            resolution=DPI,
            title=": ".join(filter(None, (f"Poster {form.name}", forum.name))),
            creationDate=None,
            modDate=None,
        )
