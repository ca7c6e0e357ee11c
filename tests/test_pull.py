"""The pull end to end: the sample, failures, determinism, stable ids, privacy."""

from __future__ import annotations

import json
import random

import pytest

from scripts import config
from scripts.checks import schema as check
from scripts.cli import main
from scripts.intake.questions import FORMS
from scripts.intake.report import OUTCOMES
from scripts.model import reference, store
from scripts.sources import files as sources

from .helpers import pull_tables, tree_digest, write_csv
from .privacy import leaks, private_values, readable_tree

REF = reference.of(config.load())


@pytest.fixture
def pulled(tmp_path):
    report = tmp_path / "report.json"
    code = main(
        [
            "pull",
            "--source",
            "sample",
            "--data-dir",
            str(tmp_path / "data"),
            "--report",
            str(report),
        ]
    )
    assert code == 0
    return tmp_path / "data", json.loads(report.read_text(encoding="utf-8"))


def test_sample_pull_meets_the_contract(pulled):
    data_dir, _ = pulled
    assert check.problems(data_dir, store.load(data_dir), REF) == []
    data = store.load(data_dir)
    assert len(data["members"]) >= 60
    assert len(data["programs"]) >= 150
    assert len(data["needs"]) >= 10
    members = data["members"]
    assert {m["kecamatan"] for m in members} >= {
        "serang",
        "kasemen",
        "walantaka",
        "curug",
        "cipocok-jaya",
        "taktakan",
    }
    assert {m["ownership"] for m in members} >= {"bumn", "bumd", "swasta"}
    programs = data["programs"]
    assert {p["year"] for p in programs} >= {2024, 2025}
    assert len({p["sector"] for p in programs}) == 8
    assert {p["status"] for p in programs} >= {"direncanakan", "berjalan", "selesai"}
    for name, records in data.items():
        assert [r["id"] for r in records] == sorted(r["id"] for r in records), name


def test_report_counts_every_row_once(pulled):
    _, report = pulled
    assert report["ok"] is True
    for key, sheet in report["sheets"].items():
        assert sheet["read"] == sum(sheet[o] for o in OUTCOMES)
        assert sheet["rejected"] == len({r["row"] for r in sheet["rejections"]})
        for rejection in sheet["rejections"]:
            assert set(rejection) == {"sheet", "row", "column", "code", "message"}
            assert rejection["row"] >= 2
            assert rejection["column"] in {q.header for q in FORMS[key].questions}
    members, programs = report["sheets"]["members"], report["sheets"]["programs"]
    assert members["pending"] and members["declined"] and members["no_consent"]
    assert programs["pending"] and programs["declined"]
    codes = {r["code"] for s in report["sheets"].values() for r in s["rejections"]}
    assert {"member_unknown", "member_pending"} <= codes
    # Optional answers that cannot be read are dropped with a warning; the row stands.
    warned = {w["code"] for s in report["sheets"].values() for w in s["warnings"]}
    assert {"money_foreign_currency", "url_scheme", "nib_invalid"} <= warned
    for sheet in report["sheets"].values():
        for warning in sheet["warnings"]:
            assert set(warning) == {"sheet", "row", "column", "code", "message"}
            assert warning["row"] not in {r["row"] for r in sheet["rejections"]}


def test_pulling_twice_rewrites_nothing(pulled, capsys):
    data_dir, _ = pulled
    before = {p: p.stat().st_mtime_ns for p in data_dir.iterdir()}
    digest = tree_digest(data_dir)
    assert main(["pull", "--source", "sample", "--data-dir", str(data_dir)]) == 0
    assert "tidak ada (data sama)" in capsys.readouterr().out
    assert tree_digest(data_dir) == digest
    assert {p: p.stat().st_mtime_ns for p in data_dir.iterdir()} == before


def _shuffled(table: sources.Table, seed: int) -> sources.Table:
    rows = list(table.rows)
    random.Random(seed).shuffle(rows)
    return sources.Table(table.title, table.header, rows)


def test_reordered_rows_give_identical_files(tmp_path, sample, pulled):
    data_dir, _ = pulled
    shuffled = {key: _shuffled(table, 7) for key, table in sample.items()}
    assert pull_tables(tmp_path, shuffled) == 0
    assert tree_digest(tmp_path / "data") == tree_digest(data_dir)


def _ids(data_dir):
    return {name: {r["id"] for r in records} for name, records in store.load(data_dir).items()}


