"""Indonesian formats: rupiah as PUEBI writes it, day-month-year dates, dotted thousands."""

import datetime

import pytest

from scripts.site import formats

CASES = [
    (formats.rupiah, 1_500_000, "Rp1.500.000"),
    (formats.rupiah, 0, "Rp0"),
    (formats.rupiah, 999, "Rp999"),
    (formats.rupiah, 2_500_000_000_000, "Rp2.500.000.000.000"),
    (formats.rupiah, None, "–"),
    (formats.number, 1200, "1.200"),
    (formats.number, 7, "7"),
    (formats.number, None, "–"),
    (formats.percent, 2 / 3, "67%"),
    (formats.percent, 1.0, "100%"),
    (formats.percent, None, "–"),
    (formats.date, "2025-04-23", "23 April 2025"),
    (formats.date, datetime.date(2025, 5, 1), "1 Mei 2025"),
    (formats.date, "2024-08-17", "17 Agustus 2024"),
    (formats.date, "2025-12-31", "31 Desember 2025"),
    (formats.date, None, "–"),
    (formats.years, [2024, 2025, 2024], "2024–2025"),
    (formats.years, [2025], "2025"),
    (formats.years, [], ""),
]


@pytest.mark.parametrize(("fmt", "value", "expected"), CASES)
def test_format(fmt, value, expected):
    assert fmt(value) == expected


def test_compact_rupiah_is_said_as_people_quote_it():
    assert formats.rupiah_compact(38_416_000_000) == "Rp38,4 miliar"
    assert formats.rupiah_compact(850_000_000) == "Rp850 juta"
    assert formats.rupiah_compact(999 * 10**12) == "Rp999 triliun"
    assert formats.rupiah_compact(850_000) == "Rp850.000"  # below a million: exact
    assert formats.rupiah_compact(None) == "–"


def test_a_change_is_said_in_words():
    assert formats.change(0.12, 3) == "naik 12%"
    assert formats.change(-0.05, -1) == "turun 5%"
    assert formats.change(0.0, 0) == "tetap"
    assert formats.change(None, 4) == "naik"  # from nothing: no percentage to give
    assert formats.change(None, None) == "–"


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("Serang", ["Serang"]),
        ("Cipocok Jaya", ["Cipocok Jaya"]),
        ("Kebayoran Baru Selatan", ["Kebayoran", "Baru Selatan"]),
        ("Kecamatan Dengan Nama Sangat Panjang", ["Kecamatan", "Dengan Nama…"]),
        ("Tanjungpinangbarat", ["Tanjungpinang", "barat"]),
        ("", [""]),
    ],
)
def test_a_map_label_fits_its_square_on_two_lines(label, lines):
    assert formats.label_lines(label) == lines
