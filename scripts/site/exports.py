"""Open data: the downloads of data/ as CSV, JSON and XLSX, a Frictionless data
package, the per-sector, per-member and per-year CSVs, and the annual report workbooks.

What is public is decided in one place, `public_row()`: the fields of the data
contract (schema/*.schema.json) and nothing else, a member's contact (present
only with consent) flattened into four columns. Every download is written from
those rows, and so is the explorer's "download what I see": explorer.js builds
its CSV from programs.json, with the same columns and the same rules.

Every cell goes through model/cells.py, which keeps text that looks like a
formula text (CSV injection); the same rule lives in explorer.js and is stated in
datapackage.json and on the Data Terbuka page.

Deterministic: the same data gives byte-identical files. Timestamps are the
data-updated date of the site, never the time of the build.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from scripts import paths
from scripts.checks import schema
from scripts.config import Forum
from scripts.model.cells import FORMULA_CLASS, SEPARATOR, Formats, csv_cell, xlsx_row
from scripts.model.dates import midnight
from scripts.model.reference import (
    BENEFICIARY_GROUPS,
    CONTRIBUTION_TYPES,
    NEED_STATUS,
    OWNERSHIP,
    PROGRAM_STATUS,
    Reference,
)
from scripts.model.store import DATA_FILES
from scripts.model.text import fold
from scripts.site import formats
from scripts.site import stats as fig

FOLDER = paths.OPEN_DATA.removesuffix("/")  # the downloads' folder in the site
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
TITLES = {"members": "Anggota", "programs": "Program", "needs": "Kebutuhan daerah"}
FORMULA_NOTE = (
    "Sel teks yang diawali =, +, -, @, tab atau carriage return diberi awalan apostrof (') "
    "agar tidak dijalankan sebagai rumus oleh Excel atau LibreOffice; hapus apostrof itu "
    "bila membaca berkas dengan program lain."
)
# The slices of programs that each have a CSV: (folder, key of a program).
SLICES = {"sektor": "sector", "anggota": "member", "tahun": "year"}


@dataclass(frozen=True)
class Field:
    """One column of a download: a key of data/ (nested for a contact) as a Table Schema field."""

    name: str
    path: tuple[str, ...]
    title: str
    type: str  # Table Schema type: string, integer or date
    many: bool  # a list in data/: its values joined with SEPARATOR in CSV and XLSX
    constraints: dict
    reference: str | None = None  # its values are the forum's: sectors | kecamatan
    description: str = ""  # what it holds, for people (the workbooks' Keterangan)

    @property
    def required(self) -> bool:
        return self.constraints.get("required", False)


def _pattern(prop: dict) -> str | None:
    """The JSON Schema pattern or enum of a value as a Table Schema pattern (anchored)."""
    values = [v for v in prop.get("enum", []) if v is not None]
    if values:
        return "|".join(values)
    if "pattern" in prop:
        return prop["pattern"].removeprefix("^").removesuffix("$")
    return None


def _field(name: str, path: tuple[str, ...], prop: dict, required: bool) -> Field:
    types = prop.get("type", [])
    types = [types] if isinstance(types, str) else types
    values = prop.get("enum", [prop["const"]] if "const" in prop else [])
    nullable = "null" in types or None in values
    if prop.get("format") == "date":
        kind = "date"
    elif "integer" in types:
        kind = "integer"
    else:
        kind = "string"
    constraints: dict = {}
    if required and not nullable and "array" not in types:
        constraints["required"] = True
    if "array" in types:
        item = _pattern(prop["items"])
        if item:
            constraints["pattern"] = f"(?:{item})(?:{SEPARATOR}(?:{item}))*"
    elif values:
        constraints["enum"] = [v for v in values if v is not None]
    elif kind == "integer":
        constraints |= {k: prop[k] for k in ("minimum", "maximum") if k in prop}
    elif kind == "string" and "pattern" in prop:
        # A value written with the apostrophe of FORMULA_START (a phone "+62…") still matches.
        constraints["pattern"] = f"(?:'(?={FORMULA_CLASS}))?(?:{_pattern(prop)})"
    reference = (prop.get("items") or {}).get("x-reference") or prop.get("x-reference")
    return Field(
        name,
        path,
        prop["title"],
        kind,
        "array" in types,
        constraints,
        reference,
        prop.get("description", ""),
    )


def _constraints(field: Field, ref: Reference) -> dict:
    """A field's Table Schema constraints, with the forum's own values where it has them."""
    if field.reference is None:
        return field.constraints
    values = list(getattr(ref, field.reference))
    if field.many:
        item = "|".join(values)
        return field.constraints | {"pattern": f"(?:{item})(?:{SEPARATOR}(?:{item}))*"}
    return field.constraints | {"enum": values}


def _fields(name: str) -> list[Field]:
    """The columns of a data file, in the data contract's order."""
    items = schema.schema(name)["items"]
    fields = []
    for key, prop in items["properties"].items():
        required = key in items["required"]
        if prop.get("type") == "object":  # the contact: one column per key
            fields += [
                _field(
                    f"{key}_{sub}",
                    (key, sub),
                    p | {"title": f"Kontak: {p['title']}", "description": prop["description"]},
                    False,
                )
                for sub, p in prop["properties"].items()
            ]
        else:
            fields.append(_field(key, (key,), prop, required))
    return fields


