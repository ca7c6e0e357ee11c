"""Shared test helpers: the sample as tables, hashing a data dir, running the CLI."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from scripts import sources
from scripts.cli import main

REPO = Path(__file__).resolve().parent.parent


def write_csv(path: Path, table: sources.Table) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([table.header, *table.rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def tree_digest(directory: Path) -> dict[str, str]:
    """Every file under `directory` with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def pull_tables(tmp_path: Path, tables: dict[str, sources.Table], *extra: str) -> int:
    """Write tables as CSV exports and pull them into tmp_path/data."""
    args = ["pull", "--source", "csv", "--data-dir", str(tmp_path / "data")]
    for key, table in tables.items():
        args += [f"--{key}", str(write_csv(tmp_path / f"{key}.csv", table))]
    return main([*args, *extra])


@pytest.fixture
def sample() -> dict[str, sources.Table]:
    return sources.read_sample()
