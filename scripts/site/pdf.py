"""The forum's printed documents (the annual report, the posters) as PDF, with fpdf2.

Every document is A4, in the bundled DejaVu Sans (fonts/, embedded as a subset),
so the text is real text that can be searched and copied, and every machine
builds the same bytes. Form answers reach a PDF only through `printable`: a
character the fonts do not have becomes the replacement mark, never a crash or an
empty box, and nothing in an answer is read as markup or as fpdf2's page-count
alias. The first page is the cover; every page carries "Halaman N dari M".
"""

from __future__ import annotations

import datetime
import logging
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from scripts.config import REPO_ROOT, Forum
from scripts.model.dates import midnight

# fontTools says what it drops from each subset at INFO, which MkDocs' logging would print.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = REPO_ROOT / "fonts"
FAMILY = "dejavu"
FONT_FILES = {"": FONTS / "DejaVuSans.ttf", "B": FONTS / "DejaVuSans-Bold.ttf"}
REPLACEMENT = "\ufffd"  # shown for a character neither face can draw
PAGE_COUNT = "{nb}"  # fpdf2's alias: switched on only while our own footer is written
MARGIN = 20  # mm on every side
INK = (0, 0, 0)
MUTED = (70, 70, 70)  # 9.7:1 on white
RULE = (150, 150, 150)
ZEBRA = (240, 240, 240)
CELL_PADDING = 1.5  # mm left and right of a table cell's text
MAX_SHARE = 0.45  # of the page: the most one column's longest word may claim


@cache
def _drawable() -> frozenset[int]:
    """The code points both faces can draw (a bold heading needs the same as the text)."""
    maps = [set(TTFont(path, lazy=True).getBestCmap()) for path in FONT_FILES.values()]
    return frozenset.intersection(*map(frozenset, maps))


def printable(value: object) -> str:
    """Any value as text the fonts can draw: a tab or a control character becomes a space
    (a line break stays), and a character neither face has becomes the replacement mark."""
    text = "" if value is None else str(value)
    drawable = _drawable()
    if all(ord(c) in drawable or c == "\n" for c in text):
        return text  # the common case
    out = []
    for c in text:
        if c == "\n" or ord(c) in drawable:
            out.append(c)
        elif unicodedata.category(c) in ("Cc", "Zs", "Zl", "Zp"):
            out.append(" ")
        elif unicodedata.category(c) != "Cf":  # an invisible format mark without a glyph: gone
            out.append(REPLACEMENT)
    return "".join(out)


def share(weights: Sequence[float], floors: Sequence[float], total: float) -> list[float]:
    """Column widths summing to `total`: by `weights`, each at least its floor (capped at
    MAX_SHARE of the total); what a raised column takes, the others give up by weight.
    Floors that together want more than the total: the widest are cut to one width."""
    floors = [min(f, total * MAX_SHARE) for f in floors]
    if sum(floors) > total:  # not every floor can be met: the widest give up first
        cap, rest = total, sorted(floors)
        for i, floor in enumerate(rest):
            cap = (total - sum(rest[:i])) / (len(rest) - i)
            if floor > cap:
                break
        floors = [min(f, cap) for f in floors]
    fixed: dict[int, float] = {}
    while True:
        room = total - sum(fixed.values())
        free = [i for i in range(len(weights)) if i not in fixed]
        weight = sum(weights[i] for i in free) or 1
        widths = {i: room * weights[i] / weight for i in free}
        short = {i: floors[i] for i in free if widths[i] < floors[i]}
        if not short or len(short) == len(free):
            widths |= short
            break
        fixed |= short
    widths |= fixed
    return [widths[i] for i in range(len(weights))]


class _Table:
    """One data_table being drawn: its columns, its header, and where the page ends."""

    def __init__(
        self, doc: Document, widths: list[float], size: float, head: list[str], right: set[int]
    ) -> None:
        self.doc, self.widths, self.size, self.right = doc, widths, size, right
        self.line = size * 0.5  # mm per line of text
        self.header = self.wrap(head, "B")
        # The most a row can hold: a page under the header.
        self.page = doc.h - doc.t_margin - doc.b_margin - self._height(self.header)

    def _height(self, cells: list[list[str]]) -> float:
        return max(map(len, cells)) * self.line + 2

    def wrap(self, cells: Sequence[str], style: str) -> list[list[str]]:
        """Each cell's lines: words as they fit its column, a word wider than the column
        cut where it must be."""
        out = []
        for text, width in zip(cells, self.widths, strict=True):
            room = width - 2 * CELL_PADDING
            lines: list[str] = []
            for paragraph in text.split("\n"):
                line = ""
                for word in paragraph.split():
                    for piece in self._pieces(word, style, room):
                        candidate = f"{line} {piece}" if line else piece
                        if line and self.doc._width(candidate, style, self.size) > room:
                            lines.append(line)
                            candidate = piece
                        line = candidate
                lines.append(line)
            out.append(lines)
        return out

    def _pieces(self, word: str, style: str, room: float) -> list[str]:
        if self.doc._width(word, style, self.size) <= room:
            return [word]
        pieces, piece = [], ""
        for char in word:
            if piece and self.doc._width(piece + char, style, self.size) > room:
                pieces.append(piece)
                piece = ""
            piece += char
        return [*pieces, piece]

    def _left(self) -> float:
        """Millimetres left on this page above the bottom margin."""
        return self.doc.page_break_trigger - self.doc.get_y()

    def draw_header(self) -> None:
        self._draw(self.header, "B", shaded=False, rule=0.4)

    def draw_row(self, cells: list[list[str]], shaded: bool) -> None:
        height = self._height(cells)
        if self._left() < height <= self.page:
            self._new_page()
        while True:
            fit = max(0, int((self._left() - 2) / self.line))
            if max(map(len, cells)) <= fit:
                self._draw(cells, "", shaded)
                return
            if fit:  # a row taller than a page: what fits here, the rest after the break
                self._draw([c[:fit] for c in cells], "", shaded)
                cells = [c[fit:] for c in cells]
            self._new_page()

    def _new_page(self) -> None:
        self.doc.add_page()
        self.draw_header()

    def _draw(self, cells: list[list[str]], style: str, shaded: bool, rule: float = 0.1) -> None:
        doc = self.doc
        top = doc.get_y()
        height = self._height(cells)
        if shaded:
            doc.set_fill_color(*ZEBRA)
            doc.rect(doc.l_margin, top, doc.epw, height, "F")
        doc.set_font(FAMILY, style, self.size)
        x = doc.l_margin
        for i, (lines, width) in enumerate(zip(cells, self.widths, strict=True)):
            for n, line in enumerate(lines):
                baseline = top + 1 + n * self.line + self.line * 0.75
                if i in self.right:
                    left = x + width - CELL_PADDING - doc._width(line, style, self.size)
                else:
                    left = x + CELL_PADDING
                doc.text(left, baseline, line)
            x += width
        doc.set_draw_color(*RULE)
        doc.set_line_width(rule)
        doc.line(doc.l_margin, top + height, doc.l_margin + doc.epw, top + height)
        doc.set_y(top + height)


