"""The sample site in a real headless Chromium (Debian's, driven by Playwright):
each page type loads without console errors or requests off this machine, the
explorer's filters narrow the list, axe-core finds no serious or critical
accessibility violation, a screenshot of each page type is kept, the QR code on
a form's page scans off the screen, and each A4 poster prints on one A4 page.

All browser tests live in this one module so one pytest worker owns the browser.
`make test` installs Chromium (apt) and axe-core (npm ci).
"""

from __future__ import annotations

import contextlib
import functools
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pypdf
import pytest
from playwright.sync_api import sync_playwright

from scripts import joining, store

from .conftest import REPO, decode_qr
from .sitebuild import FORMS, build_fixture, build_sample

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
def site(tmp_path_factory):
    """The sample site served: (base URL, data)."""
    data_dir, site_dir = build_sample(tmp_path_factory.mktemp("browser"))
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
        self.context = browser.new_context(
            viewport={"width": 390, "height": 844}, **context_options
        )
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

    def close(self):
        self.context.close()


def page_types(site) -> dict[str, str]:
    base, data = site
    program = data["programs"][0]
    return {
        "beranda": base,
        "sektor": f"{base}sektor/{program['sector']}/",
        "anggota": f"{base}anggota/{program['member']}/",
        "program": f"{base}program/{program['id']}/",
        "penjelajah": f"{base}program/",
        "bergabung": f"{base}bergabung/",
        "poster": f"{base}bergabung/poster/",
    }


@pytest.mark.parametrize(
    "kind", ["beranda", "sektor", "anggota", "program", "penjelajah", "bergabung", "poster"]
)
def test_page_loads_cleanly_and_is_accessible(browser, site, kind):
    visit = Visit(browser, page_types(site)[kind])
    try:
        page = visit.page
        assert page.locator("footer time").inner_text().strip()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{kind}.png"), full_page=True)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
        assert visit.errors == []
        assert visit.offsite == []
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


def test_hostile_data_runs_nothing_even_in_search_results(browser, tmp_path):
    _, site_dir = build_fixture("hostile", tmp_path)
    with serve(site_dir) as base:
        visit = Visit(browser, f"{base}anggota/hostile-member/")
        try:
            page = visit.page
            for path in ("program/hostile-member-program/", "kebutuhan/", "program/"):
                page.goto(base + path, wait_until="load")
            page.keyboard.press("s")  # Material's search shortcut
            page.locator("input.md-search__input").press_sequentially("config", delay=20)
            results = page.locator(".md-search-result__list")
            results.locator("li").first.wait_for()
            assert "<script>alert(1)</script>" in results.inner_text()
            assert page.locator(".md-search-result img, .md-search-result script").count() == 0
            assert visit.errors == [] and visit.offsite == []
        finally:
            visit.close()


OPEN_FORMS = joining.forms(FORMS)


@pytest.mark.parametrize("key", ["members", "programs"])
def test_qr_code_on_the_page_scans_off_the_screen(browser, site, key, tmp_path):
    base, _ = site
    form = OPEN_FORMS[key]
    visit = Visit(browser, f"{base}{form.page}/")
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
    visit = Visit(browser, f"{base}{form.page}/poster/")
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
        page.screenshot(path=str(SCREENSHOTS / f"poster-{form.page}-cetak.png"), full_page=True)
        assert visit.errors == [] and visit.offsite == []
    finally:
        visit.close()
