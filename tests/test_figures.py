"""Figures of the hand-made data set (tests/fixtures/site), worked out by hand."""

import dataclasses
import datetime
import os
import shutil
import subprocess

import pytest

from scripts import config
from scripts.model import git, store
from scripts.site import stats as figures

from .helpers import REPO

FIXTURE = REPO / "tests" / "fixtures" / "site"
M = 1_000_000

CONFIG = config.load()


@pytest.fixture(scope="module")
def data():
    return store.load(FIXTURE)


@pytest.fixture(scope="module")
def fig(data):
    return figures.compute(data, datetime.date(2025, 7, 2), CONFIG)


def rows(breakdown):
    return {row.key: (row.programs, row.amount) for row in breakdown.rows}


def test_headline(fig):
    assert fig.members == 4
    assert fig.totals == figures.Totals(
        programs=6,
        amount=492_500_000,
        amount_unknown=1,
        beneficiaries=2380,
        beneficiaries_unknown=1,
    )


def test_by_sector_lists_every_sector(fig):
    assert rows(fig.by_sector) == {
        "kesehatan": (1, None),  # its one program reported no amount: unknown, not Rp0
        "pendidikan": (1, 150 * M),
        "ekonomi": (0, None),
        "infrastruktur": (1, 250 * M),
        "kewirausahaan": (2, 87_500_000),
        "kesejahteraan-sosial": (0, None),
        "lingkungan": (1, 5 * M),
        "lainnya": (0, None),
    }
    bars = {row.key: row.bar for row in fig.by_sector.rows}
    assert bars["infrastruktur"] == 100.0 and bars["pendidikan"] == 60.0


def test_a_program_counts_whole_in_each_kecamatan_it_reaches(fig):
    """Issue 12, defect 5: no invented precision. The Rp150 juta program in Serang,
    Kasemen and Curug is Rp150 juta in each, not Rp50 juta; the rows overlap."""
    assert rows(fig.by_kecamatan) == {
        "serang": (1, 150 * M),
        "kasemen": (2, 400 * M),
        "walantaka": (1, None),
        "curug": (2, 150 * M),
        "cipocok-jaya": (1, 5 * M),
        "taktakan": (1, 75 * M),
        None: (1, 12_500_000),
    }
    assert sum(row.amount or 0 for row in fig.by_kecamatan.rows) > fig.totals.amount
    people = [row.beneficiaries for row in fig.by_kecamatan.rows if row.beneficiaries]
    assert all(isinstance(n, int) for n in people)  # never a fraction of a person
    assert fig.by_kecamatan.rows[-1].label == "Tanpa kecamatan"


def test_the_kecamatan_map_shades_by_programs_from_none_to_the_most(fig):
    # serang 1, kasemen 2, walantaka 1, curug 2, cipocok-jaya 1, taktakan 1: shade
    # is the share of the most (2) in four steps, rounded up.
    tiles = {t.row.key: (t.column, t.line, t.shade) for t in fig.kecamatan_map.tiles}
    assert tiles == {
        "serang": (1, 1, 2),
        "kasemen": (1, 0, 4),
        "walantaka": (2, 1, 2),
        "curug": (2, 2, 4),
        "cipocok-jaya": (1, 2, 2),
        "taktakan": (0, 1, 2),
    }
    assert (fig.kecamatan_map.columns, fig.kecamatan_map.lines, fig.kecamatan_map.most) == (3, 3, 2)


def test_no_map_without_a_square_for_every_kecamatan():
    region = CONFIG.region
    holes = dataclasses.replace(
        region,
        kecamatan=(dataclasses.replace(region.kecamatan[0], tile=None), *region.kecamatan[1:]),
    )
    assert figures.tile_map(holes, figures.Breakdown("programs", [])) is None


def test_by_year_and_ownership(fig):
    assert rows(fig.by_year) == {2024: (1, 75 * M), 2025: (5, 417_500_000)}
    ownership = {row.key: (row.members, row.programs, row.amount) for row in fig.by_ownership.rows}
    assert ownership == {
        "bumn": (1, 2, 225 * M),
        "bumd": (1, 2, 250 * M),
        "swasta": (2, 2, 17_500_000),
        "lainnya": (0, 0, None),
    }