class Document(FPDF):
    """An A4 document of the forum: fonts, metadata, the running header and the footer."""

    def __init__(
        self, title: str, forum: Forum, updated: datetime.date | None, numbered: bool = True
    ) -> None:
        """`title`: what the document is ("Laporan Tahunan 2025"); the forum's name is added.
        Its date is the data's (`updated`); unnumbered, it has no running header or footer."""
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_title = printable(title)
        self.forum = forum
        self.numbered = numbered
        self.alias_nb_pages(None)  # "{nb}" in an answer stays "{nb}"
        self.set_creation_date(midnight(updated).replace(tzinfo=datetime.UTC))
        self.set_title(printable(f"{title}: {forum.name}"))
        self.set_author(printable(forum.name))
        self.set_creator(printable(forum.name))
        self.set_lang("id")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        for style, path in FONT_FILES.items():
            self.add_font(FAMILY, style, str(path))
        self.set_font(FAMILY, size=10)
        self.set_text_color(*INK)
        self._widths: dict[tuple[str, str, float], float] = {}

    # fpdf2 calls these on every page.
    def header(self) -> None:
        if self.page_no() == 1 or not self.numbered:
            return  # the cover has the letterhead
        self.set_font(FAMILY, size=8)
        self.set_text_color(*MUTED)
        self.set_y(10)
        self.cell(0, 4, f"{printable(self.forum.name)} · {self.running_title}", align="C")
        self.set_text_color(*INK)
        self.set_y(MARGIN)

    def footer(self) -> None:
        if not self.numbered:
            return
        self.set_y(-14)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*MUTED)
        before = self.str_alias_nb_pages  # None while the pages are written, set on output
        self.alias_nb_pages(PAGE_COUNT)
        self.cell(0, 4, f"Halaman {self.page_no()} dari {PAGE_COUNT}", align="C")
        self.alias_nb_pages(before)
        self.set_text_color(*INK)

    def text_block(self, text: str, size: float = 10, bold: bool = False, gap: float = 2) -> None:
        """A paragraph across the page, `gap` mm after it."""
        self.set_font(FAMILY, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)

    def heading(self, text: str) -> None:
        """A section: in the outline and the table of contents, never alone at a page's foot."""
        if self.will_page_break(30):
            self.add_page()
        self.start_section(printable(text))
        self.text_block(text, size=14, bold=True, gap=3)

    def data_table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[object]],
        weights: Sequence[float],
        numeric: Iterable[int] = (),
        size: float = 8,
    ) -> None:
        """A table of text cells that breaks across pages with its header on top of each
        (a row taller than what is left of a page goes on over the break).
        Columns share the page by `weights`, but none is narrower than its longest word
        (a number is one word), so words break only when one is wider than the page allows;
        the `numeric` columns are right-aligned.

        Laid out here rather than by fpdf2's table(), which breaks every cell's lines
        twice, character by character: 10,000 programs took 43 s that way."""
        head = [printable(h) for h in headers]
        body = [[printable(cell) for cell in row] for row in rows]
        floor = [self._widest_word(h, "B", size) for h in head]
        for row in body:
            for i, cell in enumerate(row):
                floor[i] = max(floor[i], self._widest_word(cell, "", size))
        widths = share(weights, [f + 2 * CELL_PADDING + 0.5 for f in floor], self.epw)
        table = _Table(self, widths, size, head, set(numeric))
        table.draw_header()
        for i, row in enumerate(body):
            table.draw_row(table.wrap(row, ""), shaded=i % 2 == 1)
        self.set_y(self.get_y() + 4)

    def _widest_word(self, text: str, style: str, size: float) -> float:
        return max((self._width(word, style, size) for word in text.split()), default=0.0)

    def _width(self, text: str, style: str, size: float) -> float:
        """The width of `text` in the face and size, measured once per document."""
        key = (text, style, size)
        width = self._widths.get(key)
        if width is None:
            self.set_font(FAMILY, style, size)
            width = self._widths[key] = self.get_string_width(text)
        return width

    def bytes(self) -> bytes:
        self.alias_nb_pages(PAGE_COUNT)  # the footers' placeholders are filled in on output
        return bytes(self.output())