FIELDS: dict[str, list[Field]] = {name: _fields(name) for name in DATA_FILES}


def public_row(kind: str, record: dict) -> dict:
    """A record of data/<kind>.yaml as its public download row: the contract's fields only."""
    row = {}
    for field in FIELDS[kind]:
        value = record
        for key in field.path:
            value = value.get(key) if isinstance(value, dict) else None
        row[field.name] = value
    return row


def _csv_lines(rows: Iterable[list]) -> list[str]:
    """Each list of cells as one CSV record, its line end included."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    lines = []
    for cells in rows:
        writer.writerow(cells)
        lines.append(out.getvalue())
        out.seek(0)
        out.truncate()
    return lines


def csv_records(fields: list[Field], rows: Iterable[dict]) -> list[str]:
    """Each row as one CSV record. Made once per program, a record goes into the file
    of all programs and into two slices."""
    return _csv_lines([csv_cell(row[f.name]) for f in fields] for row in rows)


def csv_text(fields: list[Field], records: list[str]) -> str:
    """CSV as Excel opens it right: UTF-8 with a byte order mark, CRLF line ends."""
    return "\ufeff" + "".join(_csv_lines([[f.name for f in fields]]) + records)


def json_text(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n"


# The workbooks are for people: Indonesian column titles, labels instead of codes,
# rupiah with thousands separators. CSV and JSON stay for machines (English keys and
# codes, as datapackage.json describes them).
RUPIAH_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
RUPIAH = {"amount", "estimated_cost"}
# A column whose people's title is not the contract's (which names the code it holds).
PEOPLE_TITLES = {("programs", "member"): "Badan usaha"}
WIDTHS = {"string": 28, "integer": 16, "date": 14}
LONG_TEXT = {"description", "address", "links"}


def labels(data: dict[str, list[dict]], ref: Reference) -> dict[tuple[str, str], dict]:
    """For each column of codes (kind, field), the label people read for each code."""
    names = {m["id"]: m["name"] for m in data.get("members", [])}
    return {
        ("members", "ownership"): OWNERSHIP,
        ("members", "kecamatan"): ref.kecamatan,
        ("members", "sectors"): ref.sectors,
        ("programs", "member"): names,
        ("programs", "sector"): ref.sectors,
        ("programs", "kecamatan"): ref.kecamatan,
        ("programs", "status"): PROGRAM_STATUS,
        ("programs", "contribution_types"): CONTRIBUTION_TYPES,
        ("programs", "beneficiary_groups"): BENEFICIARY_GROUPS,
        ("needs", "sector"): ref.sectors,
        ("needs", "kecamatan"): ref.kecamatan,
        ("needs", "status"): NEED_STATUS,
    }


def people_title(kind: str, field: Field) -> str:
    return PEOPLE_TITLES.get((kind, field.name), field.title)


def _people_value(field: Field, value, names: dict | None):
    """A download value as people read it: a date as a date, a code as its label."""
    if field.type == "date":
        return formats.as_date(value)
    if names is None or value is None:
        return value
    if isinstance(value, list):
        return [names.get(v, v) for v in value]
    return names.get(value, value)


def _number_format(field: Field) -> str | None:
    """How a column's numbers and dates are shown in a workbook."""
    if field.name in RUPIAH:
        return RUPIAH_FORMAT
    return DATE_FORMAT if field.type == "date" else None


