"""The YAML store of data/: deterministic text, atomic writes, safe reads.

Same records in → byte-identical files out: keys keep the data contract's
order, lists are sorted by id by the caller, text is UTF-8 with LF endings.
A write replaces each file atomically and leaves unchanged files untouched.

Consented contact persons are personal data: data/ and its git history are public,
and a person may withdraw (UU 27/2022). So their values live in a file beside
data/ that git ignores (`data.contacts.yaml` for `data/`); members.yaml says only
`contact_published: true`. `save` splits a member's contact off, `load` puts it
back, so the pull, the checks and the site see members as before.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import stat
import tempfile
from pathlib import Path

import yaml

from scripts.errors import StoreError
from scripts.model import parallel

log = logging.getLogger("scripts.store")

DATA_FILES = ("members", "programs", "needs")


# libyaml's C emitter where PyYAML was built with it; PyYAML's Python emitter where not.
class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Safe dumper that never writes anchors: equal lists stay plain, readable text."""

    def ignore_aliases(self, data) -> bool:
        return True


SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMP_OPTIONS = {"allow_unicode": True, "default_flow_style": False, "width": 100}
_TAG = "tag:yaml.org,2002:"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def dump(records: list[dict]) -> str:
    """The YAML text of `records`, byte for byte what `yaml.dump` writes with
    DUMP_OPTIONS (tests/test_store.py compares them).

    The records go to the emitter as events, skipping PyYAML's representer and
    serializer, which build a node per value in Python: at 100,000 rows they were
    most of a pull. A string's plain-or-quoted question is answered once per value.
    The pure-Python emitter (the fallback) writes the same bytes but for long
    double-quoted lines, which it folds elsewhere: the same records when read."""
    out = io.StringIO()
    dumper = Dumper(out, **DUMP_OPTIONS)
    emit = dumper.emit
    # One event per distinct text (keys, slugs, statuses repeat on every record): the
    # emitter only reads them.
    texts: dict[str, yaml.ScalarEvent] = {}
    start_map = yaml.MappingStartEvent(None, _TAG + "map", True, flow_style=False)
    start_seq = yaml.SequenceStartEvent(None, _TAG + "seq", True, flow_style=False)
    end_map, end_seq = yaml.MappingEndEvent(), yaml.SequenceEndEvent()

    def text(item: str) -> yaml.ScalarEvent:
        tag = dumper.resolve(yaml.ScalarNode, item, (True, False))
        # libyaml escapes a character beyond U+FFFF (an emoji) in double quotes,
        # PyYAML's Python emitter would not: asked for, both write the same.
        style = '"' if _ASTRAL.search(item) else None
        event = yaml.ScalarEvent(None, _TAG + "str", (tag == _TAG + "str", True), item, style=style)
        texts[item] = event
        return event

    null = yaml.ScalarEvent(None, _TAG + "null", (True, False), "null")
    numbers: dict[tuple[type, int], yaml.ScalarEvent] = {}  # years, amounts, True/False

    def number(item: int) -> yaml.ScalarEvent:
        tag, written = ("bool", str(item).lower()) if isinstance(item, bool) else ("int", str(item))
        event = numbers[type(item), item] = yaml.ScalarEvent(
            None, _TAG + tag, (True, False), written
        )
        return event

    def value(item) -> None:
        if isinstance(item, str):
            emit(texts.get(item) or text(item))
        elif item is None:
            emit(null)
        elif isinstance(item, int):
            emit(numbers.get((type(item), item)) or number(item))
        elif isinstance(item, list):
            emit(start_seq)
            for element in item:
                value(element)
            emit(end_seq)
        elif isinstance(item, dict):
            emit(start_map)
            for key, element in item.items():
                emit(texts.get(key) or text(key))
                value(element)
            emit(end_map)
        else:  # data/ holds text, numbers, null, lists and mappings only
            raise TypeError(f"{type(item).__name__} is not a data/ value")

    try:
        emit(yaml.StreamStartEvent())
        emit(yaml.DocumentStartEvent(explicit=False))
        value(records)
        emit(yaml.DocumentEndEvent(explicit=False))
        emit(yaml.StreamEndEvent())
    finally:
        dumper.dispose()  # as yaml.dump does
    return out.getvalue()


