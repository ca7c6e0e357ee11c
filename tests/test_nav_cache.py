"""The navigation build hook: rendered once per folder, every page the same as the
theme renders it on each page."""

from __future__ import annotations

import pytest
import yaml

from scripts.site import build
from scripts.site.hooks import nav_cache


@pytest.mark.parametrize(
    ("url", "folder"),
    [
        ("program/badan-usaha-a/", "program"),
        ("laporan/2025/", "laporan"),
        ("pembaruan/", ""),
        ("", ""),
        ("program/a.html", "program"),  # without directory URLs
        ("a/b/c/", "a/b"),
    ],
)
def test_pages_of_one_folder_share_a_navigation(url, folder):
    assert nav_cache.folder(url) == folder


def test_every_sample_page_is_the_same_without_the_hook(sample_site, tmp_path):
    data_dir, site = sample_site
    settings = yaml.safe_load((data_dir.parent / "build" / "mkdocs.yml").read_text("utf-8"))
    assert any(hook.endswith("nav_cache.py") for hook in settings["hooks"])
    settings["hooks"] = [hook for hook in settings["hooks"] if not hook.endswith("nav_cache.py")]
    settings["site_dir"] = str(tmp_path / "site")
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    assert build.run_engine(config) == 0
    pages = sorted(page.relative_to(site) for page in site.rglob("*.html"))
    assert len(pages) > 200
    for page in pages:
        assert (tmp_path / "site" / page).read_bytes() == (site / page).read_bytes(), page
