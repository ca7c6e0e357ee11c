"""The annual report of a year as a PDF to file with Kemensos and the DPRD.

The same AnnualReport object as the page /laporan/<year>/ and its workbook
(scripts/site/stats.py computes it once): the same sections in the same order,
the same figures. The forum's letterhead and the cover come first, then the table
of contents, the sections, and a closing block for the signatures.
"""

from __future__ import annotations

from fpdf.enums import XPos, YPos
from fpdf.outline import OutlineSection

from scripts.config import Config
from scripts.model.dates import past_end
from scripts.model.reference import OWNERSHIP, PROGRAM_STATUS
from scripts.site import formats, stats
from scripts.site.pdf import FAMILY, INK, MARGIN, MUTED, RULE, Document, printable

TOC_TITLE = "Daftar Isi"
SIGNING_TITLE = "Pengesahan"
BREAKDOWN_HEADERS = ("Program", "Nilai kontribusi", "Penerima manfaat", "Anggota")
PROGRAM_HEADERS = ("Program", "Anggota", "Bidang", "Kecamatan", "Status", "Nilai")
STALE = "(melewati tanggal selesai)"


def title(year: int) -> str:
    return f"Laporan Tahunan {year}"


def _letterhead(doc: Document, config: Config) -> None:
    forum = config.forum
    top = doc.get_y()
    if forum.logo is not None:
        doc.image(str(forum.logo), x=MARGIN, y=top, h=22)
        doc.set_left_margin(MARGIN + 28)
        doc.set_x(MARGIN + 28)
    doc.text_block(forum.name, size=16, bold=True, gap=1)
    doc.text_block(forum.full_name, size=9, gap=0.5)
    contact = [
        forum.address,
        forum.contact.email and f"Surel: {forum.contact.email}",
        forum.contact.phone and f"Telepon: {forum.contact.phone}",
        forum.site_address,
    ]
    doc.set_text_color(*MUTED)
    doc.text_block(" · ".join(filter(None, contact)), size=8, gap=0)
    doc.set_text_color(*INK)
    doc.set_left_margin(MARGIN)
    y = max(doc.get_y(), top + 24) + 3
    doc.set_draw_color(*INK)
    doc.set_line_width(0.8)
    doc.line(MARGIN, y, doc.w - MARGIN, y)
    doc.set_line_width(0.2)
    doc.set_y(y + 4)


