"""Business names: the legal form told apart from the name, for identity and for sorting."""

import pytest

from scripts.model import names

from .helpers import Page


@pytest.mark.parametrize(
    ("name", "forms", "words"),
    [
        ("PT. Banten Niaga Sentosa", ("pt",), ("banten", "niaga", "sentosa")),
        ("P.T. Banten Niaga", ("pt",), ("banten", "niaga")),
        ("PT Energi Listrik (Persero) Tbk", ("pt",), ("energi", "listrik")),
        ("CV Alam Jaya", ("cv",), ("alam", "jaya")),
        ("Koperasi Tani Makmur", ("koperasi",), ("tani", "makmur")),
        ("Perumda Air Minum", ("perumda",), ("air", "minum")),
        ("Yayasan", (), ("yayasan",)),  # never the whole name away
        ("Toko Sinar", (), ("toko", "sinar")),
    ],
)
def test_split_forms(name, forms, words):
    assert names.split_forms(name) == (forms, words)


def test_names_sort_by_their_own_words():
    listed = ["PT Wisma Kalodran Indah", "cv alam jaya", "PT. Banten Niaga Sentosa", "Apotek Ceria"]
    assert sorted(listed, key=names.sort_key) == [
        "cv alam jaya",
        "Apotek Ceria",
        "PT. Banten Niaga Sentosa",
        "PT Wisma Kalodran Indah",
    ]


def test_the_member_directory_lists_banten_before_wisma(sample_site):
    _, site = sample_site
    text = Page(site / "anggota" / "index.html").text
    assert text.index("PT. Banten Niaga Sentosa") < text.index("PT Wisma Kalodran Indah")
