"""Pulling: read a source, normalise and validate, write data/; the result says how.

A failed pull (source unreadable, a required column missing, a bad config, too
many published records removed at once) leaves every file in data/ byte-identical;
rejected rows are not failures.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scripts import config as config_module
from scripts import sources
from scripts.checks import quality as quality_checks
from scripts.config import Config
from scripts.errors import ConfigError, SourceError, StoreError
from scripts.intake import guard, publish, status
from scripts.intake.questions import FORMS
from scripts.intake.report import OUTCOME_LABELS, SheetReport
from scripts.model import collector, parallel, store
from scripts.model.text import header_key

if TYPE_CHECKING:
    from scripts.sources.sheets import Network


@dataclass
class PullResult:
    """What a pull did: its error, or the per-sheet report, record counts and changed
    files; every row's outcome (`rows`, for the status table only); the data quality
    findings; and whether the status could be written where it was asked."""

    source: str
    error: str | None = None
    sheets: dict[str, dict] = field(default_factory=dict)
    records: dict[str, int] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    rows: dict[str, SheetReport] = field(default_factory=dict)
    quality: list[quality_checks.Result] = field(default_factory=list)
    origins: quality_checks.Origins = field(default_factory=dict)
    status_written: list[str] = field(default_factory=list)
    status_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_dict(self) -> dict:
        """The JSON report (`--report`): counts and reasons, no row's subject."""
        if not self.ok:
            return {"source": self.source, "ok": False, "error": self.error}
        return {
            "source": self.source,
            "ok": True,
            "sheets": self.sheets,
            "records": self.records,
            "changed": self.changed,
        }

    def summary(self) -> str:
        """A plain-text summary for people: counts per sheet, then each rejection, each
        update and each warning."""
        lines = []
        for sheet in self.sheets.values():
            counts = ", ".join(f"{sheet[key]} {label}" for key, label in OUTCOME_LABELS.items())
            lines.append(f"{sheet['sheet']}: {sheet['read']} baris dibaca — {counts}.")
        for sheet in self.sheets.values():
            for r in sheet["rejections"]:
                lines.append(
                    f"  {r['sheet']}, baris {r['row']}, kolom '{r['column']}': {r['message']}"
                )
        for report in self.rows.values():
            for row in report.in_order():
                if row.updates is not None:
                    lines.append(
                        f"  {report.sheet}, baris {row.row}: memperbarui baris {row.updates}."
                    )
        for sheet in self.sheets.values():
            for w in sheet["warnings"]:
                lines.append(
                    f"  Catatan: {w['sheet']}, baris {w['row']}, kolom '{w['column']}': "
                    f"{w['message']} Isian ini dikosongkan; barisnya tetap diterbitkan."
                )
        return "\n".join(lines)


def _headers() -> dict[str, frozenset[str]]:
    """Each form's column names, folded as the separator detection compares them."""
    return {
        key: frozenset(header_key(q.header) for q in form.questions) for key, form in FORMS.items()
    }


def origins(sheets: dict[str, SheetReport]) -> quality_checks.Origins:
    """The sheet rows behind each published record, by its route."""
    found: quality_checks.Origins = {}
    for report in sheets.values():
        for row in report.in_order():
            if row.route is not None:
                found.setdefault(row.route, []).append((report.sheet, row.row))
    return found


@collector.paused()  # from the sheets read to the status written
def pull(
    source: str,
    data_dir: Path,
    config_path: Path | None = None,
    paths: dict[str, Path | None] | None = None,
    network: Network | None = None,
    accept_removals: bool = False,
    status_file: Path | None = None,
    today: datetime.date | None = None,
) -> PullResult:
    """Pull the named source into data_dir. A pull that would remove too many published
    records fails (guard.py) unless `accept_removals`. The status of every row goes to
    `status_file` and, with `--source sheets`, to the status spreadsheet of the config;
    a status that cannot be written leaves the pull done (`status_error` says why)."""
    result = PullResult(source)
    try:
        config = config_module.load(config_path)
        # The published records, for the guard, read on another core meanwhile.
        with parallel.background([lambda: guard.published(data_dir)]) as before:
            tables = sources.read(source, config, paths or {}, network, _headers())
            found = publish.outcome(tables, config)
            result.sheets, result.rows = found.report(), found.sheets
            [published] = before.results()
    except (SourceError, ConfigError, StoreError) as exc:
        result.error = str(exc)
        return result
    removed = guard.removals(published, found.data, guard.asked_removals(published, found.fates.of))
    if removed and not accept_removals:
        result.error = guard.refusal(removed)
    else:
        day = today or datetime.date.today()
        result.origins = origins(found.sheets)
        # The checks and the rows file only read what is found: on another core while
        # the data files are written.
        later = [
            lambda: quality_checks.results(found.data, day, config.reporting_year),
            lambda: store.save_origins(data_dir, result.origins),
        ]
        with parallel.background(later) as pending:
            result.changed = store.save(data_dir, found.data)
            result.records = {name: len(records) for name, records in found.data.items()}
            result.quality, _ = pending.results()
    write_status(result, config, status_file, network)
    return result


def write_status(
    result: PullResult, config: Config, path: Path | None, network: Network | None
) -> None:
    """The status table, to the file asked for and to the status spreadsheet."""
    wanted_sheet = result.source == "sheets" and bool(config.sheets.status.spreadsheet)
    if path is None and not wanted_sheet:
        return
    now = datetime.datetime.now(status.ZONE)
    lines = status.table(
        result.rows,
        config.forum.site_url,
        status.headline(result.source, now, result.error),
        status.findings(result.quality, result.origins, result.rows),
    )
    problems = []
    if path is not None:
        try:
            status.write_file(path, lines)
            result.status_written.append(str(path))
        except OSError as exc:
            problems.append(f"berkas {path} tidak dapat ditulis ({exc.strerror}).")
    if wanted_sheet:
        from scripts.sources import sheets  # gspread only for the Sheets source

        try:
            sheets.write_status(config.sheets, lines, status.MARKER, status.TOP, network)
            result.status_written.append(f"lembar '{config.sheets.status.worksheet}'")
        except SourceError as exc:
            problems.append(str(exc))
    if problems:
        result.status_error = " ".join(problems)


def write_report(path: Path, result: PullResult) -> None:
    text = json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"
    store.write_atomic(path, text)