def _cover(doc: Document, report: stats.AnnualReport, figures: stats.Figures, config: Config):
    doc.add_page()
    _letterhead(doc, config)
    doc.ln(30)
    doc.text_block("LAPORAN TAHUNAN", size=22, bold=True, gap=2)
    doc.text_block("Program Tanggung Jawab Sosial dan Lingkungan Badan Usaha", size=13, gap=6)
    doc.text_block(f"Tahun {report.year}", size=34, bold=True, gap=8)
    doc.text_block(
        f"Disampaikan kepada Kementerian Sosial RI dan {config.region.council}.", size=11, gap=2
    )
    doc.text_block(f"Data per {formats.date(figures.updated)}.", size=11, gap=16)
    t = report.totals
    headline = [
        (formats.number(t.programs), "program"),
        (formats.rupiah(t.known_amount), "nilai kontribusi"),
        (formats.number(t.known_beneficiaries), "penerima manfaat"),
    ]
    for value, label in headline:
        doc.set_font(FAMILY, "B", 18)
        doc.cell(0, 9, printable(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        doc.set_font(FAMILY, "", 10)
        doc.cell(0, 5, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        doc.ln(3)


def _contents(doc: Document, outline: list[OutlineSection]) -> None:
    """The table of contents, filled in once every section's page is known."""
    doc.set_x(doc.l_margin)  # fpdf2 comes back here from wherever the last page ended
    doc.text_block(TOC_TITLE, size=14, bold=True, gap=4)
    doc.set_font(FAMILY, size=10)
    for section in outline:
        page = str(section.page_number)
        name = section.name
        room = doc.epw - doc.get_string_width(page) - doc.get_string_width(name) - 4
        dots = "." * max(2, int(room / doc.get_string_width(".")))
        link = doc.add_link(page=section.page_number)
        doc.cell(0, 7, f"{name} {dots} {page}", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _summary(doc: Document, report: stats.AnnualReport) -> None:
    doc.heading("Ringkasan")
    rows = []
    for f in report.summary:
        if f.rupiah:
            compact, exact = formats.rupiah_compact(f.value), formats.rupiah(f.value)
            value = exact if compact == exact else f"{exact} ({compact})"
        else:
            value = formats.number(f.value)
        rows.append((f.label.capitalize(), value))
    doc.data_table(("Uraian", str(report.year)), rows, (60, 40), numeric=(1,), size=10)
    doc.text_block(stats.SUMS_NOTE, size=8, gap=4)


def _breakdowns(doc: Document, report: stats.AnnualReport) -> None:
    for table in report.tables:
        doc.heading(table.title)
        rows = (
            (
                r.label,
                formats.number(r.programs),
                formats.rupiah(r.amount),
                formats.number(r.beneficiaries),
                formats.number(r.members),
            )
            for r in table.breakdown.rows
        )
        doc.data_table(
            (table.title, *BREAKDOWN_HEADERS), rows, (40, 14, 26, 20, 14), numeric=(1, 2, 3, 4)
        )
        if table.note:
            doc.text_block(table.note, size=8, gap=4)


def _members(doc: Document, report: stats.AnnualReport) -> None:
    doc.heading("Anggota yang melapor")
    if report.reported:
        rows = (
            (
                s.member["name"],
                OWNERSHIP.get(s.member["ownership"], stats.UNKNOWN),
                formats.number(s.totals.programs),
                formats.rupiah(s.totals.known_amount),
                formats.number(s.totals.known_beneficiaries),
            )
            for s in report.reported
        )
        doc.data_table(
            ("Anggota", "Kepemilikan", "Program", "Nilai kontribusi", "Penerima manfaat"),
            rows,
            (46, 18, 12, 26, 20),
            numeric=(2, 3, 4),
        )
    else:
        doc.text_block(f"Tidak ada anggota yang melaporkan program tahun {report.year}.")

    doc.heading("Anggota yang belum melapor")
    doc.text_block(
        f"Anggota yang terdaftar sampai akhir tahun {report.year} tetapi belum melaporkan "
        "program tahun itu.",
        size=8,
    )
    if report.missing:
        rows = (
            (m["name"], OWNERSHIP.get(m["ownership"], stats.UNKNOWN), formats.date(m["registered"]))
            for m in report.missing
        )
        doc.data_table(("Anggota", "Kepemilikan", "Terdaftar"), rows, (60, 20, 22))
    else:
        doc.text_block("Semua anggota yang terdaftar sudah melapor.")


def _needs(
    doc: Document, report: stats.AnnualReport, figures: stats.Figures, members: dict[str, dict]
) -> None:
    doc.heading("Kebutuhan daerah yang diadopsi")
    if not report.needs:
        doc.text_block(f"Tidak ada program tahun {report.year} yang mengadopsi kebutuhan daerah.")
        return
    rows = (
        (
            f"{v.need['id']}: {v.need['title']}",
            figures.ref.sectors.get(v.need["sector"], stats.UNKNOWN),
            "\n".join(f"{p['title']} ({members[p['member']]['name']})" for p in v.programs),
        )
        for v in report.needs
    )
    doc.data_table(("Kebutuhan", "Bidang", f"Program tahun {report.year}"), rows, (40, 18, 52))


def _programs(
    doc: Document, report: stats.AnnualReport, figures: stats.Figures, members: dict[str, dict]
) -> None:
    doc.heading(f"Program tahun {report.year}")
    ref = figures.ref

    def status(p: dict) -> str:
        label = PROGRAM_STATUS.get(p["status"]) or formats.MISSING
        return f"{label} {STALE}" if past_end(p, figures.updated) else label

    rows = (
        (
            p["title"],
            members[p["member"]]["name"],
            ref.sectors.get(p["sector"], p["sector"]),
            ", ".join(ref.kecamatan.get(k, k) for k in p["kecamatan"]) or formats.MISSING,
            status(p),
            formats.rupiah(p["amount"]),
        )
        for p in report.programs
    )
    doc.data_table(PROGRAM_HEADERS, rows, (40, 30, 19, 21, 27, 23), numeric=(5,))


def _signatures(doc: Document, config: Config) -> None:
    """The closing block, whole on one page: where, when, and a column per signatory."""
    signatories = config.forum.signatories
    if doc.will_page_break(75):
        doc.add_page()
    doc.heading(SIGNING_TITLE)
    doc.text_block(
        f"Laporan ini disusun dari data yang diverifikasi sekretariat {config.forum.name} "
        "dan disahkan oleh:",
        gap=6,
    )
    doc.text_block(f"{config.region.name}, tanggal ............................", gap=6)
    width = doc.epw / len(signatories)
    top = doc.get_y()
    for i, person in enumerate(signatories):
        x = MARGIN + i * width
        doc.set_xy(x, top)
        doc.set_font(FAMILY, "B", 10)
        doc.multi_cell(width - 6, 5, printable(person.role), align="C")
        line_y = top + 34
        doc.set_draw_color(*RULE)
        doc.line(x + 6, line_y, x + width - 12, line_y)
        doc.set_xy(x, line_y + 1)
        doc.set_font(FAMILY, "", 9)
        name = person.name or "(nama jelas dan tanda tangan)"
        doc.multi_cell(width - 6, 5, printable(name), align="C")
    doc.set_y(top + 50)


def document(report: stats.AnnualReport, figures: stats.Figures, config: Config) -> bytes:
    """The annual report of `report.year`, every page A4."""
    doc = Document(title(report.year), config.forum, figures.updated)
    doc.set_subject(f"Laporan tahunan program CSR tahun {report.year}")
    _cover(doc, report, figures, config)
    doc.add_page()
    doc.insert_toc_placeholder(_contents, pages=1)
    _summary(doc, report)
    _breakdowns(doc, report)
    _members(doc, report)
    members = {mf.member["id"]: mf.member for mf in figures.member_figures}
    _needs(doc, report, figures, members)
    _programs(doc, report, figures, members)
    _signatures(doc, config)
    return doc.bytes()
