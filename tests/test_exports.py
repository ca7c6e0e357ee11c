"""Open data downloads: the sample site's data/ folder checked against data/ by an
independent validator (frictionless) and readers (csv, json, openpyxl); formula
neutralising; only public fields; same data, same bytes; the annual report workbooks
against their pages."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile

import frictionless
import openpyxl
import pytest

from scripts import config
from scripts.model import store
from scripts.site import exports
from scripts.site import stats as figures

from .helpers import FIXTURES, REPO, Page, tree_digest

HOSTILE = '=HYPERLINK("http://x","y")'
DATA_FILES = ("members", "programs", "needs")

CONFIG = config.load()


@pytest.fixture(scope="module")
def sample(sample_site):
    """(data, the built site's /data/ folder, the site)."""
    data_dir, site = sample_site
    return store.load(data_dir), site / "data", site


def read_csv(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def total(values) -> int:
    return sum(int(v) for v in values if v not in ("", None))


def test_frictionless_validates_the_data_package(sample):
    _, folder, _ = sample
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["created"] == package["modified"]
    assert [r["path"] for r in package["resources"]] == [f"{n}.csv" for n in DATA_FILES]
    programs = package["resources"][1]["schema"]
    assert programs["primaryKey"] == ["id"] and len(programs["foreignKeys"]) == 2
    enums = {f["name"]: f.get("constraints", {}).get("enum") for f in programs["fields"]}
    assert enums["sector"][0] == "kesehatan" and enums["status"][-1] == "selesai"


def test_the_validator_is_not_vacuous(sample, tmp_path):
    _, folder, _ = sample
    for name in ("datapackage.json", "members.csv", "needs.csv"):
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    text = (folder / "programs.csv").read_text(encoding="utf-8")
    (tmp_path / "programs.csv").write_text(text.replace(",kesehatan,", ",kesihatan,", 1), "utf-8")
    assert not frictionless.validate(str(tmp_path / "datapackage.json")).valid


def test_csv_and_json_rows_and_sums_equal_data(sample):
    data, folder, _ = sample
    sums = {"programs": ("amount", "beneficiaries"), "needs": ("estimated_cost",), "members": ()}
    for name in DATA_FILES:
        rows = read_csv(folder / f"{name}.csv")
        records = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        assert [r["id"] for r in rows] == sorted(r["id"] for r in data[name])
        assert [r["id"] for r in records] == [r["id"] for r in rows]
        for key in sums[name]:
            expected = sum(r[key] for r in data[name] if r[key] is not None)
            assert total(r[key] for r in rows) == total(r[key] for r in records) == expected
    assert len(data["programs"]) > 100  # the sample, not an empty site


def test_only_the_public_fields_of_data_are_downloaded(sample):
    _, folder, _ = sample
    for name in DATA_FILES:
        properties = json.loads((REPO / "schema" / f"{name}.schema.json").read_text("utf-8"))[
            "items"
        ]["properties"]
        columns = list(read_csv(folder / f"{name}.csv")[0])
        public = [
            f"{key}_{sub}" if prop.get("type") == "object" else key
            for key, prop in properties.items()
            for sub in prop.get("properties", [None])
        ]
        assert columns == public
    # A key that is not in the data contract stays out of every download.
    record = {**store.load(FIXTURES / "site")["programs"][0], "catatan": "rahasia sekretariat"}
    assert "rahasia" not in json.dumps(exports.public_row("programs", record))


def test_slices_hold_the_programs_of_their_sector_member_and_year(sample):
    data, folder, site = sample
    program = data["programs"][0]
    for folder_name, key in exports.SLICES.items():
        rows = read_csv(folder / exports.slice_path(folder_name, program[key]).split("/", 1)[1])
        expected = sorted(p["id"] for p in data["programs"] if p[key] == program[key])
        assert [r["id"] for r in rows] == expected
    empty = next(
        m for m in data["members"] if all(p["member"] != m["id"] for p in data["programs"])
    )
    assert read_csv(folder / "anggota" / f"{empty['id']}.csv") == []
    member_page = Page(site / "anggota" / program["member"] / "index.html")
    assert member_page.find("a", href=f"../../data/anggota/{program['member']}.csv")
    sector_page = Page(site / "sektor" / program["sector"] / "index.html")
    assert sector_page.find("a", href=f"../../data/sektor/{program['sector']}.csv")


def test_open_data_page_links_every_download_and_states_the_licence(sample):
    _, folder, site = sample
    page = Page(site / "data" / "index.html")
    assert "CC BY 4.0" in page.text and "apostrof" in page.text
    for name in ("members.csv", "programs.json", "data-terbuka.xlsx", "datapackage.json"):
        assert page.find("a", href=f"../data/{name}"), name
    workbook = openpyxl.load_workbook(folder / "data-terbuka.xlsx", read_only=True)
    assert workbook.sheetnames == ["Keterangan", "Anggota", "Program", "Kebutuhan daerah"]


def test_the_workbooks_are_for_people(sample):
    """Indonesian titles, labels instead of codes, rupiah with thousands separators,
    dates as dates, a frozen header with an autofilter, and a first sheet that says
    what the file is; the CSV keeps the machine's keys and codes."""
    data, folder, _ = sample
    book = openpyxl.load_workbook(folder / "data-terbuka.xlsx")
    notes = [
        [c for c in row if c is not None] for row in book["Keterangan"].iter_rows(values_only=True)
    ]
    text = " ".join(str(c) for row in notes for c in row)
    assert "CC BY 4.0" in text and "Data diperbarui" in text and "datapackage.json" in text
    assert ["Program", "Kelompok penerima manfaat"] in [row[:2] for row in notes]
    sheet = book["Program"]
    header = [c.value for c in sheet[1]]
    assert {"Nama program", "Kecamatan lokasi", "Nilai kontribusi (Rp)", "Badan usaha"} <= set(
        header
    )
    assert not {"amount", "beneficiary_groups", "title"} & set(header)
    assert (
        sheet.freeze_panes == "A2"
        and sheet.auto_filter.ref == f"A1:{sheet.dimensions.split(':')[1]}"
    )
    rows = [dict(zip(header, (c for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    kecamatan = {str(r["Kecamatan lokasi"].value) for r in rows}
    assert any("Cipocok Jaya" in k for k in kecamatan) and not any(
        "cipocok-jaya" in k for k in kecamatan
    )
    groups = {str(r["Kelompok penerima manfaat"].value) for r in rows}
    assert any("Keluarga Miskin / Rentan" in g for g in groups)
    names = {m["name"] for m in data["members"]}
    assert {r["Badan usaha"].value for r in rows} <= names
    money = [
        r["Nilai kontribusi (Rp)"] for r in rows if r["Nilai kontribusi (Rp)"].value is not None
    ]
    assert money and all(c.data_type == "n" and c.number_format == "#,##0" for c in money)
    start = [r["Tanggal mulai"] for r in rows if r["Tanggal mulai"].value is not None]
    assert all(c.is_date and c.number_format == "dd/mm/yyyy" for c in start)
    members = book["Anggota"]
    header = [c.value for c in members[1]]
    ownership = next(f for f in exports.FIELDS["members"] if f.name == "ownership")
    column = header.index(exports.people_title("members", ownership))
    owners = {row[column] for row in members.iter_rows(min_row=2, values_only=True)}
    assert {"BUMN", "BUMD", "Swasta"} <= owners and not owners & {"bumn", "bumd", "swasta"}
    # The CSV is for machines: English keys and codes.
    first = (folder / "programs.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert first.startswith("id,member,title,sector")


def _hostile_data() -> dict[str, list[dict]]:
    data = store.load(FIXTURES / "site")
    program = data["programs"][0]
    program.update(title=HOSTILE, description="+1+1", partner="@SUM(A1)", location="-2")
    data["members"][0]["contact"] = {
        "name": "\tNama",
        "title": None,
        "phone": "+6281234567890",
        "email": "a@b.id",
    }
    return data


def test_a_hostile_cell_round_trips_as_text_in_csv_and_xlsx(tmp_path):
    data = _hostile_data()
    exports.write(tmp_path, data, figures.compute(data, None, CONFIG))
    assert frictionless.validate(str(tmp_path / "datapackage.json")).valid
    (row,) = [r for r in read_csv(tmp_path / "programs.csv") if r["title"].endswith(HOSTILE)]
    assert row["title"] == "'" + HOSTILE
    assert (row["description"], row["partner"], row["location"]) == ("'+1+1", "'@SUM(A1)", "'-2")
    assert row["amount"] == "5000000"  # numbers stay numbers
    (member,) = [
        r for r in read_csv(tmp_path / "members.csv") if r["id"] == data["members"][0]["id"]
    ]
    assert (member["contact_phone"], member["contact_name"]) == ("'+6281234567890", "'\tNama")

    sheet = openpyxl.load_workbook(tmp_path / "data-terbuka.xlsx")["Program"]
    header = [c.value for c in sheet[1]]
    title_at = header.index("Nama program")
    (cells,) = [r for r in sheet.iter_rows(min_row=2) if r[title_at].value == HOSTILE]
    title = cells[title_at]
    assert title.data_type == "s" and title.value == HOSTILE and title.quotePrefix
    assert cells[header.index("Deskripsi")].value == "+1+1"
    amount = cells[header.index("Nilai kontribusi (Rp)")]
    assert amount.data_type == "n" and amount.value == 5_000_000
    # No formula anywhere in the workbook's XML.
    with zipfile.ZipFile(tmp_path / "data-terbuka.xlsx") as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(re.search(rb"<f[ >]", archive.read(n)) for n in sheets)


def test_same_data_gives_the_same_bytes(tmp_path):
    data = store.load(FIXTURES / "site")
    for run in ("a", "b"):
        exports.write(
            tmp_path / run, data, figures.compute(data, datetime.date(2025, 7, 2), CONFIG)
        )
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    properties = openpyxl.load_workbook(tmp_path / "a" / "data-terbuka.xlsx").properties
    assert properties.created == properties.modified == datetime.datetime(2025, 7, 2)


def test_annual_report_workbook_totals_equal_its_page(sample):
    data, folder, site = sample
    years = sorted({p["year"] for p in data["programs"]}, reverse=True)
    index = Page(site / "laporan" / "index.html")
    for year in years:
        assert index.find("a", href=f"../laporan/{year}/")
        page = Page(site / "laporan" / str(year) / "index.html")
        assert page.find("a", href=f"../../data/laporan-tahunan-{year}.xlsx")
        workbook = openpyxl.load_workbook(folder / f"laporan-tahunan-{year}.xlsx")
        summary = {row[0]: row[1] for row in workbook["Ringkasan"].iter_rows(values_only=True)}
        own = [p for p in data["programs"] if p["year"] == year]
        amount = sum(p["amount"] or 0 for p in own)
        assert summary["Program"] == len(own)
        assert summary["Nilai kontribusi (Rp)"] == amount
        assert page.figures["programs"] == f"{len(own):,}".replace(",", ".")
        assert page.figures["amount"] == "Rp" + f"{amount:,}".replace(",", ".")
        for key, label in (("beneficiaries", "Penerima manfaat"), ("members-missing", None)):
            value = summary[label or "Anggota belum melapor"]
            assert page.figures[key] == f"{value:,}".replace(",", "."), key
        # Each breakdown sheet adds up to the page's total.
        sector = list(workbook["Per sektor"].iter_rows(min_row=2, values_only=True))
        assert sum(row[2] for row in sector) == amount
        programs = list(workbook["Program"].iter_rows(min_row=2, values_only=True))
        assert len(programs) == len(own)
