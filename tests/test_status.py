"""The status table for the secretariat (scripts/intake/status.py) as files: every row
of every sheet once, in sheet order, with its outcome and reasons; text that looks
like a formula stays text in CSV and XLSX; the quality findings by row and as a tally."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from scripts.cli import main
from scripts.intake import status
from scripts.sources import files as sources

from .privacy import HOSTILE_FORMS, hostile_forms


def pull_with_status(tmp_path, name: str, corpus: str = "sample") -> tuple[int, object]:
    path = tmp_path / name
    args = ["pull", "--data-dir", str(tmp_path / "data"), "--status", str(path)]
    if corpus == "sample":
        args += ["--source", "sample"]
    else:
        args += ["--source", "csv"]
        for key in sources.SHEET_KEYS:
            args += [f"--{key}", str(HOSTILE_FORMS / f"{key}.csv")]
    return main(args), path


def lines_of(path) -> list[list]:
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path).active
        return [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("name", ["status.xlsx", "status.csv"])
def test_every_row_of_every_sheet_once_in_order(tmp_path, name):
    code, path = pull_with_status(tmp_path, name)
    assert code == 0
    lines = lines_of(path)
    assert str(lines[0][0]).startswith(status.MARKER) and "berhasil" in lines[1][0]
    assert lines[status.TOP - 1] == status.HEADER
    tables = sources.read_sample()
    body = lines[status.TOP :]
    for key, table in tables.items():
        rows = [int(line[1]) for line in body if line[0] == table.title]
        assert rows == list(range(2, len(table.rows) + 2)), key
    by_row = {(line[0], int(line[1])): line for line in body if line[1] != ""}
    assert by_row[("members.csv", 55)][2] == "Memperbarui baris 4"
    assert by_row[("programs.csv", 194)][2] == "Memperbarui baris 6"
    assert by_row[("members.csv", 28)][2] == "Ditolak sistem"
    assert "Kolom 'Nama Badan Usaha': Kolom wajib ini kosong." in by_row[("members.csv", 28)][5]
    warned = by_row[("programs.csv", 39)]
    assert warned[2] == "Diterbitkan dengan catatan" and "Isian ini dikosongkan." in warned[5]
    assert warned[4].startswith("https://forum-csr-kota-serang.github.io/program/")
    # A quality finding names its row; the members yet to report are one line.
    assert "Mutu data: Program tanpa nilai kontribusi" in by_row[("programs.csv", 10)][5]
    tally = [line for line in body if line[0] == "Mutu data"]
    assert len(tally) == 1 and tally[0][5].startswith("Anggota yang belum melaporkan program")


def test_formulas_stay_text_in_both_formats(tmp_path):
    code, xlsx = pull_with_status(tmp_path, "status.xlsx", corpus="hostile")
    assert code == 0
    book = openpyxl.load_workbook(xlsx)
    cells = [c for row in book.active.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    hyperlink = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert hyperlink and all(c.quotePrefix for c in hyperlink)
    assert book.active.freeze_panes == f"A{status.TOP + 1}"
    _, text = pull_with_status(tmp_path, "status.csv", corpus="hostile")
    csv_cells = [c for line in lines_of(text) for c in line]
    assert not [c for c in csv_cells if c.startswith(("=", "+", "@"))]
    assert any(c.startswith("'=HYPERLINK") for c in csv_cells)
    # One line per row of the corpus, however hostile its cells.
    read = sum(len(t.rows) for t in hostile_forms().values())
    assert len([line for line in lines_of(text)[status.TOP :] if line[1] != ""]) <= read


def test_a_refused_pull_still_tells_every_row(tmp_path):
    assert pull_with_status(tmp_path, "first.csv")[0] == 0
    empty = tmp_path / "anggota-kosong.csv"
    header = (sources.SAMPLE_DIR / "members.csv").read_text(encoding="utf-8").splitlines()[0]
    empty.write_text(header + "\n", encoding="utf-8")
    path = tmp_path / "status.csv"
    code = main(
        [
            "pull", "--source", "csv", "--data-dir", str(tmp_path / "data"),
            "--members", str(empty), "--programs", str(sources.SAMPLE_DIR / "programs.csv"),
            "--status", str(path),
        ]
    )  # fmt: skip
    assert code == 1
    lines = lines_of(path)
    assert "gagal, data/ tidak diubah" in lines[1][0]
    programs = [line for line in lines[status.TOP :] if line[0] == "programs.csv"]
    assert programs and {line[2] for line in programs} >= {"Ditolak sistem"}