def _width(field: Field) -> int:
    return 50 if field.name in LONG_TEXT else WIDTHS.get(field.type, 20)


class Book:
    """An XLSX workbook written sheet by sheet (XlsxWriter; its files carry fixed
    timestamps, so the same data gives the same bytes)."""

    def __init__(self, title: str, forum: Forum, updated: datetime.date | None):
        self.out = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(self.out, {"in_memory": True})
        self.formats = Formats(self.workbook)
        self.workbook.set_properties(
            {"title": title, "author": forum.name, "created": midnight(updated)}
        )

    def sheet(
        self, title: str, header: list[str], rows: Iterable[list], widths=(), number_formats=()
    ) -> None:
        """A sheet with a frozen, bold header row and an autofilter over its rows;
        `number_formats[i]` shows column i's numbers and dates."""
        sheet = self.workbook.add_worksheet(title[:31])  # Excel's limit on sheet names
        sheet.freeze_panes(1, 0)
        for index, width in enumerate(widths):
            sheet.set_column(index, index, width)
        xlsx_row(sheet, self.formats, 0, header, bold=True)
        count = 0
        for count, row in enumerate(rows, start=1):
            xlsx_row(sheet, self.formats, count, row, number_formats=number_formats)
        sheet.autofilter(0, 0, count, max(len(header), 1) - 1)

    def notes(self, lines: list[list]) -> None:
        """The first sheet, "Keterangan": what the file is, its licence, its date and the
        meaning of each column, as plain lines."""
        sheet = self.workbook.add_worksheet("Keterangan")
        for index, width in enumerate((24, 34, 70, 24)):
            sheet.set_column(index, index, width)
        for number, line in enumerate(lines):
            xlsx_row(sheet, self.formats, number, line, bold=number == 0)

    def table(
        self, kind: str, records: Iterable[dict], names: dict, title: str | None = None
    ) -> None:
        """The public rows of records as a sheet for people: Indonesian titles, labels
        for codes (`names`, from `labels()`), rupiah and dates formatted."""
        fields = FIELDS[kind]
        columns = [names.get((kind, f.name)) for f in fields]
        rows = (public_row(kind, r) for r in records)
        self.sheet(
            title or TITLES[kind],
            [people_title(kind, f) for f in fields],
            (
                [_people_value(f, row[f.name], c) for f, c in zip(fields, columns, strict=True)]
                for row in rows
            ),
            widths=[_width(f) for f in fields],
            number_formats=[_number_format(f) for f in fields],
        )

    def bytes(self) -> bytes:
        self.workbook.close()
        return self.out.getvalue()


def _created(updated: datetime.date | None) -> str:
    return midnight(updated).isoformat() + "Z"


