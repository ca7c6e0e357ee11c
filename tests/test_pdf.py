"""The PDF primitives: text the fonts can draw, columns that fit their longest word."""

from __future__ import annotations

import pytest

from scripts.site import pdf


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Bedah Rumah Tidak Layak Huni", "Bedah Rumah Tidak Layak Huni"),
        (None, ""),
        (1250, "1250"),
        (
            "{nb} {{ config }} <b>x</b> **tebal** =SUM(A1)",
            "{nb} {{ config }} <b>x</b> **tebal** =SUM(A1)",
        ),
        ("baris satu\nbaris dua", "baris satu\nbaris dua"),
        ("tab\tdi\x00tengah", "tab di tengah"),
        ("Kesehatan 😀 \u200fمرحبا\u200e", "Kesehatan 😀 \u200fمرحبا\u200e"),  # DejaVu has them
        ("amulet \U0001f9ff", "amulet \ufffd"),  # no face has it: the replacement mark
        ("pribadi \ue000 \uffff", "pribadi \ufffd \ufffd"),
        ("\U000e0001tag", "tag"),  # an invisible format mark without a glyph goes
    ],
)
def test_printable(value, expected):
    assert pdf.printable(value) == expected


@pytest.mark.parametrize(
    ("weights", "floors", "expected"),
    [
        ((1, 1), (10, 10), [50, 50]),
        ((3, 1), (0, 0), [75, 25]),
        ((1, 1, 2), (0, 40, 0), [20, 40, 40]),  # the raised column takes from the others
        ((1, 1, 1), (90, 90, 0), [45, 45, 10]),  # no word claims more than MAX_SHARE
        ((1, 1), (30, 30), [50, 50]),
        ((1, 1, 1, 1), (90, 90, 10, 0), [45, 45, 10, 0]),
        ((1, 1, 1), (45, 45, 30), [35, 35, 30]),  # too much wanted: the widest give up
    ],
)
def test_share(weights, floors, expected):
    assert pdf.share(weights, floors, 100) == pytest.approx(expected)
