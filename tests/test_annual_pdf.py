"""The annual report PDFs, read back with poppler (pdftotext, pdffonts) and pypdf:
linked from the report pages, A4, every font embedded, "Halaman N dari M" right,
the same sections and figures as the page, the table header on every page of a
long table, the hostile values literally, and the same bytes from the same data."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re

import pypdf
import pytest

from scripts import config
from scripts.model import store
from scripts.site import annual_pdf, exports
from scripts.site import stats as figures

from .helpers import FIXTURES, Page, pdf_fonts, pdf_text, pdf_words_outside

A4 = (595.28, 841.89)  # points
CONFIG = config.load()
UPDATED = datetime.date(2026, 11, 30)


@pytest.fixture(scope="module")
def sample(sample_site):
    data_dir, site = sample_site
    data = store.load(data_dir)
    return data, site, figures.compute(data, UPDATED, CONFIG)


def squeezed(text: str) -> str:
    """Text without white space or bidi marks (pdftotext adds its own around right-to-left
    text): a value wrapped over lines reads as one again."""
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e]+", "", text)


def report_pdf(site, year):
    return site / exports.report_pdf_path(year)


def test_every_year_has_its_pdf_linked_from_both_report_pages(sample):
    _, site, fig = sample
    listing = Page(site / "laporan" / "index.html")
    for report in fig.reports:
        name = exports.report_pdf_path(report.year).rsplit("/", 1)[1]
        assert report_pdf(site, report.year).stat().st_size > 10_000
        page = Page(site / "laporan" / str(report.year) / "index.html")
        assert [a for a in page.find("a") if a.get("href", "").endswith(name)]
        assert [a for a in listing.find("a") if a.get("href", "").endswith(name)]


def test_a4_fonts_embedded_and_pages_counted(sample):
    _, site, fig = sample
    path = report_pdf(site, fig.reports[0].year)
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4, abs=0.01
        )
    fonts = pdf_fonts(path)
    assert fonts and all(f["emb"] == "yes" for f in fonts)
    assert {f["name"].split("+")[1] for f in fonts} == {"DejaVuSansBook", "DejaVuSansBold"}
    pages = pdf_text(path)
    assert len(pages) == len(reader.pages) > 3
    for number, text in enumerate(pages, 1):
        assert text.count(f"Halaman {number} dari {len(pages)}") == 1
    meta = reader.metadata
    assert meta.title == f"Laporan Tahunan {fig.reports[0].year}: {CONFIG.forum.name}"


def test_sections_and_figures_are_the_pages(sample):
    _, site, fig = sample
    for report in fig.reports:
        path = report_pdf(site, report.year)
        page = Page(site / "laporan" / str(report.year) / "index.html")
        headings = [
            squeezed(t) for t in re.findall(r"<h2[^>]*>([^<]*)", path_html(site, report.year))
        ]
        pages = pdf_text(path, layout=True)
        contents = [
            (m.group(1), int(m.group(2)))
            for m in re.finditer(r"^(\S.*?) \.{2,} (\d+)$", pages[1], re.MULTILINE)
        ]
        assert [squeezed(name) for name, _ in contents] == [*headings, "Pengesahan"]
        for name, number in contents:  # each entry points to the page it begins on
            assert name in pages[number - 1]

        summary = next(p for p in pages if "Ringkasan\n" in p)
        lines = {squeezed(line.rsplit("  ", 1)[0]): line.split() for line in summary.splitlines()}
        t = report.totals
        assert page.figures["programs"] == str(t.programs)
        assert page.figures["amount"] in lines["Nilaikontribusi"]
        assert page.figures["beneficiaries"] == lines["Penerimamanfaat"][-1]
        assert lines["Program"][-1] == page.figures["programs"]
        cover = pages[0]
        for key in ("programs", "amount", "beneficiaries"):
            assert page.figures[key] in cover


def path_html(site, year) -> str:
    return (site / "laporan" / str(year) / "index.html").read_text(encoding="utf-8")


def test_signatures_and_letterhead(sample):
    _, site, fig = sample
    pages = pdf_text(report_pdf(site, fig.reports[0].year))
    assert CONFIG.forum.address in pages[0] and CONFIG.forum.full_name in pages[0]
    last = pages[-1]
    for person in CONFIG.forum.signatories:
        assert person.role in last
    assert last.count("(nama jelas dan tanda tangan)") == len(CONFIG.forum.signatories)


def many(data: dict, year: int, count: int) -> dict:
    """The sample with `count` programs in `year`, copies of its own."""
    base = data["programs"]
    programs = [
        base[i % len(base)] | {"id": f"salinan-{i:05d}", "year": year} for i in range(count)
    ]
    return data | {"programs": programs}


def test_a_year_of_2000_programs_repeats_the_table_header_on_every_page(sample):
    data, _, _ = sample
    fig = figures.compute(many(data, 2025, 2000), UPDATED, CONFIG)
    (report,) = [r for r in fig.reports if r.year == 2025]
    content = annual_pdf.document(report, fig, CONFIG)
    pages = pdf_text(content, layout=True)
    start = next(i for i, p in enumerate(pages) if re.search(r"^\s*Program tahun 2025$", p, re.M))
    table_pages = pages[start:-1]
    assert len(table_pages) > 50
    header = re.compile(r"^\s*Program\s+Anggota\s+Bidang\s+Kecamatan\s+Status\s+Nilai$", re.M)
    assert all(len(header.findall(p)) == 1 for p in table_pages)
    # A row's cells are aligned at its top: its amount (or "–") ends its first line.
    rows = sum(len(re.findall(r"  (?:Rp[\d.]+|–)$", p, re.M)) for p in pages[start:])
    assert rows == 2000  # no row lost or doubled at a page break
    assert content == annual_pdf.document(report, fig, CONFIG)  # same data, same bytes


def test_a_year_with_one_program(sample):
    data, _, _ = sample
    one = data | {"programs": [data["programs"][0] | {"year": 2019}]}
    fig = figures.compute(one, UPDATED, CONFIG)
    (report,) = fig.reports
    pages = pdf_text(annual_pdf.document(report, fig, CONFIG))
    assert "Tahun 2019" in pages[0]
    assert squeezed(data["programs"][0]["title"]) in squeezed("".join(pages))


HOSTILE_WORD = "Sangat" + "panjang" * 28  # 202 characters, no space to break at


def test_hostile_values_are_text_and_stay_on_the_page():
    data = store.load(FIXTURES / "hostile")
    member = data["members"][0]
    member = member | {"name": f"{HOSTILE_WORD} \u202eTbk 😀 \U0001f9ff"}
    programs = [p | {"title": p["title"] + " {nb} " + HOSTILE_WORD} for p in data["programs"]]
    data = data | {"members": [member, *data["members"][1:]], "programs": programs}
    logo = dataclasses.replace(CONFIG.forum, logo=FIXTURES / "logo.png")
    settings = dataclasses.replace(CONFIG, forum=logo)
    fig = figures.compute(data, UPDATED, settings)
    content = annual_pdf.document(fig.reports[0], fig, settings)
    pages = pdf_text(content)
    text = squeezed("".join(pages))
    for program in programs:
        assert squeezed(program["title"].replace("\uffff", "\ufffd")) in text
    assert squeezed(member["name"].replace("\U0001f9ff", "\ufffd")) in text
    assert "{nb}" in text  # fpdf2's page-count alias is not read in an answer
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages[0].images) == 1  # the configured logo, on the cover
    assert pdf_words_outside(content, margin=20) == []  # no word runs off a page
