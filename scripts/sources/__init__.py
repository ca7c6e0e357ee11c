"""Sources: each returns the forum's sheets as `Table`s of plain strings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scripts.config import Config
from scripts.errors import SourceError
from scripts.sources import files
from scripts.sources.table import Table

if TYPE_CHECKING:
    from scripts.sources.sheets import Network


def read(
    source: str,
    config: Config,
    paths: dict[str, Path | None],
    network: Network | None = None,
    expected: dict[str, frozenset[str]] | None = None,
) -> dict[str, Table]:
    """The tables of the named source: `sample`, `csv` (with `paths`: CSV or XLSX), or
    the network sources `sheets` and `url` (set up in the config's `sources:`).
    `expected`: each sheet's column names, folded (they tell a CSV's separator)."""
    if source == "sample":
        return files.read_sample()
    if source == "csv":
        return files.read_csv_files(paths, expected)
    if source in ("sheets", "url"):
        # Imported here: the offline sources need neither gspread nor google-auth.
        from scripts.sources import sheets

        if source == "sheets":
            return sheets.read_sheets(config.sheets, network)
        return sheets.read_urls(config.urls, network)
    raise SourceError(f"Sumber '{source}' tidak dikenal.")