def test_every_breakdown_adds_up_to_the_headline(fig):
    for breakdown in (fig.by_sector, fig.by_year, fig.by_ownership, fig.by_status):
        assert sum(row.programs for row in breakdown.rows) == fig.totals.programs
        assert sum(row.amount or 0 for row in breakdown.rows) == fig.totals.amount
        assert sum(row.beneficiaries or 0 for row in breakdown.rows) == fig.totals.beneficiaries


def test_sector_and_member_figures(fig):
    sectors = {s.key: s for s in fig.sectors}
    kewirausahaan = sectors["kewirausahaan"]
    assert kewirausahaan.totals.programs == 2
    assert [share.member["id"] for share in kewirausahaan.members] == [
        "pt-bank-serang-sejahtera",
        "cv-maju-bersama",
    ]
    assert [m["id"] for m in kewirausahaan.interested] == ["cv-maju-bersama"]
    assert sum(s.totals.amount for s in fig.sectors) == fig.totals.amount

    members = {mf.member["id"]: mf for mf in fig.member_figures}
    bank = members["pt-bank-serang-sejahtera"]
    assert bank.totals.amount == 225 * M and bank.totals.programs == 2
    assert bank.sectors == ["pendidikan", "kewirausahaan"]
    assert bank.last_reported == datetime.date(2025, 5, 10)
    assert [p["year"] for p in bank.programs] == [2025, 2024]
    assert members["koperasi-karya-sejahtera"].totals == figures.Totals()


def test_compliance_counts_the_programs_of_the_reporting_period(fig):
    c = fig.compliance
    assert c.year == 2025
    assert [r.member["id"] for r in c.missing] == ["koperasi-karya-sejahtera"]
    reported = {r.member["id"]: r.programs for r in c.reported}
    assert reported == {
        "cv-maju-bersama": 2,
        "perumda-air-minum-tirta-serang": 2,
        "pt-bank-serang-sejahtera": 1,
    }
    assert c.share == 0.75


def test_compliance_agrees_with_the_annual_report_after_new_year(data):
    """Issue 12, defect 2: data last changed in a later year than its reports (a January
    pull) still judges the latest report's year, and both pages count the same members."""
    later = figures.compute(data, datetime.date(2027, 1, 5), CONFIG)
    assert later.period.year == 2025 and not later.period.fixed
    report = next(r for r in later.reports if r.year == 2025)
    summary = {f.key: f.value for f in report.summary}
    assert summary["members-reported"] == len(later.compliance.reported) == 3
    assert summary["members-missing"] == len(later.compliance.missing) == 1
    by_year = {c.year: c for c in later.compliance_years}
    assert by_year[2025] == later.compliance
    assert [r.member["id"] for r in by_year[2024].reported] == [
        m["id"]
        for m in [s.member for s in next(r for r in later.reports if r.year == 2024).reported]
    ]


def test_a_fixed_reporting_year_is_the_configs(data):
    fixed = figures.compute(data, None, dataclasses.replace(CONFIG, reporting_year=2024))
    assert fixed.period.year == 2024 and fixed.period.fixed
    assert fixed.compliance.year == 2024


def test_needs(fig):
    needs = fig.needs
    assert [v.need["id"] for v in needs.open] == ["SRG-2025-002", "SRG-2025-003"]
    assert [v.need["id"] for v in needs.adopted] == ["SRG-2025-001"]
    assert needs.open_cost == 450 * M and needs.open_cost_unknown == 1
    assert [p["id"] for p in needs.open[1].programs] == ["cv-maju-bersama-bank-sampah-warga"]


def test_empty_data():
    empty = figures.compute({"members": [], "programs": [], "needs": []}, None, CONFIG)
    assert empty.totals == figures.Totals() and empty.compliance.share is None
    assert all(row.bar == 0 for row in empty.by_sector.rows)
    assert {t.shade for t in empty.kecamatan_map.tiles} == {0}


def test_data_updated_without_git_is_the_latest_record_date(tmp_path, data):
    shutil.copytree(FIXTURE, tmp_path / "data")
    assert git.data_updated(tmp_path / "data", data) == datetime.date(2025, 7, 2)


