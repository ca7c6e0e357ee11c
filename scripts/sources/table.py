"""A sheet as every source returns it: a header row and data rows of plain strings,
the first data row being row 2 of the sheet. Readers fail with `SourceError` (an
Indonesian message that names the sheet, never a cell's value)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from scripts.errors import SourceError
from scripts.model.text import header_key


@dataclass(frozen=True)
class Table:
    title: str  # the sheet's name, as messages show it
    header: list[str]
    rows: list[list[str]]


DELIMITERS = (",", ";")  # Google's downloads; Excel's in locales with a decimal comma


def delimiter(first_line: str, expected: frozenset[str]) -> str:
    """The separator under which the header row holds the most of the expected column
    names (compared by `header_key`): ';' only when the header says so, never guessed
    from the data. Without expected names, or a tie, it is ','."""

    def found(separator: str) -> int:
        cells = next(csv.reader([first_line], delimiter=separator), [])
        return len({header_key(c) for c in cells} & expected)

    best = max(DELIMITERS, key=found)
    return best if found(best) > found(",") else ","


def parse_csv(text: str, title: str, expected: frozenset[str] = frozenset()) -> Table:
    """A CSV export (Google Forms / Sheets download, 'publish to web', or re-saved by
    Excel with ';'). `expected`: column names, folded, that tell the separator."""
    text = text.removeprefix("\ufeff")
    if text.lstrip()[:1] == "<":
        raise SourceError(
            f"Lembar '{title}': yang diterima adalah halaman web, bukan CSV. "
            "Pastikan tautan adalah tautan 'Publikasikan ke web' dengan format CSV."
        )
    separator = delimiter(text.split("\n", 1)[0], expected)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error as exc:
        raise SourceError(f"Lembar '{title}': berkas CSV rusak ({exc}).") from exc
    mixed = mixed_separator_row(records, separator)
    if mixed is not None:
        raise SourceError(
            f"Lembar '{title}': baris {mixed} memakai pemisah kolom yang lain dari baris "
            f"judul ('{separator}'); berkas ini mencampur ',' dan ';'. Unduh ulang dari "
            "Google Sheets, atau simpan ulang dengan satu pemisah."
        )
    return from_records(records, title)


def mixed_separator_row(records: list[list[str]], separator: str) -> int | None:
    """The sheet row number of the first data row that is split by another separator
    than the header: under the header's it holds under half the columns, under the
    other at least half (a row pasted from another file)."""
    width = len(records[0]) if records else 0
    others = [d for d in DELIMITERS if d != separator]
    for number, record in enumerate(records[1:], 2):
        if width < 2 or 2 * len(record) >= width or not any(c.strip() for c in record):
            continue
        joined = separator.join(record)
        for other in others:
            if 2 * len(next(csv.reader([joined], delimiter=other), [])) >= width:
                return number
    return None


def from_records(records: list[list[str]], title: str) -> Table:
    """A sheet's rows, the first being its header row."""
    if not records or not any(cell.strip() for cell in records[0]):
        raise SourceError(f"Lembar '{title}': kosong, baris judul kolom tidak ditemukan.")
    return Table(title=title, header=records[0], rows=records[1:])
