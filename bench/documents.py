"""The printed documents at scale: the annual report PDF of a year of 10,000 programs
(1,000 members, the synthetic data of build_site.py), and the posters.

Run: python bench/documents.py [programs] (part of `make bench`). Prints seconds,
pages and size; the tests check what the documents say, this script how fast and big."""

from __future__ import annotations

import datetime
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import build_site  # bench/ is this script's own folder, first on sys.path
import pypdf

from scripts import config
from scripts.site import annual_pdf, posters
from scripts.site import stats as figures

YEAR = 2025
UPDATED = datetime.date(2026, 1, 15)


def main() -> int:
    programs = int(sys.argv[1]) if len(sys.argv) > 1 else build_site.PROGRAMS
    settings = config.load()
    data = build_site.synthetic(build_site.MEMBERS, programs)
    data["programs"] = [p | {"year": YEAR} for p in data["programs"]]
    fig = figures.compute(data, UPDATED, settings)
    (report,) = fig.reports
    started = time.perf_counter()
    content = annual_pdf.document(report, fig, settings)
    seconds = time.perf_counter() - started
    pages = len(pypdf.PdfReader(io.BytesIO(content)).pages)
    print(
        f"Laporan tahunan PDF, {programs:,} program dalam satu tahun: {seconds:.1f} s, "
        f"{pages:,} halaman, {len(content) / 2**20:,.2f} MB"
    )
    forms = posters.forms(settings)
    started = time.perf_counter()
    sizes = []
    for form in forms.values():
        if form.url:
            pdf = posters.poster_pdf(form, settings.forum, UPDATED)
            sizes += [len(pdf), len(posters.png(pdf))]
    seconds = time.perf_counter() - started
    print(
        f"Poster ({len(sizes) // 2} formulir, PDF dan PNG): {seconds:.2f} s; "
        f"PDF {sizes[0] / 1024:,.0f} KB, PNG {sizes[1] / 1024:,.0f} KB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
