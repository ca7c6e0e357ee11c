"""The status table: what became of every row of every sheet, for the secretariat.

One line per sheet row, in sheet order: its outcome (Diterbitkan, Memperbarui
baris N, Menunggu verifikasi …), the name the row gives (so it can be found), the
page it made and, for each reason, the column and the Indonesian message; then
the data quality findings that belong to no single row. It names a business or a
program, never a contact person, a reporter or a collected e-mail, and it goes
only where the secretariat asked (`--status FILE`, the status spreadsheet): never
to data/, the site, a log or a job summary.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import xlsxwriter

from scripts.checks import quality
from scripts.intake.report import Rejection, RowStatus, SheetReport
from scripts.model import store
from scripts.model.cells import Formats, csv_cell, xlsx_row

# The first cell of a status this program wrote begins so: a worksheet whose first
# cell says anything else is someone else's and is never overwritten.
MARKER = "Status Penarikan"
HEADER = ["Lembar", "Baris", "Hasil", "Nama di baris itu", "Halaman di situs", "Alasan dan catatan"]
TOP = 4  # the lines above the table: marker, the pull, a blank line, the header
OUTCOME_TEXT = {
    "accepted": "Diterbitkan",
    "pending": "Menunggu verifikasi",
    "declined": "Ditolak sekretariat",
    "no_consent": "Tanpa persetujuan publikasi",
    "rejected": "Ditolak sistem",
}
# The pull's time as the secretariat reads it (WIB; the forums are in western Indonesia).
ZONE = ZoneInfo("Asia/Jakarta")


@dataclass
class Findings:
    """Data quality findings: those of a record, by the sheet rows it came from, and
    those of no single row (one line each, e.g. the members yet to report)."""

    by_row: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)


def findings(
    results: list[quality.Result], origins: quality.Origins, sheets: dict[str, SheetReport]
) -> Findings:
    """The quality findings by the rows that made each flagged record; a tally (the
    members yet to report) as one line with its count and the businesses' names."""
    names = {s.route: s.subject for report in sheets.values() for s in report.rows if s.route}
    found = Findings()
    for result in results:
        if not result.records:
            continue
        if result.check.tally:
            listed = ", ".join(names.get(r, r) for r in result.records)
            found.general.append(f"{result.message}: {len(result.records)} — {listed}")
            continue
        for record in result.records:
            rows = origins.get(record)
            if not rows:
                found.general.append(f"{result.message}: {record}")
            for key in rows or ():
                found.by_row.setdefault(key, []).append(result.message)
    return found


def outcome_text(status: RowStatus) -> str:
    if status.outcome == "updated":
        return f"Memperbarui baris {status.updates}"
    if status.outcome == "accepted" and status.reasons:
        return "Diterbitkan dengan catatan"
    return OUTCOME_TEXT[status.outcome]


def reason_text(reason: Rejection) -> str:
    note = " Isian ini dikosongkan." if reason.warning else ""
    return f"Kolom '{reason.column}': {reason.message}{note}"


def table(
    sheets: dict[str, SheetReport],
    site_url: str,
    headline: str,
    findings: Findings | None = None,
) -> list[list[str | int]]:
    """The status as rows of cells: the marker and `headline` (when and how the pull
    went), the header, one line per sheet row, then the general findings."""
    findings = findings or Findings()
    lines: list[list[str | int]] = [
        [f"{MARKER} — ditulis otomatis pada setiap penarikan data; jangan diubah."],
        [headline],
        [],
        list(HEADER),
    ]
    for report in sheets.values():
        for status in report.in_order():
            notes = [reason_text(r) for r in status.reasons]
            notes += [
                f"Mutu data: {m}" for m in findings.by_row.get((report.sheet, status.row), [])
            ]
            page = site_url + status.route if status.route else ""
            lines.append(
                [
                    report.sheet,
                    status.row,
                    outcome_text(status),
                    status.subject,
                    page,
                    "\n".join(notes),
                ]
            )
    for finding in findings.general:
        lines.append(["Mutu data", "", "", "", "", finding])
    width = len(HEADER)
    return [line + [""] * (width - len(line)) for line in lines]


def headline(source: str, when: datetime.datetime, error: str | None) -> str:
    done = f"gagal, data/ tidak diubah: {error}" if error else "berhasil"
    return f"Penarikan {when:%d-%m-%Y %H:%M} ({when:%Z}), sumber {source}: {done}"


def csv_text(lines: list[list[str | int]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([csv_cell(c) for c in line] for line in lines)
    return "\ufeff" + out.getvalue()  # Excel reads UTF-8 by its byte order mark


def xlsx_bytes(lines: list[list[str | int]]) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    formats = Formats(book)
    sheet = book.add_worksheet(MARKER)
    sheet.freeze_panes(TOP, 0)
    for column, width in enumerate((22, 7, 26, 36, 40, 70)):
        sheet.set_column(column, column, width)
    for number, line in enumerate(lines, 1):
        xlsx_row(sheet, formats, number - 1, line, bold=number == TOP, wrap=True)
    book.close()
    return out.getvalue()


def write_file(path: Path, lines: list[list[str | int]]) -> None:
    """The status as `.xlsx` or `.csv`, by the file's extension."""
    if path.suffix.lower() == ".xlsx":
        store.write_atomic_bytes(path, xlsx_bytes(lines))
    else:
        store.write_atomic(path, csv_text(lines))
