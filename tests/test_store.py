import os

import pytest

from scripts.model import store

RECORDS = [{"id": "b", "name": "Ünïcode ✓", "nib": "0123456789012", "date": "2025-04-23"}]


def test_dump_is_deterministic_and_keeps_strings_strings():
    text = store.dump(RECORDS)
    assert text == store.dump(RECORDS)
    assert "Ünïcode ✓" in text  # UTF-8, not escapes
    loaded = store.SafeLoader  # a date or a leading-zero NIB must come back as a string
    assert store.yaml.load(text, Loader=loaded) == RECORDS


def test_write_atomic_skips_identical_content(tmp_path):
    path = tmp_path / "members.yaml"
    assert store.write_atomic(path, "a: 1\n")
    before = os.stat(path).st_mtime_ns
    assert not store.write_atomic(path, "a: 1\n")
    assert os.stat(path).st_mtime_ns == before
    assert [p.name for p in tmp_path.iterdir()] == ["members.yaml"]  # no temp left behind


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
