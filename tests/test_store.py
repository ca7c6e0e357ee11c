import os
import stat

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