# Records per piece when long files are dumped on all cores.
PIECE = 2_000


def dumps(lists: list[list[dict]]) -> list[str]:
    """`dump` of each list. At 100,000 rows the emitter is seconds of one core, so
    long lists are cut into pieces dumped on all cores: a root sequence's pieces,
    joined, are its dump byte for byte (tests/test_store.py)."""
    if sum(map(len, lists)) < 2 * parallel.MINIMUM:
        return [dump(records) for records in lists]
    pieces = [
        (i, records[start : start + PIECE])
        for i, records in enumerate(lists)
        for start in range(0, len(records) or 1, PIECE)
    ]
    texts = [[] for _ in lists]
    for (i, _), text in zip(pieces, parallel.mapped(_dump_piece, pieces, 1), strict=True):
        texts[i].append(text)
    return ["".join(parts) for parts in texts]


def _dump_piece(piece: tuple[int, list[dict]]) -> str:
    return dump(piece[1])


def path_of(data_dir: Path, name: str) -> Path:
    return data_dir / f"{name}.yaml"


CONTACTS_SUFFIX = ".contacts.yaml"  # ignored by git (.gitignore)
PUBLISHED = "contact_published"


def _beside(data_dir: Path, suffix: str) -> Path:
    data_dir = data_dir.absolute()
    return data_dir.parent / f"{data_dir.name}{suffix}"


def contacts_path(data_dir: Path) -> Path:
    """The contacts file of a data folder: beside it, never inside (data/ is public)."""
    return _beside(data_dir, CONTACTS_SUFFIX)


# Which sheet rows made each record, as the last pull found them: for the quality
# checks, which name the row to fix. Beside data/ and ignored by git: sorting a sheet
# renumbers its rows, which is no change of the data.
ORIGINS_SUFFIX = ".rows.json"


def origins_path(data_dir: Path) -> Path:
    return _beside(data_dir, ORIGINS_SUFFIX)


def save_origins(data_dir: Path, origins: dict[str, list[tuple[str, int]]]) -> None:
    write_atomic(origins_path(data_dir), origins_text(origins))


def origins_text(origins: dict[str, list[tuple[str, int]]]) -> str:
    """`json.dumps(…, indent=1)` of the origins, sorted, and a newline: the same bytes
    built from the C encoder's strings (an indented dump runs the pure-Python one,
    0.7 s at 100,000 rows)."""
    if not origins:
        return "{}\n"

    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    sheets: dict[str, str] = {}  # three sheet names, on every row

    def rows_text(rows: list[tuple[str, int]]) -> str:
        if not rows:
            return "[]"
        pairs = ",\n".join(
            f"  [\n   {sheets.get(sheet) or sheets.setdefault(sheet, quoted(sheet))},\n"
            f"   {int(row)}\n  ]"
            for sheet, row in rows
        )
        return f"[\n{pairs}\n ]"

    routes = ",\n".join(
        f" {quoted(route)}: {rows_text(rows)}" for route, rows in sorted(origins.items())
    )
    return f"{{\n{routes}\n}}\n"


def load_origins(data_dir: Path) -> dict[str, list[tuple[str, int]]]:
    """The rows of the last pull; none when there was none (or it cannot be read:
    the checks then name the records only)."""
    try:
        raw = json.loads(origins_path(data_dir).read_text(encoding="utf-8"))
        return {str(k): [(str(s), int(r)) for s, r in v] for k, v in raw.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _without_contacts(members: list[dict]) -> tuple[list[dict], list[dict]]:
    """members.yaml's records (a published contact only flagged) and the contacts file's."""
    public, contacts = [], []
    for member in members:
        if "contact" not in member:
            public.append(member)
            continue
        public.append({(PUBLISHED if k == "contact" else k): (True if k == "contact" else v)
                       for k, v in member.items()})  # fmt: skip
        contacts.append({"id": member["id"], "contact": member["contact"]})
    return public, contacts


NEW_FILE_MODE = 0o644


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return NEW_FILE_MODE


def write_atomic(path: Path, text: str) -> bool:
    """Write `text` to `path` unless it already holds exactly that; True if written."""
    return write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, encoded: bytes) -> bool:
    """Write `encoded` to `path` unless it already holds exactly that; True if written."""
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
    """Write every data file (and the contacts beside them), all rendered before the
    first write; returns the names of the data files that changed."""
    members, contacts = _without_contacts(data["members"])
    lists = [members if name == "members" else data[name] for name in DATA_FILES]
    *rendered, contacts_text = dumps([*lists, contacts])
    texts = dict(zip(DATA_FILES, rendered, strict=True))
    changed = [name for name in DATA_FILES if write_atomic(path_of(data_dir, name), texts[name])]
    write_atomic(contacts_path(data_dir), contacts_text)
    return changed


