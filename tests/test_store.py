import json
import os
import stat

import pytest
import yaml

from scripts.model import parallel, store

from .helpers import REPO

RECORDS = [{"id": "b", "name": "Ünïcode ✓", "nib": "0123456789012", "date": "2025-04-23"}]


def test_dump_is_deterministic_and_keeps_strings_strings():
    text = store.dump(RECORDS)
    assert text == store.dump(RECORDS)
    assert "Ünïcode ✓" in text  # UTF-8, not escapes
    loaded = store.SafeLoader  # a date or a leading-zero NIB must come back as a string
    assert store.yaml.load(text, Loader=loaded) == RECORDS


class PurePythonDumper(yaml.SafeDumper):
    """PyYAML's own representer, serializer and emitter, all in Python."""

    def ignore_aliases(self, data) -> bool:
        return True


# Text that YAML would read as something else unless quoted, or that needs escapes.
AWKWARD = [
    "",
    " ",
    "null",
    "Null",
    "~",
    "yes",
    "no",
    "on",
    "true",
    "False",
    "123",
    "0123",
    "1_000",
    "1e3",
    ".5",
    "0x1F",
    "0o17",
    "2025-04-23",
    "2025-04-23 10:00",
    "12:30",
    ".inf",
    "-.nan",
    "- item",
    "? key",
    ": value",
    "a: b",
    "#hash",
    "a #b",
    "@at",
    "`tick",
    "!tag",
    "&anchor",
    "*alias",
    "|",
    ">",
    "'single'",
    '"double"',
    "%percent",
    "{flow}",
    "[list]",
    "a, b",
    " leading",
    "trailing ",
    "line\nbreak",
    "two\n\nparagraphs\n",
    "tab\there",
    "\x00nul",
    "\u200fRTL\u202e",
    "emoji 😀",
    "\ufeffbom",
    "\u2028separator",
    "x" * 250,
    " ".join(["kata"] * 60),
    "=SUM(A1)",
    "<script>alert(1)</script>",
    "{{ config }}",
]


def both_emitters(records, monkeypatch) -> tuple[str, str]:
    """store.dump's text through libyaml's emitter, and through the pure-Python fallback."""
    c_text = store.dump(records)
    with monkeypatch.context() as patch:
        patch.setattr(store, "Dumper", PurePythonDumper)
        return c_text, store.dump(records)


def pyyaml_dump(records) -> str:
    return yaml.dump(records, Dumper=store.Dumper, sort_keys=False, **store.DUMP_OPTIONS)


def awkward_records() -> list[dict]:
    return [
        {"id": f"r{i}", "text": text, "list": [text, None, 7, True], "nested": {"k": text}}
        for i, text in enumerate(AWKWARD)
    ]


SOURCES = ["data", "tests/fixtures/hostile", "tests/fixtures/site"]


@pytest.mark.parametrize("source", SOURCES)
def test_dump_writes_the_bytes_pyyaml_wrote(source, monkeypatch):
    for name in store.DATA_FILES:
        records = store.load_file(store.path_of(REPO / source, name))
        assert store.dump(records) == pyyaml_dump(records), (source, name)
        c_text, python_text = both_emitters(records, monkeypatch)
        if source == "tests/fixtures/hostile":
            # libyaml and PyYAML's Python emitter fold a long double-quoted line at
            # different places: the fallback's text reads back as the same records.
            assert yaml.safe_load(python_text) == records
        else:
            assert c_text == python_text, (source, name)


def test_dump_quotes_and_escapes_the_same_everywhere(monkeypatch):
    records = awkward_records()
    assert store.dump(records) == pyyaml_dump(records)
    c_text, python_text = both_emitters(records, monkeypatch)
    assert c_text == python_text
    assert yaml.load(c_text, Loader=store.SafeLoader) == records
    assert '"emoji \\U0001F600"' in c_text  # libyaml's escape, asked of both emitters
    with pytest.raises(TypeError):
        store.dump([{"when": 1.5}])  # data/ holds no floats: the contract, not a guess


@pytest.mark.parametrize("source", SOURCES)
def test_long_files_dumped_in_pieces_on_two_cores_are_the_same_bytes(source, monkeypatch):
    lists = [store.load_file(store.path_of(REPO / source, name)) for name in store.DATA_FILES]
    lists += [awkward_records(), []]
    monkeypatch.setattr(store, "PIECE", 3)  # pieces cut inside every file
    monkeypatch.setattr(parallel, "MINIMUM", 1)
    with parallel.limited(2):
        assert store.dumps(lists) == [store.dump(records) for records in lists]


