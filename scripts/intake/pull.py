"""Pulling: read a source, normalise and validate, write data/; the result says how.

A failed pull (source unreadable, a required column missing, a bad config, too
many published records removed at once) leaves every file in data/ byte-identical;
rejected rows are not failures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scripts import config as config_module
from scripts import sources
from scripts.errors import ConfigError, SourceError, StoreError
from scripts.intake import guard, publish
from scripts.intake.questions import FORMS
from scripts.intake.report import OUTCOME_LABELS
from scripts.model import store
from scripts.model.text import header_key

if TYPE_CHECKING:
    from scripts.sources.sheets import Network


@dataclass
class PullResult:
    """What a pull did: its error, or the per-sheet report, record counts and changed files."""

    source: str
    error: str | None = None
    sheets: dict[str, dict] = field(default_factory=dict)
    records: dict[str, int] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_dict(self) -> dict:
        """The JSON report (`--report`)."""
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
        """A plain-text summary for people: counts per sheet, then each rejection."""
        lines = []
        for sheet in self.sheets.values():
            counts = ", ".join(f"{sheet[key]} {label}" for key, label in OUTCOME_LABELS.items())
            lines.append(f"{sheet['sheet']}: {sheet['read']} baris dibaca — {counts}.")
        for sheet in self.sheets.values():
            for r in sheet["rejections"]:
                lines.append(
                    f"  {r['sheet']}, baris {r['row']}, kolom '{r['column']}': {r['message']}"
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


def pull(
    source: str,
    data_dir: Path,
    config_path: Path | None = None,
    paths: dict[str, Path | None] | None = None,
    network: Network | None = None,
    accept_removals: bool = False,
) -> PullResult:
    """Pull the named source into data_dir. A pull that would remove too many published
    records fails (guard.py) unless `accept_removals`."""
    result = PullResult(source)
    try:
        config = config_module.load(config_path)
        tables = sources.read(source, config, paths or {}, network, _headers())
        data, result.sheets, fates = publish.build_with_fates(tables, config)
        published = store.load(data_dir)
    except (SourceError, ConfigError, StoreError) as exc:
        result.error = str(exc)
        return result
    found = guard.removals(published, data, guard.asked_removals(published, fates.of))
    if found and not accept_removals:
        result.error = guard.refusal(found)
        return result
    result.changed = store.save(data_dir, data)
    result.records = {name: len(records) for name, records in data.items()}
    return result


def write_report(path: Path, result: PullResult) -> None:
    text = json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"
    store.write_atomic(path, text)