def test_ids_survive_insertions_deletions_and_edits(tmp_path, sample, pulled):
    data_dir, _ = pulled
    before = store.load(data_dir)
    programs = sample["programs"]
    header = [h.casefold() for h in programs.header]
    rows = [list(r) for r in programs.rows]
    deleted = rows.pop(5)
    rows.insert(0, list(rows[10]))  # an inserted row (a second report of the same program)
    rows.insert(3, [""] * len(header))  # a blank row left in the sheet
    for row in rows[20:40]:  # respondents edit other fields
        row[header.index("deskripsi program")] = "Deskripsi diperbarui oleh responden."
        row[header.index("jumlah penerima manfaat")] = "999"
    edited = dict(sample, programs=sources.Table(programs.title, programs.header, rows))
    assert pull_tables(tmp_path, edited) == 0
    after = _ids(tmp_path / "data")
    assert after["members"] == {m["id"] for m in before["members"]}
    lost = {p["id"] for p in before["programs"]} - after["programs"]
    assert len(lost) <= 1  # only the deleted row's program may disappear
    del deleted


def test_missing_required_column_fails_and_touches_nothing(tmp_path, sample, pulled, capsys):
    data_dir, _ = pulled
    digest = tree_digest(data_dir)
    members = sample["members"]
    drop = [h.casefold() for h in members.header].index("persetujuan publikasi")
    broken = sources.Table(
        members.title,
        [h for i, h in enumerate(members.header) if i != drop],
        [[c for i, c in enumerate(r) if i != drop] for r in members.rows],
    )
    paths = {
        "members": write_csv(tmp_path / "a.csv", broken),
        "programs": write_csv(tmp_path / "b.csv", sample["programs"]),
    }
    argv = ["pull", "--source", "csv", "--data-dir", str(data_dir)]
    assert (
        main([*argv, "--members", str(paths["members"]), "--programs", str(paths["programs"])]) == 1
    )
    err = capsys.readouterr().err
    assert "Persetujuan Publikasi" in err and "tidak ditemukan" in err
    assert tree_digest(data_dir) == digest


def test_a_header_only_export_removing_everyone_fails_unless_accepted(
    tmp_path, sample, pulled, capsys
):
    """Issue 14, item 6: it would remove every member, and with them every program."""
    data_dir, _ = pulled
    digest = tree_digest(data_dir)
    published = len(store.load(data_dir)["members"])
    emptied = dict(sample, members=sources.Table("Anggota", sample["members"].header, []))
    assert pull_tables(tmp_path, emptied) == 1
    err = capsys.readouterr().err
    assert "Penarikan dibatalkan, data/ tidak diubah" in err
    assert f"anggota yang terbit akan berkurang dari {published} menjadi 0" in err
    assert f"({published} dihapus, 100%)" in err
    assert "program yang terbit akan berkurang" in err and "--accept-removals" in err
    assert tree_digest(data_dir) == digest
    assert pull_tables(tmp_path, emptied, "--accept-removals") == 0
    assert store.load(data_dir)["members"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "tidak dapat dibaca"),
        (b"\xff\xfeN\x00a\x00m\x00a\x00", "bukan teks UTF-8"),
        (b"<!DOCTYPE html><html><body>Login</body></html>", "halaman web"),
        (b"", "kosong"),
    ],
)
def test_unreadable_source_fails_and_touches_nothing(tmp_path, pulled, capsys, content, message):
    data_dir, _ = pulled
    digest = tree_digest(data_dir)
    members = tmp_path / "anggota.csv"
    if content is not None:
        members.write_bytes(content)
    argv = ["pull", "--source", "csv", "--data-dir", str(data_dir), "--members", str(members)]
    report = tmp_path / "r.json"
    assert main([*argv, "--programs", str(members), "--report", str(report)]) == 1
    assert message in capsys.readouterr().err
    assert json.loads(report.read_text())["ok"] is False
    assert tree_digest(data_dir) == digest


def test_no_private_value_reaches_data_or_report(pulled, sample):
    data_dir, report = pulled
    published = "\n".join(readable_tree(data_dir).values()) + json.dumps(report, ensure_ascii=False)
    private = private_values(sample)
    assert len(private) > 50
    assert leaks(published, private) == []


def test_a_pull_over_published_data_that_cannot_be_read_fails_and_touches_nothing(pulled, capsys):
    """The published records are read on another core meanwhile: their error still
    fails the pull, with the file named."""
    data_dir, _ = pulled
    (data_dir / "members.yaml").write_text("- id: [\n", encoding="utf-8")
    digest = tree_digest(data_dir)
    assert main(["pull", "--source", "sample", "--data-dir", str(data_dir)]) == 1
    assert "members.yaml: bukan YAML yang sah" in capsys.readouterr().err
    assert tree_digest(data_dir) == digest
