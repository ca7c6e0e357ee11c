"""Building test sites: the bundled sample pulled and built into a temporary folder,
and a parser that reads back what a page links to and what it says."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import yaml

from scripts import config
from scripts.intake import pull
from scripts.site import pages

from .conftest import REPO

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


def config_with_forms(root: Path, forms: dict | None) -> Path:
    """config.yml with its `forms:` replaced (None: removed), written under root."""
    settings = yaml.safe_load(config.DEFAULT_CONFIG.read_text(encoding="utf-8"))
    settings.pop("forms", None)
    if forms is not None:
        settings["forms"] = forms
    path = root / "config.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return path


def build_sample(root: Path, forms: dict | None = FORMS) -> tuple[Path, Path]:
    """(data dir, site dir) of the sample, pulled and built under root."""
    data = root / "data"
    assert pull.run("sample", data) == 0
    site = root / "site"
    assert pages.build(data, site, root / "build", config_with_forms(root, forms)) == 0
    return data, site


def build_fixture(name: str, root: Path) -> tuple[Path, Path]:
    """(data dir, site dir) of tests/fixtures/<name>, copied out of git (a fixed date)."""
    data = root / "data"
    shutil.copytree(FIXTURES / name, data)
    site = root / "site"
    assert pages.build(data, site, root / "build", config_with_forms(root, FORMS)) == 0
    return data, site


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
