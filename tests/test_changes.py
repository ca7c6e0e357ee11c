"""What a pull changed: counts by id, the commit message, the job summary."""

from __future__ import annotations

import pytest

from scripts.model import diff
from scripts.nightly import summary as changes
from scripts.nightly.summary import FileChanges


def _records(*pairs: tuple[str, str]) -> list[dict]:
    return [{"id": id_, "title": title} for id_, title in pairs]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ([], [], FileChanges(0, 0, 0)),
        ([], _records(("a", "A"), ("b", "B")), FileChanges(added=2)),
        (_records(("a", "A")), [], FileChanges(removed=1)),
        (_records(("a", "A"), ("b", "B")), _records(("b", "B"), ("a", "A")), FileChanges()),
        (_records(("a", "A"), ("b", "B")), _records(("a", "A2"), ("c", "C")), FileChanges(1, 1, 1)),
        # An edited field is an update of the same record, not a removal and an addition.
        ([{"id": "a", "x": 1}], [{"id": "a", "x": 1, "contact": None}], FileChanges(updated=1)),
    ],
)
def test_compare_by_id(before, after, expected):
    found = diff.compare({"programs": before}, {"programs": after})
    assert found["programs"] == expected
    assert found["members"] == found["needs"] == FileChanges()


def test_commit_message_names_every_file_in_a_fixed_order():
    found = {
        "needs": FileChanges(),
        "programs": FileChanges(added=5, removed=1),
        "members": FileChanges(added=2, updated=1),
    }
    message = changes.commit_message(found, "sheets")
    subject, blank, *body = message.splitlines()
    assert subject == "Data diperbarui: anggota +2 ~1 -0, program +5 ~0 -1, kebutuhan +0 ~0 -0"
    assert blank == ""
    assert body == [
        "+ ditambahkan, ~ diperbarui, - dihapus (entri dibandingkan menurut id).",
        "Sumber: sheets.",
    ]
    assert changes.commit_message(dict(reversed(found.items())), "sheets") == message


def _report(rejections: list[dict]) -> dict:
    sheet = {
        "sheet": "Jawaban Formulir 1",
        "read": 10,
        "accepted": 4,
        "updated": 1,
        "rejected": 2,
        "pending": 1,
        "declined": 1,
        "no_consent": 1,
        "rejections": rejections,
        "warnings": [],
    }
    return {"source": "sheets", "ok": True, "sheets": {"members": sheet}}


def _rejection(row: int, column: str = "NIB", message: str = "NIB harus 13 angka.") -> dict:
    return {
        "sheet": "Jawaban Formulir 1",
        "row": row,
        "column": column,
        "code": "nib_length",
        "message": message,
    }


def test_summary_lists_changes_counts_and_rejections():
    found = diff.compare({}, {"members": _records(("a", "A"))})
    rejections = [_rejection(4), _rejection(7, "Situs | Web", "Alamat web\ntidak sah.")]
    text = changes.summary_markdown(_report(rejections), found, "Commit dibuat.")
    assert "| `data/members.yaml` | 1 | 0 | 0 |" in text
    assert "| `data/programs.yaml` | 0 | 0 | 0 |" in text
    header = (
        "| Lembar | Dibaca | Diterbitkan | Memperbarui baris lain | Ditolak sistem "
        "| Menunggu verifikasi | Ditolak sekretariat | Tanpa persetujuan publikasi |"
    )
    assert header in text
    assert "| Jawaban Formulir 1 | 10 | 4 | 1 | 2 | 1 | 1 | 1 |" in text
    assert "| Jawaban Formulir 1 | 4 | NIB | NIB harus 13 angka. |" in text
    # A pipe or a line break in a column name or message cannot break the table.
    assert "| Jawaban Formulir 1 | 7 | Situs \\| Web | Alamat web tidak sah. |" in text
    assert "Commit dibuat." in text


def test_summary_without_rejections_says_so():
    text = changes.summary_markdown(_report([]), diff.compare({}, {}), "Data tidak berubah.")
    assert text.endswith("### Baris yang ditolak sistem\n\nTidak ada.\n")


def test_summary_table_is_bounded(monkeypatch):
    monkeypatch.setattr(changes, "MAX_REJECTION_ROWS", 3)
    rejections = [_rejection(row) for row in range(2, 12)]
    text = changes.summary_markdown(_report(rejections), diff.compare({}, {}), "")
    assert text.count("| NIB harus 13 angka. |") == 3
    assert "… dan 7 penolakan lain (lihat log)." in text


def test_failure_summary_keeps_the_pull_message():
    text = changes.failure_markdown("Lembar 'Jawaban Formulir 1' tidak ditemukan.", "data")
    assert "gagal" in text
    assert "Lembar 'Jawaban Formulir 1' tidak ditemukan." in text
    assert "situs publik tetap seperti terakhir diterbitkan" in text
