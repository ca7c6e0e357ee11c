"""Link previews: the picture WhatsApp and other apps show beside a shared link
(Open Graph `og:image`), 1200×630 PNG, drawn from the page's own figures with
Pillow: no third-party service. One for the home page and one per sector."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from scripts.config import Forum
from scripts.site import formats
from scripts.site.pdf import FONT_FILES
from scripts.site.stats import Figures, Totals

SIZE = (1200, 630)
MARGIN = 70
INK, MUTED, BAND = (33, 33, 33), (74, 74, 74), (63, 81, 181)  # the theme's indigo
FOLDER = "pratinjau"  # /pratinjau/<name>.png


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The documents' own faces (fonts/), a true bold among them: the same on every machine."""
    return ImageFont.truetype(str(FONT_FILES["B" if bold else ""]), size)


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


@dataclass(frozen=True)
class Preview:
    name: str  # file name without .png
    title: str
    lines: tuple[str, ...]  # the figures, one per line


def figure_lines(totals: Totals, members: int | None = None) -> tuple[str, ...]:
    """What a reader quotes: the money in words, then programs, members, beneficiaries."""
    counts = [f"{formats.number(totals.programs)} program"]
    if members is not None:
        counts.append(f"{formats.number(members)} anggota")
    if totals.known_beneficiaries is not None:
        counts.append(f"{formats.number(totals.known_beneficiaries)} penerima manfaat")
    money = totals.known_amount
    first = f"{formats.rupiah_compact(money)} nilai kontribusi" if money is not None else ""
    return tuple(line for line in (first, " · ".join(counts)) if line)


def sentence(totals: Totals, years: list[int], members: int | None = None) -> str:
    """The figures in one quotable sentence with their period: "Rp38,4 miliar untuk 171
    program CSR dari 46 badan usaha, 2024–2025." Unknown money is left out, not zero."""
    if not totals.programs:
        return "Belum ada program CSR yang dilaporkan."
    what = f"{formats.number(totals.programs)} program CSR"
    if members is not None:
        what += f" dari {formats.number(members)} badan usaha"
    if totals.known_amount is not None:
        what = f"{formats.rupiah_compact(totals.known_amount)} untuk {what}"
    period = formats.years(years)
    return f"{what}, {period}." if period else f"{what}."


def home_path() -> str:
    return f"{FOLDER}/beranda.png"


def sector_path(key: str) -> str:
    return f"{FOLDER}/sektor-{key}.png"


def previews(fig: Figures) -> list[Preview]:
    title = " ".join(filter(None, ("Program CSR", formats.years(fig.years))))
    home = Preview("beranda", title, figure_lines(fig.totals, fig.members))
    sectors = [
        Preview(f"sektor-{s.key}", f"Sektor {s.label}", figure_lines(s.totals)) for s in fig.sectors
    ]
    return [home, *sectors]


def image(preview: Preview, forum: Forum) -> Image.Image:
    picture = Image.new("RGB", SIZE, (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, SIZE[0], 24), fill=BAND)
    width = SIZE[0] - 2 * MARGIN
    y = 70
    draw.text((MARGIN, y), forum.name, font=font(34), fill=MUTED)
    y += 70
    title = font(60, bold=True)
    for line in list(wrap(preview.title, title, width))[:2]:
        draw.text((MARGIN, y), line, font=title, fill=INK)
        y += 82
    y += 30
    for i, text in enumerate(preview.lines):
        face = font(54, bold=True) if i == 0 else font(38)
        for line in list(wrap(text, face, width))[:2]:
            draw.text((MARGIN, y), line, font=face, fill=BAND if i == 0 else INK)
            y += round(face.size * 1.3)
    site = forum.site_address
    if site:
        draw.text((MARGIN, SIZE[1] - MARGIN - 36), site, font=font(32), fill=MUTED)
    return picture


def write(fig: Figures, docs_dir: Path) -> None:
    """Every preview as PNG under docs_dir (home_path(), sector_path(key))."""
    folder = docs_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for preview in previews(fig):
        image(preview, fig.forum).save(folder / f"{preview.name}.png", format="PNG")
