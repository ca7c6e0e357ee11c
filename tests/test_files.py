"""What secretariats download (scripts/sources/files.py): a workbook from Google
Sheets (File > Download > Microsoft Excel) and a CSV re-saved by Excel with ';'
pull exactly as the CSV download does; anything else is named."""

from __future__ import annotations

import csv
import datetime

import openpyxl
import pytest

from scripts.cli import main as cli
from scripts.errors import SourceError
from scripts.model.text import header_key
from scripts.sources import files
from scripts.sources import table as table_module
from scripts.sources.table import delimiter

from .helpers import pull_tables, tree_digest

FOLDED = frozenset({"stempel waktu", "nama badan usaha", "nib"})


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Stempel waktu,Nama Badan Usaha,NIB", ","),
        ("Stempel waktu;Nama Badan Usaha;NIB", ";"),
        ('"Stempel waktu";"Nama Badan Usaha";"NIB"', ";"),
        ("Stempel waktu;Nama, lengkap;NIB", ";"),  # a comma inside a ';' header
        ("a;b;c", ","),  # no known name: never guessed
        ("Stempel waktu,Nama Badan Usaha;NIB", ","),  # mixed: the comma's reading wins
    ],
)
def test_the_separator_is_the_one_the_header_reads_with(header, expected):
    assert delimiter(header, FOLDED) == expected


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (datetime.datetime(2025, 4, 23, 9, 44, 22), "2025-04-23 09:44:22"),
        (datetime.datetime(2025, 4, 23), "2025-04-23"),
        (datetime.date(2025, 4, 23), "2025-04-23"),
        (9120858157783.0, "9120858157783"),
        (150000000, "150000000"),
        (2.5, "2.5"),
        ("=1+1", "=1+1"),
    ],
)
def test_a_cell_reads_as_a_csv_download_writes_it(value, text):
    assert files.cell_text(value) == text


def _workbook(path, sample, *, first_sheet_other=False):
    """The sample as Google's XLSX download holds it: timestamps as dates, NIB and
    phone numbers as numbers, a formula, a merged cell, an empty trailing row."""
    book = openpyxl.Workbook()
    if first_sheet_other:
        book.active.title = "Catatan"
        book.active["A1"] = "bukan jawaban formulir"
        sheet = book.create_sheet("Form Responses 1")
    else:
        sheet = book.active
        sheet.title = "Form Responses 1"
    table = sample["members"]
    sheet.append(table.header)
    stamp = table.header.index("Stempel waktu")
    nib = table.header.index("NIB")
    for row in table.rows:
        cells: list = list(row)
        cells[stamp] = datetime.datetime.strptime(row[stamp], "%d/%m/%Y %H:%M:%S")
        if row[nib].isdigit() and not row[nib].startswith("0"):  # a number in Sheets
            cells[nib] = int(row[nib])
        sheet.append(cells)
    sheet.append([])
    book.create_sheet("Rumus")["A1"] = "=SUM(1,2)"
    book.save(path)
    return path


def test_an_xlsx_download_pulls_as_its_csv_does(tmp_path, sample):
    (tmp_path / "csv").mkdir()
    assert pull_tables(tmp_path / "csv", sample) == 0
    expected = tree_digest(tmp_path / "csv" / "data")
    book = _workbook(tmp_path / "anggota.xlsx", sample)
    others = []
    for key in ("programs", "needs"):
        path = tmp_path / f"{key}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([sample[key].header, *sample[key].rows])
        others += [f"--{key}", str(path)]
    named = _workbook(tmp_path / "dua.xlsx", sample, first_sheet_other=True)
    for folder, members in (("xlsx", str(book)), ("named", f"{named}#Form Responses 1")):
        data = tmp_path / folder / "data"
        argv = ["pull", "--source", "csv", "--data-dir", str(data), *others]
        assert cli([*argv, "--members", members]) == 0
        assert tree_digest(data) == expected, folder


def test_a_semicolon_csv_from_excel_pulls_as_the_download_does(tmp_path, sample):
    (tmp_path / "csv").mkdir()
    assert pull_tables(tmp_path / "csv", sample) == 0
    expected = tree_digest(tmp_path / "csv" / "data")
    paths = {}
    for key, table in sample.items():
        paths[key] = tmp_path / f"{key}.csv"
        with paths[key].open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows([table.header, *table.rows])
    data = tmp_path / "semicolon" / "data"
    argv = ["pull", "--source", "csv", "--data-dir", str(data)]
    for key, path in paths.items():
        argv += [f"--{key}", str(path)]
    assert cli(argv) == 0
    assert tree_digest(data) == expected


def test_a_renamed_csv_and_a_missing_sheet_are_named(tmp_path, sample):
    fake = tmp_path / "anggota.xlsx"
    fake.write_text("Stempel waktu,Nama Badan Usaha\n", encoding="utf-8")
    with pytest.raises(SourceError, match="bukan buku kerja Excel"):
        files.read_table(fake)
    book = _workbook(tmp_path / "buku.xlsx", sample)
    with pytest.raises(
        SourceError, match="lembar 'Tidak Ada' tidak ada \\(ada: Form Responses 1, Rumus\\)"
    ):
        files.read_table(tmp_path / "buku.xlsx#Tidak Ada")
    assert files.read_table(book).title == "buku.xlsx"


def test_a_csv_mixing_separators_names_the_first_row_that_does(tmp_path, sample):
    table = sample["members"]
    path = tmp_path / "campur.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerows([table.header, *table.rows[:3]])
        csv.writer(handle).writerows(table.rows[3:5])  # pasted from a comma download
    with pytest.raises(SourceError, match="baris 5 memakai pemisah kolom yang lain"):
        files.read_table(path, frozenset(header_key(h) for h in table.header))
    assert table_module.mixed_separator_row([table.header, *table.rows], ",") is None


def test_merged_cells_and_formulas_read_as_a_download_shows_them(tmp_path, sample):
    """A merged cell holds its value in its first cell only, as Sheets' CSV download does;
    a formula reads as its last computed value, never as the formula."""
    path = _workbook(tmp_path / "gabung.xlsx", sample)
    book = openpyxl.load_workbook(path)
    sheet = book["Form Responses 1"]
    status = sample["members"].header.index("Status Verifikasi") + 1
    sheet.merge_cells(start_row=2, start_column=status, end_row=4, end_column=status)
    book.save(path)
    table = files.read_table(path)
    column = [row[status - 1] for row in table.rows[:3]]
    assert column == [sample["members"].rows[0][status - 1], "", ""]
    # A formula never computed (no cached value) is empty, never the formula's text.
    with pytest.raises(SourceError, match="kosong"):
        files.read_table(tmp_path / "gabung.xlsx#Rumus")
