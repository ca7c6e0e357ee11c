"""Test helpers: the sample as tables, CSV exports, hashing a data dir, running the
CLI, reading QR codes, building test sites and reading back what a page says.
Fixtures live in conftest.py; this module holds plain functions only."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import hashlib
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from scripts import config
from scripts.cli import main, tell_pull
from scripts.intake import pull
from scripts.model import store
from scripts.site import build
from scripts.sources.table import Table

REPO = Path(__file__).resolve().parent.parent


def write_csv(path: Path, table: Table) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([table.header, *table.rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def tree_digest(directory: Path) -> dict[str, str]:
    """Every file under `directory` with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def decode_qr(image: Path) -> list[str]:
    """What every QR code in the image holds, read by zbarimg (Debian's zbar-tools,
    which `make test` installs): an independent reader, not the library that wrote it."""
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.splitlines()


def pull_tables(tmp_path: Path, tables: dict[str, Table], *extra: str) -> int:
    """Write tables as CSV exports and pull them into tmp_path/data."""
    args = ["pull", "--source", "csv", "--data-dir", str(tmp_path / "data")]
    for key, table in tables.items():
        args += [f"--{key}", str(write_csv(tmp_path / f"{key}.csv", table))]
    return main([*args, *extra])


def pull_code(source: str, data_dir: Path, report=None, config_path=None, paths=None, **kw) -> int:
    """A pull's exit code as the verb gives it, for tests that once called it that way."""
    return tell_pull(pull.pull(source, data_dir, config_path, paths, **kw), data_dir, report)


def make_config(**changes) -> config.Config:
    """config.yml's settings, with some replaced (moderation, date_order …)."""
    return dataclasses.replace(config.load(), **changes)


FIXTURES = REPO / "tests" / "fixtures"
# The test sites' forms, both open at example addresses (one long, with a short
# link to type): the tests do not hang on whether config.yml's forms are open yet.
FORMS = {
    "members": {"url": "https://forms.gle/ContohDaftarAnggota"},
    "programs": {
        "url": "https://docs.google.com/forms/d/e/1FAIpQLSdContohLaporanProgramCsr0123456789/viewform?usp=sf_link",
        "short_url": "https://s.id/LaporCSRSerang",
    },
}


def config_with_forms(root: Path, forms: dict | None, **changes) -> Path:
    """config.yml with its `forms:` replaced (None: removed) and other top-level
    settings changed (e.g. reporting_year), written under root."""
    settings = yaml.safe_load(config.DEFAULT_CONFIG.read_text(encoding="utf-8"))
    settings.pop("forms", None)
    if forms is not None:
        settings["forms"] = forms
    settings.update(changes)
    path = root / "config.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return path


def site_forms(raw: dict | None) -> dict:
    """The site's forms of a config whose `forms:` is `raw`, read as the build reads it."""
    import tempfile

    from scripts.site import posters

    with tempfile.TemporaryDirectory() as tmp:
        return posters.forms(config.load(config_with_forms(Path(tmp), raw)))


def build_sample(root: Path, forms: dict | None = FORMS) -> tuple[Path, Path]:
    """(data dir, site dir) of the sample, pulled and built under root."""
    data = root / "data"
    assert pull.pull("sample", data).ok
    site = root / "site"
    assert build.build(data, site, root / "build", config_with_forms(root, forms)) == 0
    return data, site


def build_fixture(name: str, root: Path) -> tuple[Path, Path]:
    """(data dir, site dir) of tests/fixtures/<name>, copied out of git (a fixed date)."""
    data = root / "data"
    shutil.copytree(FIXTURES / name, data)
    site = root / "site"
    assert build.build(data, site, root / "build", config_with_forms(root, FORMS)) == 0
    return data, site


def build_data(root: Path, data: dict, **changes) -> Path:
    """The site of records made in a test (saved under root/data), built with the
    test forms and config.yml's other settings changed; returns the site dir."""
    store.save(root / "data", data)
    site = root / "site"
    settings = config_with_forms(root, FORMS, **changes)
    assert build.build(root / "data", site, root / "build", settings) == 0
    return site


def broken_links(site: Path) -> list[str]:
    """Links between the site's pages (and to its files) that lead nowhere: the page,
    then the link. 404.html is left out (its links are absolute, to the site's URL)."""
    broken = []
    for html in sorted(site.rglob("*.html")):
        if html.name == "404.html":
            continue
        for _, attrs in Page(html).elements:
            href = attrs.get("href") or ""
            if not href or urlsplit(href).scheme or href.startswith(("#", "//")):
                continue
            path = unquote(urlsplit(href).path)
            target = (
                site / path.lstrip("/") if path.startswith("/") else html.parent / path
            ).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{html.relative_to(site)}: {href}")
    return broken


def _poppler(tool: str, pdf: Path | bytes, *args: str) -> str:
    """A poppler tool's output on a PDF file or a PDF's bytes (read from stdin)."""
    source, given = (str(pdf), None) if isinstance(pdf, Path) else ("-", pdf)
    done = subprocess.run([tool, *args, source, "-"], input=given, check=True, capture_output=True)
    return done.stdout.decode("utf-8")


def pdf_text(pdf: Path | bytes, layout: bool = False) -> list[str]:
    """The text of each page of a PDF, as poppler's pdftotext reads it."""
    return _poppler("pdftotext", pdf, "-enc", "UTF-8", *(["-layout"] if layout else [])).split(
        "\f"
    )[:-1]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def pdf_words_outside(pdf: Path | bytes, margin: float) -> list[tuple[int, str]]:
    """(page, box) of every word poppler finds closer than `margin` points to a page edge."""
    outside = []
    for number, page in enumerate(_PAGE.finditer(_poppler("pdftotext", pdf, "-bbox")), 1):
        width, height = float(page.group(1)), float(page.group(2))
        for box in _WORD.finditer(page.group(3)):
            x0, y0, x1, y1 = map(float, box.groups())
            if x0 < margin or y0 < margin or x1 > width - margin or y1 > height - margin:
                outside.append((number, box.group(0)))
    return outside


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """Each font of a PDF as poppler's pdffonts lists it: name, type and whether embedded."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    fonts = []
    for line in out.stdout.splitlines()[2:]:
        name, *_, emb, sub, uni, _obj, _gen = line.split()
        fonts.append({"name": name, "emb": emb, "sub": sub, "uni": uni})
    return fonts


def search_fragments(site: Path) -> list[dict]:
    """The pages of the site search (Pagefind's fragments: gzip, a signature, JSON), by URL."""
    fragments = []
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        body = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragments.append(json.loads(body))
    return sorted(fragments, key=lambda f: f["url"])


class Page(HTMLParser):
    """A built page's elements (tag, attributes) and its text as a reader sees it."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.figures: dict[str, str] = {}  # data-figure name → its text (first on the page)
        self._figure: str | None = None
        self.feed(path.read_text(encoding="utf-8"))
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        name = dict(attrs).get("data-figure")
        if name and name not in self.figures:
            self._figure = name
            self.figures[name] = ""

    def handle_endtag(self, tag):
        self._figure = None

    def handle_data(self, data):
        self.texts.append(data)
        if self._figure:
            self.figures[self._figure] += data

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def find(self, tag: str, **attrs: str) -> list[dict]:
        return [
            a
            for t, a in self.elements
            if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]