def test_data_updated_is_the_last_commit_touching_data(tmp_path, data):
    shutil.copytree(FIXTURE, tmp_path / "data")
    env = os.environ | {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2025-09-01T10:00:00+07:00",
        "GIT_COMMITTER_DATE": "2025-09-01T10:00:00+07:00",
    }
    for command in (
        ["init", "-q"],
        ["add", "data"],
        ["-c", "commit.gpgsign=false", "commit", "-q", "-m", "data"],
    ):
        subprocess.run(["git", *command], cwd=tmp_path, env=env, check=True)
    assert git.data_updated(tmp_path / "data", data) == datetime.date(2025, 9, 1)


def test_annual_report_of_a_year(fig):
    report = next(r for r in fig.reports if r.year == 2025)
    assert [r.year for r in fig.reports] == [2025, 2024]
    summary = {f.key: f.value for f in report.summary}
    assert summary == {
        "programs": 5,
        "amount": 417_500_000,
        "beneficiaries": 2260,
        "members-reported": 3,
        "members-missing": 1,
        "needs-adopted": 2,
        "amount-unknown": 1,
        "beneficiaries-unknown": 1,
    }
    assert [m["id"] for m in report.missing] == ["koperasi-karya-sejahtera"]
    assert [v.need["id"] for v in report.needs] == ["SRG-2025-001", "SRG-2025-003"]
    tables = {t.key: t.breakdown for t in report.tables}
    # A program counts, whole, in each of its contribution types and beneficiary groups.
    assert rows(tables["kontribusi"]) == {
        "uang": (2, 162_500_000),
        "barang": (0, None),
        "jasa": (0, None),
        "program-langsung": (3, 255 * M),
    }
    people = {row.key: (row.programs, row.beneficiaries) for row in tables["penerima"].rows}
    assert people["anak-pelajar"] == (2, 700) and people["perempuan"] == (2, 460)
    assert people["umkm"] == (1, None) and people["masyarakat-umum"] == (2, 1560)
    assert {k: v[0] for k, v in rows(tables["status"]).items()} == {
        "direncanakan": 1,
        "berjalan": 3,
        "selesai": 1,
    }
    for key in ("sektor", "kepemilikan", "status"):
        assert sum(row.amount or 0 for row in tables[key].rows) == report.totals.amount, key
    assert sum(row.amount or 0 for row in tables["kecamatan"].rows) >= report.totals.amount


def test_annual_report_counts_only_members_registered_by_its_end(fig):
    report = next(r for r in fig.reports if r.year == 2024)
    assert [s.member["id"] for s in report.reported] == ["pt-bank-serang-sejahtera"]
    assert report.missing == []  # every other member registered in 2025


def test_unknown_is_none_never_zero():
    """Issue 12, defect 4: a member whose programs reported no amount shows "–", not Rp0."""
    unknown = figures.totals([{"amount": None, "beneficiaries": None}])
    assert (unknown.amount, unknown.known_amount, unknown.known_beneficiaries) == (0, None, None)
    assert figures.totals([]).known_amount is None
    mixed = figures.totals(
        [{"amount": None, "beneficiaries": 5}, {"amount": 0, "beneficiaries": 1}]
    )
    assert (mixed.known_amount, mixed.known_beneficiaries) == (0, 6)  # a reported Rp0 stays


def test_the_latest_year_against_the_year_before(fig):
    """Issue 12, defect 6: the site says more or less than last year, in words."""
    change = fig.change
    assert (change.latest, change.previous) == (2025, 2024)
    rows = {c.key: (c.latest, c.previous, c.delta) for c in change.changes}
    assert rows["programs"] == (5, 1, 4)
    assert rows["amount"] == (417_500_000, 75 * M, 417_500_000 - 75 * M)
    assert {c.key for c in change.changes} == {"programs", "amount", "beneficiaries", "members"}
    one_year = figures.compute(
        {**fig_data_of(fig), "programs": [p for p in fig.programs if p["year"] == 2025]},
        None,
        CONFIG,
    )
    assert one_year.change is None  # no year before: nothing is compared


def fig_data_of(fig):
    return {
        "members": [mf.member for mf in fig.member_figures],
        "programs": fig.programs,
        "needs": [],
    }
