"""Source readers: each returns the forum's sheets as `Table`s of plain strings.

A table is what a sheet looks like: a header row and data rows, the first of
which is row 2 of the sheet. Every reader fails with `SourceError` (an
Indonesian message that names the sheet, never a cell's value).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.config import REPO_ROOT, Config
from scripts.errors import SourceError

if TYPE_CHECKING:
    from scripts.sources.sheets import Network

SAMPLE_DIR = REPO_ROOT / "sample"
SHEET_KEYS = ("members", "programs", "needs")


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


def read_csv(path: Path) -> Table:
    title = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"Berkas '{title}' tidak dapat dibaca ({exc.strerror}).") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"Berkas '{title}' bukan teks UTF-8. Unduh ulang dari Google Sheets "
            "(File > Download > CSV) tanpa membukanya di Excel."
        ) from exc
    return parse_csv(text, title)


def read_csv_files(paths: dict[str, Path | None]) -> dict[str, Table]:
    """CSV files as downloaded from Google Forms; `needs` may be absent."""
    return {key: read_csv(path) for key, path in paths.items() if path is not None}


def read_sample() -> dict[str, Table]:
    """The bundled, fictional sample in the Forms export format."""
    return read_csv_files({key: SAMPLE_DIR / f"{key}.csv" for key in SHEET_KEYS})


def read(
    source: str,
    config: Config,
    paths: dict[str, Path | None],
    network: Network | None = None,
) -> dict[str, Table]:
    """The tables of the named source: `sample`, `csv` (with `paths`), or the network
    sources `sheets` and `url` (set up in the config's `sources:`)."""
    if source == "sample":
        return read_sample()
    if source == "csv":
        return read_csv_files(paths)
    if source in ("sheets", "url"):
        # Imported here: the offline sources need neither gspread nor google-auth, and
        # sheets.py builds its tables with this module.
        from scripts.sources import sheets

        reader = sheets.read_sheets if source == "sheets" else sheets.read_urls
        return reader(config.sources, network)
    raise SourceError(f"Sumber '{source}' tidak dikenal.")
