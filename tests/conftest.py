"""Shared test helpers: the sample as tables, hashing a data dir, running the CLI,
reading QR codes."""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
from pathlib import Path

import pytest

from scripts.cli import main
from scripts.sources import files as sources

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


def decode_qr(image: Path) -> list[str]:
    """What every QR code in the image holds, read by zbarimg (Debian's zbar-tools,
    which `make test` installs): an independent reader, not the library that wrote it."""
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.splitlines()


def pull_tables(tmp_path: Path, tables: dict[str, sources.Table], *extra: str) -> int:
    """Write tables as CSV exports and pull them into tmp_path/data."""
    args = ["pull", "--source", "csv", "--data-dir", str(tmp_path / "data")]
    for key, table in tables.items():
        args += [f"--{key}", str(write_csv(tmp_path / f"{key}.csv", table))]
    return main([*args, *extra])


@pytest.fixture
def sample() -> dict[str, sources.Table]:
    return sources.read_sample()
