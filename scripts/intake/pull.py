"""The `pull` verb: read a source, normalise and validate, write data/ and a report.

A failed pull (source unreadable, a required column missing) exits 1 and leaves
every file in data/ byte-identical; rejected rows are not failures.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.config import ConfigError
from scripts.config import load as load_config
from scripts.errors import SourceError
from scripts.intake import publish as intake
from scripts.model import store
from scripts.sources import files as sources

if TYPE_CHECKING:
    from scripts.sources.sheets import Network

log = logging.getLogger("scripts.pull")

OUTCOME_LABELS = {
    "accepted": "diterbitkan",
    "rejected": "ditolak sistem",
    "pending": "menunggu verifikasi",
    "declined": "ditolak sekretariat",
    "no_consent": "tanpa persetujuan publikasi",
}


def summary(report: dict) -> str:
    """A plain-text summary for people: counts per sheet, then each rejection."""
    lines = []
    for sheet in report["sheets"].values():
        counts = ", ".join(f"{sheet[key]} {label}" for key, label in OUTCOME_LABELS.items())
        lines.append(f"{sheet['sheet']}: {sheet['read']} baris dibaca — {counts}.")
    for sheet in report["sheets"].values():
        for r in sheet["rejections"]:
            lines.append(f"  {r['sheet']}, baris {r['row']}, kolom '{r['column']}': {r['message']}")
    return "\n".join(lines)


def write_report(path: Path | None, report: dict) -> None:
    if path is not None:
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        store.write_atomic(path, text)


def run(
    source: str,
    data_dir: Path,
    report_path: Path | None = None,
    config_path: Path | None = None,
    paths: dict[str, Path | None] | None = None,
    network: Network | None = None,
) -> int:
    report: dict = {"source": source, "ok": False}
    try:
        config = load_config(config_path) if config_path else load_config()
        tables = sources.read(source, config, paths or {}, network)
        data, sheets = intake.build(tables, config)
    except (SourceError, ConfigError) as exc:
        report["error"] = str(exc)
        write_report(report_path, report)
        print(
            f"Gagal menarik data: {exc}\nTidak ada berkas di {data_dir} yang diubah.",
            file=sys.stderr,
        )
        return 1
    changed = store.save(data_dir, data)
    report.update(
        ok=True,
        sheets=sheets,
        records={name: len(records) for name, records in data.items()},
        changed=changed,
    )
    write_report(report_path, report)
    print(summary(report))
    print(f"Berkas diperbarui: {', '.join(changed) if changed else 'tidak ada (data sama)'}.")
    return 0