def load_file(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path}: tidak dapat dibaca ({exc}).") from exc
    return parse(text, str(path))


class _Unusual(Exception):
    """An anchor, an alias, a tag, a merge key, a complex key or a second document:
    not what `dump` writes, so the text is read by PyYAML's own composer instead."""


def _read(text: str):
    """What `yaml.load(text, Loader=SafeLoader)` returns, built from the parser's events.

    PyYAML composes a node per value and resolves each in Python; data/ repeats its
    keys and slugs on every record, so here each plain scalar's text is resolved and
    constructed once, by the loader's own resolver and constructor. (One loop over
    two million events at 100,000 rows: it dispatches on the event's type.)"""
    loader = SafeLoader(text)
    get_event = loader.get_event
    try:
        known: dict[tuple, object] = {}
        stack: list[tuple] = []  # per open container: the one around it and its key
        top: list | dict | None = None  # the open container
        key: object = _NO_KEY  # the key waiting for its value, when top is a mapping
        result, documents = None, 0
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                _plain(event)
                try:
                    item = known[event.value, event.implicit]
                except KeyError:
                    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                    if tag == "tag:yaml.org,2002:merge":
                        raise _Unusual from None
                    node = yaml.ScalarNode(tag, event.value, style=event.style)
                    item = known[event.value, event.implicit] = loader.construct_object(node)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                _plain(event)
                item = {} if kind is yaml.MappingStartEvent else []
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                top, key = stack.pop()
                continue
            elif kind is yaml.AliasEvent:
                raise _Unusual
            else:
                documents += kind is yaml.DocumentStartEvent
                if documents > 1:
                    raise _Unusual
                continue
            if top is None:
                result = item
            elif type(top) is list:
                top.append(item)
            elif key is _NO_KEY:
                if kind is not yaml.ScalarEvent:
                    raise _Unusual  # a complex key
                key = item
            else:
                top[key] = item
                key = _NO_KEY
            if kind is not yaml.ScalarEvent:
                stack.append((top, key))
                top, key = item, _NO_KEY
        return result
    except _Unusual:
        return yaml.load(text, Loader=SafeLoader)
    finally:
        loader.dispose()


_NO_KEY = object()


def _plain(event) -> None:
    """A node as `dump` writes it: no anchor, no tag of its own."""
    if event.anchor is not None or event.tag not in (None, "!"):
        raise _Unusual


def parse(text: str, where: str) -> list[dict]:
    """The records of one data file's text (also an old version read from git)."""
    try:
        records = _read(text)
    except yaml.YAMLError as exc:
        raise StoreError(f"{where}: bukan YAML yang sah: {exc}") from exc
    if records is None:
        return []
    if not isinstance(records, list):
        raise StoreError(f"{where}: harus berisi daftar entri (list).")
    return records


def load(data_dir: Path) -> dict[str, list[dict]]:
    """The data files, each published member's contact put back from beside data/ (a
    checkout without that file, e.g. CI, reads members without contacts)."""
    data = {name: load_file(path_of(data_dir, name)) for name in DATA_FILES}
    contacts = {c["id"]: c["contact"] for c in load_file(contacts_path(data_dir))}
    data["members"] = [_with_contact(m, contacts) for m in data["members"]]
    return data


def _with_contact(member: dict, contacts: dict[str, dict]) -> dict:
    """The member with its contact where the flag stood (key order is the contract's)."""
    if PUBLISHED not in member:
        return member
    contact = contacts.get(member.get("id"))
    return {
        ("contact" if k == PUBLISHED else k): (contact if k == PUBLISHED else v)
        for k, v in member.items()
        if k != PUBLISHED or (v and contact)
    }