def datapackage(forum: Forum, ref: Reference, updated: datetime.date | None) -> dict:
    """The Frictionless Data Package (v1) descriptor of the three CSVs."""
    resources = []
    for name in DATA_FILES:
        schema: dict = {
            "fields": [
                {
                    "name": f.name,
                    "title": f.title,
                    "type": f.type,
                    "description": f.description
                    + (f" Beberapa nilai dipisahkan '{SEPARATOR}'." if f.many else ""),
                    **({"constraints": c} if (c := _constraints(f, ref)) else {}),
                }
                for f in FIELDS[name]
            ],
            "missingValues": [""],
            "primaryKey": ["id"],
        }
        if name == "programs":
            schema["foreignKeys"] = [
                {"fields": ["member"], "reference": {"resource": "members", "fields": ["id"]}},
                {"fields": ["need"], "reference": {"resource": "needs", "fields": ["id"]}},
            ]
        resources.append(
            {
                "name": name,
                "title": TITLES[name],
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": schema,
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": fold(forum.name).replace(" ", "-"),
        "title": forum.full_name,
        "description": (
            f"Anggota, program CSR dan kebutuhan daerah {forum.name}, "
            "sebagaimana diterbitkan di situsnya. " + FORMULA_NOTE
        ),
        "licenses": [LICENSE],
        # Both the data-updated date: the package is generated from that version of the data.
        "created": _created(updated),
        "modified": _created(updated),
        "resources": resources,
    }
    if forum.site_url:
        package["homepage"] = forum.site_url
    return package


PROGRAMS_JSON = f"{FOLDER}/programs.json"  # read by the explorer's download button


def slice_path(folder: str, key) -> str:
    """Where the CSV of one sector, member or year is, from the site root."""
    return f"{FOLDER}/{folder}/{key}.csv"


def report_path(year: int) -> str:
    return f"{FOLDER}/laporan-tahunan-{year}.xlsx"


def report_pdf_path(year: int) -> str:
    """The annual report to print and file (scripts/site/annual_pdf.py)."""
    return f"{FOLDER}/laporan-tahunan-{year}.pdf"


@dataclass(frozen=True)
class Download:
    path: str  # from the site root
    title: str
    size: int  # bytes

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def report_book(report: fig.AnnualReport, figures: fig.Figures) -> bytes:
    """The annual report's figures, the same objects its page shows, one sheet each."""
    title = f"Laporan Tahunan {report.year} {figures.forum.name}"
    book = Book(title, figures.forum, figures.updated)
    what = (
        f"Angka laporan tahunan {report.year} forum untuk Kementerian Sosial, sama dengan "
        "halaman laporannya di situs: ringkasan, rincian per bidang, kecamatan dan "
        "kepemilikan, anggota yang sudah dan belum melapor, kebutuhan yang diadopsi, dan "
        "daftar programnya."
    )
    book.notes(_about(title, what, figures.forum, figures.updated) + column_notes(["programs"]))
    summary = [
        [f.label.capitalize() + (" (Rp)" if f.rupiah else ""), f.value] for f in report.summary
    ]
    summary += [["Data diperbarui", figures.updated], ["Lisensi", "CC BY 4.0"]]
    book.sheet("Ringkasan", ["Uraian", str(report.year)], summary, widths=(40, 20))
    header = ["Uraian", "Program", "Nilai kontribusi (Rp)", "Penerima manfaat", "Anggota"]
    for table in report.tables:
        rows = [
            [r.label, r.programs, r.amount, r.beneficiaries, r.members]
            for r in table.breakdown.rows
        ]
        if table.note:
            rows += [[], [table.note]]
        book.sheet(table.title, header, rows, widths=(30, 12, 22, 18, 12))
    book.sheet(
        "Anggota melapor",
        ["Anggota", "ID", "Kepemilikan", "Program", "Nilai kontribusi (Rp)", "Penerima manfaat"],
        (
            [
                s.member["name"],
                s.member["id"],
                OWNERSHIP.get(s.member["ownership"], fig.UNKNOWN),
                s.totals.programs,
                s.totals.amount,
                s.totals.beneficiaries,
            ]
            for s in report.reported
        ),
        widths=(40, 30, 14, 10, 22, 18),
    )
    book.sheet(
        "Anggota belum melapor",
        ["Anggota", "ID", "Kepemilikan", "Terdaftar"],
        (
            [
                m["name"],
                m["id"],
                OWNERSHIP.get(m["ownership"], fig.UNKNOWN),
                formats.as_date(m["registered"]),
            ]
            for m in report.missing
        ),
        widths=(40, 30, 14, 14),
    )
    book.sheet(
        "Kebutuhan diadopsi",
        ["Kode", "Kebutuhan", "Bidang", "Program tahun ini"],
        (
            [
                v.need["id"],
                v.need["title"],
                figures.ref.sectors.get(v.need["sector"], fig.UNKNOWN),
                SEPARATOR.join(p["title"] for p in v.programs),
            ]
            for v in report.needs
        ),
        widths=(16, 40, 20, 60),
    )
    members = [mf.member for mf in figures.member_figures]
    book.table("programs", report.programs, labels({"members": members}, figures.ref))
    return book.bytes()


def column_notes(kinds: Iterable[str]) -> list[list]:
    """One line per column of the workbook's data sheets: its sheet, its title, what it
    holds, and the key the CSV and JSON give it."""
    lines = [["Lembar", "Kolom", "Arti", "Kolom di CSV/JSON"]]
    for kind in kinds:
        for f in FIELDS[kind]:
            meaning = f.description or f.title
            if f.name in RUPIAH:
                meaning += "; rupiah, bilangan bulat"
            elif f.type == "date":
                meaning += "; tanggal (hari/bulan/tahun)"
            if f.many:
                meaning += f"; beberapa nilai dipisah '{SEPARATOR.strip()}'"
            lines.append([TITLES[kind], people_title(kind, f), meaning, f.name])
    return lines


def _about(title: str, what: str, forum: Forum, updated: datetime.date | None) -> list[list]:
    return [
        [title],
        [what],
        [
            "Untuk diolah mesin, pakai berkas CSV atau JSON di halaman Data Terbuka: kunci "
            "kolom dan kodenya berbahasa Inggris, dijelaskan di datapackage.json."
        ],
        ["Sumber", forum.name],
        ["Lisensi", LICENSE["title"] + " (CC BY 4.0)", LICENSE["path"]],
        ["Data diperbarui", updated],
        [
            "Teks isian yang tampak seperti rumus (diawali =, +, -, @) disimpan sebagai teks "
            "dan tidak pernah dijalankan."
        ],
        [],
    ]


def _open_data_book(
    data: dict[str, list[dict]], forum: Forum, ref: Reference, updated: datetime.date | None
) -> bytes:
    book = Book(f"Data Terbuka {forum.name}", forum, updated)
    what = (
        "Semua anggota, program CSR, dan kebutuhan daerah yang diterbitkan forum, satu "
        "lembar untuk masing-masing, dengan judul kolom dan label dalam bahasa Indonesia."
    )
    book.notes(
        _about(f"Data Terbuka {forum.name}", what, forum, updated) + column_notes(DATA_FILES)
    )
    names = labels(data, ref)
    for name in DATA_FILES:
        book.table(name, data[name], names)
    return book.bytes()


def write(
    out_dir: Path,
    data: dict[str, list[dict]],
    figures: fig.Figures,
) -> list[Download]:
    """Write every download under out_dir, the site's /data/ folder, but the annual
    reports' (`report_book`, made by the build beside their PDFs); returns the main
    files (paths from the site root) for the Data Terbuka page."""
    updated, forum, ref = figures.updated, figures.forum, figures.ref
    # file name → (title, content); the workbook for people first, then the machines' files
    main: dict[str, tuple[str, bytes]] = {
        "data-terbuka.xlsx": (
            "Semua data, untuk dibaca (XLSX)",
            _open_data_book(data, forum, ref, updated),
        )
    }
    ordered = {name: sorted(data[name], key=lambda r: r["id"]) for name in DATA_FILES}
    records = {}
    for name in DATA_FILES:
        rows = [public_row(name, r) for r in ordered[name]]
        records[name] = csv_records(FIELDS[name], rows)
        main[f"{name}.csv"] = (
            f"{TITLES[name]} (CSV)",
            csv_text(FIELDS[name], records[name]).encode(),
        )
        main[f"{name}.json"] = (f"{TITLES[name]} (JSON)", json_text(rows).encode())
    package = json.dumps(datapackage(forum, ref, updated), ensure_ascii=False, indent=2) + "\n"
    main["datapackage.json"] = ("Data Package (Frictionless)", package.encode())
    files = {f"{FOLDER}/{name}": content for name, (_, content) in main.items()}

    # Every sector and member has its CSV, a header alone when it has no program yet.
    slices: dict[str, list[str]] = {slice_path("sektor", key): [] for key in ref.sectors}
    slices |= {slice_path("anggota", m["id"]): [] for m in data["members"]}
    slices = defaultdict(list, slices)
    for program, record in zip(ordered["programs"], records["programs"], strict=True):
        for folder, field in SLICES.items():
            slices[slice_path(folder, program[field])].append(record)
    files |= {path: csv_text(FIELDS["programs"], rows).encode() for path, rows in slices.items()}

    for path, content in files.items():
        target = out_dir / path.removeprefix(FOLDER + "/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return [
        Download(f"{FOLDER}/{name}", title, len(content)) for name, (title, content) in main.items()
    ]
