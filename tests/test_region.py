"""Another forum runs the same code: a fictional kabupaten with four kecamatan and
six sectors of its own, set up by tests/fixtures/region/config.yml and its Forms
exports alone. Its names, kecamatan and figures appear; no word of Kota Serang does."""

from __future__ import annotations

import re

import pytest

from scripts import config
from scripts.intake import normalise
from scripts.model import reference, store
from scripts.site import build
from scripts.site.formats import rupiah

from .helpers import FIXTURES, Page, main
from .privacy import readable_tree

REGION = FIXTURES / "region"
CONFIG = REGION / "config.yml"


@pytest.fixture(scope="module")
def region_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("region")
    data = root / "data"
    args = ["pull", "--source", "csv", "--config", str(CONFIG), "--data-dir", str(data)]
    for key in ("members", "programs", "needs"):
        args += [f"--{key}", str(REGION / f"{key}.csv")]
    assert main(args) == 0
    site = root / "site"
    assert build.build(data, site, config_path=CONFIG) == 0
    return store.load(data), site


def test_its_kecamatan_and_sectors_are_read_from_its_config(region_site):
    data, _ = region_site
    places = {k for p in data["programs"] for k in p["kecamatan"]}
    places |= {m["kecamatan"] for m in data["members"]}
    # "Kec. Kidul" is an alias of its config; "TALAGASARI" its case-folded name.
    assert places == {"sukamaju-kidul", "cibening", "talagasari", "pasirlaya"}
    assert {p["sector"] for p in data["programs"]} == {
        "pertanian",
        "pendidikan",
        "lingkungan",
        "kesehatan",
    }


def test_its_names_kecamatan_and_figures_are_on_its_pages(region_site):
    data, site = region_site
    home = Page(site / "index.html")
    programs = data["programs"]
    assert home.figures["programs"] == str(len(programs))
    assert home.figures["amount"] == rupiah(sum(p["amount"] for p in programs))
    assert "Forum CSR Kabupaten Sukamaju" in home.text
    for name in ("Sukamaju Kidul", "Cibening", "Talagasari", "Pasirlaya"):
        assert name in home.text
    about = Page(site / "tentang" / "index.html").text
    assert "Bupati Sukamaju" in about and "Pertanian dan Pangan" in about
    basis = Page(site / "dasar-hukum" / "index.html").text
    assert "Peraturan Bupati Sukamaju Nomor 12 Tahun 2024" in basis
    faq = Page(site / "tanya-jawab" / "index.html").text
    assert "dalam 6 bidang: kesehatan, pendidikan, pertanian dan pangan," in faq
    assert "Peta skematis" not in home.text  # its config places no kecamatan on a map
    assert (site / "sektor" / "pertanian" / "index.html").exists()
    assert not (site / "sektor" / "infrastruktur").exists()


def test_an_answer_outside_its_region_names_its_own_kecamatan():
    region = normalise.for_region(reference.of(config.load(CONFIG)))
    with pytest.raises(normalise.InvalidValue) as raised:
        region.kecamatan("Cipocok Jaya")
    assert raised.value.message == (
        "Kecamatan harus salah satu dari 4 kecamatan di Kabupaten Sukamaju: "
        "Sukamaju Kidul, Cibening, Talagasari, Pasirlaya."
    )


def test_no_word_of_kota_serang_is_left(region_site):
    data, site = region_site
    serang = re.compile("serang", re.IGNORECASE)
    found = [name for name, text in readable_tree(site).items() if serang.search(text)]
    assert found == []
    assert not serang.search(str(data))
