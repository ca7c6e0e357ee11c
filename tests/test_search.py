"""The search index (scripts/site/search.py): read from each page's article, it is
the index Pagefind makes of the whole pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.site import search


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


@pytest.mark.parametrize("built", ["sample_site", "hostile_site"])
def test_the_index_read_from_the_article_is_that_of_the_whole_pages(request, built, tmp_path):
    _, site = request.getfixturevalue(built)
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(search.BUNDLE))
    assert search.index(copy, root=None, bundle="whole").returncode == 0
    ours, whole = site / search.BUNDLE, copy / "whole"
    assert len(contents(ours / "fragment")) > 10  # the programs, members, sectors …
    for part in ("fragment", "index"):  # the pages and their words, byte for byte
        assert contents(ours / part) == contents(whole / part)
    # Pagefind writes its filter chunks in no fixed order, even of the same site.
    assert len(contents(ours / "filter")) == len(contents(whole / "filter"))
