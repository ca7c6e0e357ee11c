"""The public history of data/: what each data update added, updated and removed,
read from the git history of data/*.yaml (the audit trail the nightly run commits);
the Atom feed of the programs each update newly published is `feed.py`.

Only the latest `UPDATES` updates are read: every version of a file costs a
`git show`. Records are compared by id with diff.diff(), on the text each
record has in its file: store.dump writes a record the same way every time, so
equal text is an equal record, and reading 10,000 programs this way takes a
fraction of the seconds YAML parsing would.

Takedown: a record that is no longer in data/ is never named here, only
counted, so a withdrawn business or a declined program leaves the site for good.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.checks import schema
from scripts.model import diff, git, store
from scripts.model.diff import diff as diff_records
from scripts.model.store import DATA_FILES

UPDATES = 20  # the latest data updates read from git
LISTED = 50  # records named per file and update; the others are counted

# A record starts at a line "- " in column 0; its id is on that line as store.dump writes it.
RECORD_START = re.compile(r"(?m)^(?=- )")
PLAIN_ID = re.compile(r"- id: ([^\s'\"]+)\n")


@dataclass(frozen=True)
class Change:
    record: dict  # as it is now in data/
    fields: list[str]  # titles of the keys that changed


@dataclass(frozen=True)
class FileUpdate:
    counts: diff.FileChanges  # every record, published now or not
    added: list[dict]  # the records added and still published
    updated: list[Change]  # the records updated and still published, at most LISTED

    @property
    def added_listed(self) -> list[dict]:
        return self.added[:LISTED]

    @property
    def unlisted(self) -> int:
        """Added or updated records not named on the page."""
        return self.counts.added + self.counts.updated - len(self.added_listed) - len(self.updated)


@dataclass(frozen=True)
class Update:
    commit: str  # abbreviated hash, to look the update up in the repository
    date: datetime.date
    first: bool  # the first version of data/: everything in it was added
    files: dict[str, FileUpdate]

    @property
    def named(self) -> bool:
        """Whether the update names any record (an update may only remove)."""
        return any(f.added or f.updated or f.unlisted for f in self.files.values())


@dataclass(frozen=True)
class History:
    available: bool  # data/ has a git history
    updates: list[Update]  # newest first, those that changed a record
    older: bool  # the history goes back further than the updates read


def records_by_id(text: str) -> dict[str, str]:
    """id → the text of its record in a data file's text."""
    result = {}
    for part in RECORD_START.split(text):
        if not part.startswith("- "):
            continue  # a comment or document marker before the first record
        plain = PLAIN_ID.match(part)
        # An id YAML had to quote, or a record by another writer: parsed.
        key = plain.group(1) if plain else store.parse(part, "git")[0]["id"]
        result[str(key)] = part
    return result


def _changed_fields(name: str, before: str, after: str) -> list[str]:
    old, new = store.parse(before, "git")[0], store.parse(after, "git")[0]
    titles = schema.schema(name)["items"]["properties"]
    keys = [k for k in {**old, **new} if old.get(k) != new.get(k)]
    return [titles[k]["title"] if k in titles else k for k in keys]


def _as_records(version: dict[str, dict[str, str]]) -> dict[str, list[dict]]:
    """A version as diff.diff() compares it: one record per id, its text its content."""
    return {
        name: [{"id": key, "text": text} for key, text in records.items()]
        for name, records in version.items()
    }


def _file_update(
    name: str, d: diff.FileDiff, before: dict[str, str], after: dict[str, str], current: dict
) -> FileUpdate:
    added = [current[key] for key in d.added if key in current]
    # Parsed only for the records named: a bulk edit may touch every record.
    updated = [
        Change(current[key], _changed_fields(name, before[key], after[key]))
        for key in [key for key in d.updated if key in current][:LISTED]
    ]
    counts = diff.FileChanges(len(d.added), len(d.updated), len(d.removed))
    return FileUpdate(counts, added, updated)


def read(data_dir: Path, data: dict[str, list[dict]]) -> History:
    """The latest updates of data_dir in git, described with the records of `data`."""
    log = git.output(data_dir, "log", f"-{UPDATES + 1}", "--format=%H %h %cs", "--", ".")
    if not log:
        return History(available=False, updates=[], older=False)
    commits = [line.split() for line in log.splitlines()]
    # A shallow clone's oldest commit is not the first version of the data.
    shallow = (git.output(data_dir, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    current = {name: {r["id"]: r for r in data[name]} for name in DATA_FILES}
    versions: dict[str, dict[str, dict[str, str]]] = {}

    def version(commit: str) -> dict[str, dict[str, str]]:
        if commit not in versions:
            versions[commit] = {
                name: records_by_id(git.output(data_dir, "show", f"{commit}:./{name}.yaml") or "")
                for name in DATA_FILES
            }
        return versions[commit]

    updates = []
    for index, (commit, short, day) in enumerate(commits[:UPDATES]):
        has_parent = index + 1 < len(commits)
        if not has_parent and shallow:
            break
        before = version(commits[index + 1][0]) if has_parent else {name: {} for name in DATA_FILES}
        after = version(commit)
        diff = diff_records(_as_records(before), _as_records(after))
        files = {
            name: _file_update(name, diff[name], before[name], after[name], current[name])
            for name in DATA_FILES
        }
        if any(f.counts for f in files.values()):
            updates.append(Update(short, datetime.date.fromisoformat(day), not has_parent, files))
    return History(available=True, updates=updates, older=len(commits) > UPDATES)
