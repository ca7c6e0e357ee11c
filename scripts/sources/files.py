"""Local files: what a secretariat downloads from Google Sheets (CSV, or File ›
Download › Microsoft Excel), CSV re-saved by Excel with ';', and the bundled sample
in the Forms export format.

A workbook is read from its first sheet, or the one named after '#'
(`anggota.xlsx#Form Responses 1`); every cell becomes the text a CSV download would
hold: dates year-first, whole numbers without ".0", formulas as their last value."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

from scripts.config import REPO_ROOT, SHEET_KEYS
from scripts.errors import SourceError
from scripts.sources.table import Table, from_records, parse_csv

SAMPLE_DIR = REPO_ROOT / "sample"


def cell_text(value: object) -> str:
    """A workbook cell as a CSV download writes it."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime(
            "%Y-%m-%d %H:%M:%S" if value.time() != datetime.time() else "%Y-%m-%d"
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: Path, worksheet: str | None = None) -> Table:
    import openpyxl  # only for workbooks

    title = f"{path.name}#{worksheet}" if worksheet else path.name
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise SourceError(f"Berkas '{title}' tidak dapat dibaca ({exc.strerror}).") from exc
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SourceError(
            f"Berkas '{title}' bukan buku kerja Excel (.xlsx) yang utuh; bila isinya CSV, "
            "beri nama berakhiran .csv. Atau unduh ulang: File > Download > Microsoft Excel."
        ) from exc
    try:
        if worksheet is not None and worksheet not in book.sheetnames:
            names = ", ".join(book.sheetnames)
            raise SourceError(
                f"Berkas '{path.name}': lembar '{worksheet}' tidak ada (ada: {names})."
            )
        sheet = book[worksheet] if worksheet else book.worksheets[0]
        records = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    while records and not any(c.strip() for c in records[-1]):
        records.pop()  # Excel's trailing empty rows
    return from_records(records, title)


def read_table(path: Path, expected: frozenset[str] = frozenset()) -> Table:
    """A downloaded sheet: .xlsx (optionally `file.xlsx#Sheet`) or CSV."""
    name, _, worksheet = str(path).partition("#")
    if name.lower().endswith(".xlsx"):
        return read_xlsx(Path(name), worksheet or None)
    return read_csv(path, expected)


def read_csv(path: Path, expected: frozenset[str] = frozenset()) -> Table:
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
            "(File > Download > CSV atau Microsoft Excel) tanpa menyimpannya ulang di Excel."
        ) from exc
    return parse_csv(text, title, expected)


def read_csv_files(
    paths: dict[str, Path | None], expected: dict[str, frozenset[str]] | None = None
) -> dict[str, Table]:
    """Downloaded sheets (CSV or XLSX); `needs` may be absent. `expected`: each sheet's
    column names, folded, that tell a CSV's separator."""
    expected = expected or {}
    return {
        key: read_table(path, expected.get(key, frozenset()))
        for key, path in paths.items()
        if path is not None
    }


def read_sample() -> dict[str, Table]:
    """The bundled, fictional sample in the Forms export format."""
    return read_csv_files({key: SAMPLE_DIR / f"{key}.csv" for key in SHEET_KEYS})
