"""Each route once; the Markdown file of each route is the one MkDocs turns into it."""

import pytest

from scripts import paths


@pytest.mark.parametrize(
    ("route", "source"),
    [
        (paths.HOME, "index.md"),
        (paths.SECTORS, "sektor/index.md"),
        (paths.sector("kesehatan"), "sektor/kesehatan.md"),
        (paths.member("pt-a"), "anggota/pt-a.md"),
        (paths.program("pt-a-beasiswa"), "program/pt-a-beasiswa.md"),
        (paths.report(2025), "laporan/2025.md"),
        (paths.NEEDS, "kebutuhan.md"),
        (paths.COMPLIANCE, "kepatuhan/index.md"),
        (paths.compliance(2025), "kepatuhan/2025.md"),
        (paths.UPDATES, "pembaruan.md"),
        (paths.OPEN_DATA, "data/index.md"),
        (paths.JOIN, "bergabung/index.md"),
        (f"{paths.JOIN}poster/", "bergabung/poster.md"),
    ],
)
def test_route_and_its_source(route, source):
    assert paths.source(route) == source


def test_a_need_is_an_anchor_on_the_needs_page():
    assert paths.need("KES-2025-01") == "kebutuhan/#kebutuhan-KES-2025-01"
