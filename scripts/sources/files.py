"""Local files: CSV exports as downloaded from Google Forms / Sheets, and the
bundled sample in exactly that format."""

from __future__ import annotations

from pathlib import Path

from scripts.config import REPO_ROOT, SHEET_KEYS
from scripts.errors import SourceError
from scripts.sources.table import Table, parse_csv

SAMPLE_DIR = REPO_ROOT / "sample"


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
