"""Record diff: which records of each data file were added, updated and removed, by id.
The nightly counts them for its commit message; the site names them on its updates page."""

from __future__ import annotations

from dataclasses import dataclass

from scripts.model.store import DATA_FILES


@dataclass(frozen=True)
class FileChanges:
    added: int = 0
    updated: int = 0
    removed: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def short(self) -> str:
        return f"+{self.added} ~{self.updated} -{self.removed}"


@dataclass(frozen=True)
class FileDiff:
    """The ids, sorted, of the records added, updated and removed in one data file."""

    added: list[str]
    updated: list[str]
    removed: list[str]


def diff(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> dict[str, FileDiff]:
    """Added / updated / removed record ids per data file."""
    result = {}
    for name in DATA_FILES:
        old = {r["id"]: r for r in before.get(name, [])}
        new = {r["id"]: r for r in after.get(name, [])}
        result[name] = FileDiff(
            added=sorted(new.keys() - old.keys()),
            updated=sorted(key for key in new.keys() & old.keys() if new[key] != old[key]),
            removed=sorted(old.keys() - new.keys()),
        )
    return result


def compare(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> dict[str, FileChanges]:
    """Added / updated / removed records per data file, by id."""
    return {
        name: FileChanges(len(d.added), len(d.updated), len(d.removed))
        for name, d in diff(before, after).items()
    }
