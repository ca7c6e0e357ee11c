"""The same site from the second engine: ProperDocs (the MkDocs fork) builds the
sample with the same pages and the same figures as MkDocs, CSP hook included."""

from __future__ import annotations

import pytest

from scripts.site import build

from .helpers import FORMS, Page, config_with_forms


@pytest.fixture(scope="module")
def properdocs_site(sample_site, tmp_path_factory):
    data, _ = sample_site
    root = tmp_path_factory.mktemp("properdocs")
    site = root / "site"
    config = config_with_forms(root, FORMS)
    assert build.build(data, site, config_path=config, engine="properdocs") == 0
    return site


def _pages(site) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*.html")}


def test_both_engines_build_the_same_pages(sample_site, properdocs_site):
    _, mkdocs_site = sample_site
    assert _pages(properdocs_site) == _pages(mkdocs_site)
    assert len(_pages(mkdocs_site)) > 200


def test_both_engines_show_the_same_figures(sample_site, properdocs_site):
    _, mkdocs_site = sample_site
    for page in ("index.html", "sektor/kesehatan/index.html", "laporan/2025/index.html"):
        mine = Page(mkdocs_site / page).figures
        assert mine and Page(properdocs_site / page).figures == mine


def test_the_policy_hook_runs_under_both(properdocs_site):
    home = (properdocs_site / "index.html").read_text(encoding="utf-8")
    assert home.index('http-equiv="Content-Security-Policy"') < home.index("<script")
