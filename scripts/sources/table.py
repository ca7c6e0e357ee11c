"""A sheet as every source returns it: a header row and data rows of plain strings,
the first data row being row 2 of the sheet. Readers fail with `SourceError` (an
Indonesian message that names the sheet, never a cell's value)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from scripts.errors import SourceError


@dataclass(frozen=True)
class Table:
    title: str  # the sheet's name, as messages show it
    header: list[str]
    rows: list[list[str]]


def parse_csv(text: str, title: str) -> Table:
    """A CSV export (Google Forms / Sheets download, or 'publish to web')."""
    text = text.removeprefix("\ufeff")
    if text.lstrip()[:1] == "<":
        raise SourceError(
            f"Lembar '{title}': yang diterima adalah halaman web, bukan CSV. "
            "Pastikan tautan adalah tautan 'Publikasikan ke web' dengan format CSV."
        )
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise SourceError(f"Lembar '{title}': berkas CSV rusak ({exc}).") from exc
    return from_records(records, title)


def from_records(records: list[list[str]], title: str) -> Table:
    """A sheet's rows, the first being its header row."""
    if not records or not any(cell.strip() for cell in records[0]):
        raise SourceError(f"Lembar '{title}': kosong, baris judul kolom tidak ditemukan.")
    return Table(title=title, header=records[0], rows=records[1:])
