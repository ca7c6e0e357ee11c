"""The YAML store of data/: deterministic text, atomic writes, safe reads.

Same records in → byte-identical files out: keys keep the data contract's
order, lists are sorted by id by the caller, text is UTF-8 with LF endings.
A write replaces each file atomically and leaves unchanged files untouched.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from pathlib import Path

import yaml

from scripts.errors import StoreError

log = logging.getLogger("scripts.store")

DATA_FILES = ("members", "programs", "needs")


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Safe dumper that never writes anchors: equal lists stay plain, readable text."""

    def ignore_aliases(self, data) -> bool:
        return True


SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dump(records: list[dict]) -> str:
    return yaml.dump(
        records,
        Dumper=Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def path_of(data_dir: Path, name: str) -> Path:
    return data_dir / f"{name}.yaml"


NEW_FILE_MODE = 0o644


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return NEW_FILE_MODE


def write_atomic(path: Path, text: str) -> bool:
    """Write `text` to `path` unless it already holds exactly that; True if written."""
    encoded = text.encode("utf-8")
    try:
        if path.read_bytes() == encoded:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(encoded)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes 0600 files; the replaced file's mode stays, a new one is 0644.
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def save(data_dir: Path, data: dict[str, list[dict]]) -> list[str]:
    """Write every data file, all rendered before the first write; returns the changed names."""
    texts = {name: dump(data[name]) for name in DATA_FILES}
    return [name for name in DATA_FILES if write_atomic(path_of(data_dir, name), texts[name])]


def load_file(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path}: tidak dapat dibaca ({exc}).") from exc
    return parse(text, str(path))


def parse(text: str, where: str) -> list[dict]:
    """The records of one data file's text (also an old version read from git)."""
    try:
        records = yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as exc:
        raise StoreError(f"{where}: bukan YAML yang sah: {exc}") from exc
    if records is None:
        return []
    if not isinstance(records, list):
        raise StoreError(f"{where}: harus berisi daftar entri (list).")
    return records


def load(data_dir: Path) -> dict[str, list[dict]]:
    return {name: load_file(path_of(data_dir, name)) for name in DATA_FILES}