def test_the_c_dumper_is_used_where_pyyaml_has_it():
    if hasattr(yaml, "CSafeDumper"):
        assert issubclass(store.Dumper, yaml.CSafeDumper)
        assert store.SafeLoader is yaml.CSafeLoader
    else:  # the fallback: the same text, from the pure-Python emitter
        assert issubclass(store.Dumper, yaml.SafeDumper)


def test_write_atomic_skips_identical_content(tmp_path):
    path = tmp_path / "members.yaml"
    assert store.write_atomic(path, "a: 1\n")
    before = os.stat(path).st_mtime_ns
    assert not store.write_atomic(path, "a: 1\n")
    assert os.stat(path).st_mtime_ns == before
    assert [p.name for p in tmp_path.iterdir()] == ["members.yaml"]  # no temp left behind


def test_a_new_file_is_readable_by_all_and_a_replaced_one_keeps_its_mode(tmp_path):
    """Issue 14, item 9: mkstemp's 0600 never reaches data/ (git would record it)."""
    new = tmp_path / "programs.yaml"
    store.write_atomic(new, "a: 1\n")
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    kept = tmp_path / "members.yaml"
    kept.write_text("a: 1\n", encoding="utf-8")
    kept.chmod(0o664)
    store.write_atomic(kept, "a: 2\n")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o664 and kept.read_text("utf-8") == "a: 2\n"


def test_save_reports_changed_files(tmp_path):
    data = {"members": RECORDS, "programs": [], "needs": []}
    assert store.save(tmp_path, data) == ["members", "programs", "needs"]
    assert store.save(tmp_path, data) == []
    assert store.load(tmp_path) == data


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a: [\n", "bukan YAML yang sah"),
        ("a: 1\n", "daftar entri"),
        ("!!python/object:os.system x", "bukan YAML"),
    ],
)
def test_load_errors_name_the_file(tmp_path, text, message):
    (tmp_path / "members.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(store.StoreError, match=message) as error:
        store.load(tmp_path)
    assert "members.yaml" in str(error.value)


UNUSUAL_TEXTS = [
    "",
    "[]\n",
    "- id: a\n  year: 2025\n  when: 2025-04-23\n  ok: yes\n  none: ~\n  ratio: 1.5\n",
    "- &x {id: a, list: [1, 2]}\n- *x\n",  # an anchor and an alias
    "- !!str 123\n- !!int '7'\n",  # explicit tags
    "- base: &b {a: 1}\n  merged:\n    <<: *b\n    c: 2\n",  # a merge key
    "- {id: a, id: b}\n",  # a repeated key: the last one stands
    "- 'quoted: 123'\n- \"2025-01-01\"\n- plain 123\n- 0x1F\n- 0o17\n- .inf\n",
    "- |\n  literal\n  text\n- >\n  folded\n  text\n",
]


@pytest.mark.parametrize("text", UNUSUAL_TEXTS)
def test_read_returns_what_pyyaml_loads(text):
    expected = yaml.load(text, Loader=store.SafeLoader)
    assert store._read(text) == expected


def test_read_refuses_what_pyyaml_refuses():
    for text in ("- a\n---\n- b\n", "- [unclosed\n", "a: b: c\n", "- ? [complex, key]\n  : v\n"):
        with pytest.raises(yaml.YAMLError):
            yaml.load(text, Loader=store.SafeLoader)
        with pytest.raises(store.StoreError, match="bukan YAML yang sah"):
            store.parse(text, "data/programs.yaml")


@pytest.mark.parametrize("source", SOURCES)
def test_data_files_read_as_pyyaml_reads_them(source):
    for name in store.DATA_FILES:
        text = store.path_of(REPO / source, name).read_text(encoding="utf-8")
        assert store._read(text) == yaml.load(text, Loader=store.SafeLoader)


@pytest.mark.parametrize(
    "origins",
    [
        {},
        {"program/a/": []},
        {"anggota/b/": [("Anggota", 2)]},
        {"z/": [("Program", 10), ("Program", 3)], "a/": [('Lembar "1" ☺\n', 7)]},
    ],
)
def test_the_rows_file_is_json_dumps_indented_by_one(origins):
    expected = json.dumps(
        {route: [list(o) for o in rows] for route, rows in sorted(origins.items())},
        ensure_ascii=False,
        indent=1,
    )
    assert store.origins_text(origins) == expected + "\n"
    assert json.loads(store.origins_text(origins)) == json.loads(expected)
