"""Each normaliser against a table of real-looking answers: valid ones and what they
become, invalid ones and the reason code they are rejected with."""

from __future__ import annotations

import datetime as dt

import pytest

from scripts import normalise as n

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ config }}",
    '=HYPERLINK("http://x","y")',
    "a\u202eb",
    "\x00",
    "x" * 50_000,
]


def cases(function, valid, invalid):
    """pytest params: (function, raw, expected value or the expected InvalidValue code)."""
    return [
        pytest.param(function, raw, out, id=f"{function.__name__}:{raw[:30]!r}")
        for raw, out in valid
    ] + [
        pytest.param(
            function, raw, n.InvalidValue(code, ""), id=f"{function.__name__}!{raw[:30]!r}"
        )
        for raw, code in invalid
    ]


D = dt.date
TABLE = [
    *cases(
        n.money,
        [
            ("Rp 150.000.000", 150_000_000),
            ("Rp150.000.000,00", 150_000_000),
            ("150 juta", 150_000_000),
            ("1,5 M", 1_500_000_000),
            ("Rp 2,5 miliar", 2_500_000_000),
            ("2,5 milyar", 2_500_000_000),
            ("150jt", 150_000_000),
            ("150,000,000", 150_000_000),
            ("75000000", 75_000_000),
            ("IDR 5.000.000", 5_000_000),
            ("Rp. 1.000.000,-", 1_000_000),
            ("500 ribu", 500_000),
            ("500rb", 500_000),
            ("1.500", 1_500),
            ("1,500", 1_500),
            ("1.5 juta", 1_500_000),
            ("0", 0),
            ("", None),
            ("-", None),
        ],
        [
            ("USD 10,000", "money_foreign_currency"),
            ("$1,000", "money_foreign_currency"),
            ("€ 500", "money_foreign_currency"),
            ("10.000 dolar", "money_foreign_currency"),
            ("sekitar 100-200 juta", "money_ambiguous"),
            ("± 5 juta", "money_ambiguous"),
            ("1.500 juta", "money_ambiguous"),
            ("1.500.000,50", "money_fraction"),
            ("-5000", "money_negative"),
            ("seratus juta", "money_invalid"),
            ('=HYPERLINK("http://x","y")', "money_invalid"),
            ("9" * 20, "money_too_large"),
        ],
    ),
    *cases(
        n.integer,
        [("250", 250), ("1.200", 1200), ("1,200", 1200), ("300 orang", 300), ("50 KK", 50)],
        [("100-200", "integer_ambiguous"), ("-3", "integer_negative"), ("1,5", "integer_fraction")],
    ),
    *cases(
        n.date,
        [
            ("23/04/2025", D(2025, 4, 23)),
            ("23-04-2025", D(2025, 4, 23)),
            ("23.04.2025", D(2025, 4, 23)),
            ("2025-04-23", D(2025, 4, 23)),
            ("23 April 2025", D(2025, 4, 23)),
            ("23 Apr 2025", D(2025, 4, 23)),
            ("5 Agustus 2024", D(2024, 8, 5)),
            ("1 Des 2024", D(2024, 12, 1)),
            ("17 Mei 2025", D(2025, 5, 17)),
            ("3 Okt 2024", D(2024, 10, 3)),
            ("Rabu, 23 April 2025", D(2025, 4, 23)),
        ],
        [
            ("4/23/2025", "date_invalid"),  # month-first in a day-first sheet: never swapped
            ("31/02/2025", "date_invalid"),
            ("23/04/25", "date_year"),
            ("kemarin", "date_invalid"),
        ],
    ),
    *cases(
        n.timestamp,
        [
            ("23/04/2025 10:15:32", dt.datetime(2025, 4, 23, 10, 15, 32)),
            ("2025/04/23 10:15:32 AM GMT+7", dt.datetime(2025, 4, 23, 10, 15, 32)),
            ("2025/04/23 5:41:36 PM GMT+7", dt.datetime(2025, 4, 23, 17, 41, 36)),
            ("2025/04/23 12:05:00 AM GMT+7", dt.datetime(2025, 4, 23, 0, 5)),
            ("2025-04-23 10:15", dt.datetime(2025, 4, 23, 10, 15)),
        ],
        [("besok pagi", "timestamp_invalid")],
    ),
    *cases(
        n.sector,
        [
            ("Kesehatan", "kesehatan"),
            ("kesehatan ", "kesehatan"),
            ("PENDIDIKAN", "pendidikan"),
            ("Kesos", "kesejahteraan-sosial"),
            ("sosial", "kesejahteraan-sosial"),
            ("UMKM", "kewirausahaan"),
            ("Bidang Lain", "lainnya"),
        ],
        [("Olahraga", "sector_unknown")],
    ),
    *cases(
        n.sectors,
        [("Kesehatan, Pendidikan, Kebudayaan", ["kesehatan", "pendidikan", "lainnya"])],
        [],
    ),
    *cases(
        n.kecamatan,
        [
            ("kec. cipocok", "cipocok-jaya"),
            ("CIPOCOK JAYA", "cipocok-jaya"),
            ("Kecamatan Taktakan", "taktakan"),
            ("Kec Walantaka", "walantaka"),
            ("Serang ", "serang"),
        ],
        [("Kramatwatu", "kecamatan_unknown"), ("../../etc", "kecamatan_unknown")],
    ),
    *cases(
        n.kecamatan_list,
        [("Kasemen, Serang, Kasemen", ["serang", "kasemen"])],
        [("Serang, Anyer", "kecamatan_unknown")],
    ),
    *cases(
        n.nib,
        [
            ("9120 0012 3456 7", "9120001234567"),
            ("0220001234567", "0220001234567"),
            ("9120.0012.3456.7", "9120001234567"),
        ],
        [("24020260097", "nib_invalid"), ("9.120001234567E+12", "nib_invalid")],
    ),
    *cases(
        n.phone,
        [
            ("0812-3456-7890", "+6281234567890"),
            ("+62 813 1234 5678", "+6281312345678"),
            ("6285712345678", "+6285712345678"),
            ("(0254) 211234", "+62254211234"),
            ("812345678901", "+62812345678901"),
        ],
        [("+1 555 1234", "phone_invalid"), ("hubungi saya", "phone_invalid")],
    ),
    *cases(
        n.email,
        [("Budi@Contoh.CO.ID", "Budi@contoh.co.id")],
        [("bukan email", "email_invalid"), ("a@b", "email_invalid")],
    ),
    *cases(
        n.url,
        [
            ("https://www.contoh.co.id/csr", "https://www.contoh.co.id/csr"),
            ("www.contoh.co.id", "https://www.contoh.co.id"),
        ],
        [
            ("javascript:alert(1)", "url_scheme"),
            ("JaVa\tScRiPt:alert(1)", "url_scheme"),
            ("data:text/html,<script>x</script>", "url_scheme"),
            ("http://user:pw@contoh.id", "url_invalid"),
            ("http://tanpa titik", "url_invalid"),
        ],
    ),
    *cases(
        n.urls,
        [("https://a.id/x, https://b.id/y\nhttps://a.id/x", ["https://a.id/x", "https://b.id/y"])],
        [("https://a.id, javascript:alert(1)", "url_scheme")],
    ),
    *cases(
        n.legal_form,
        [
            ("PT", "PT"),
            ("pt persero", "PT (Persero)"),
            ("Persekutuan Perdata", "Persekutuan Perdata"),
        ],
        [],
    ),
    *cases(
        n.consent,
        [
            ("Ya, saya setuju data badan usaha", True),
            ("Setuju", True),
            ("Tidak", False),
            ("", False),
        ],
        [],
    ),
    *cases(
        n.verification,
        [("Terverifikasi", "verified"), ("Ditolak", "rejected"), ("", "pending")],
        [("ok", "verification_unknown")],
    ),
    *cases(
        n.program_status,
        [("Selesai", "selesai"), ("sedang berjalan", "berjalan"), ("Direncanakan", "direncanakan")],
        [("batal", "program_status_unknown")],
    ),
    *cases(
        n.contribution_types,
        [("Uang, Jasa / Tenaga Ahli, Program Langsung", ["uang", "jasa", "program-langsung"])],
        [("Saham", "contribution_type_unknown")],
    ),
    *cases(
        n.beneficiary_groups,
        [
            (
                "Anak & Pelajar, Keluarga Miskin / Rentan, Nelayan",
                ["anak-pelajar", "keluarga-miskin", "lainnya"],
            )
        ],
        [],
    ),
    *cases(
        n.need_code,
        [("kbt-2025-003", "KBT-2025-003"), (" KBT-2025-006", "KBT-2025-006")],
        [("../x", "need_code_invalid"), ("KBT 2025/01", "need_code_invalid")],
    ),
    *cases(
        n.text,
        [
            ("  PT  Sinar   Curug ", "PT Sinar Curug"),
            ("  <script>alert(1)</script>  ", "<script>alert(1)</script>"),  # escaped on output
            ("a\u202eb\x00c", "abc"),
            ("{{ config }}", "{{ config }}"),
            ("Cafe\u0301", "Café"),  # NFC
        ],
        [("x" * 50_000, "too_long")],
    ),
    *cases(n.long_text, [("para 1\r\n\r\n\r\npara 2   x", "para 1\n\npara 2 x")], []),
    *cases(
        n.name_key,
        [
            ("PT. Serang Makmur", "pt serang makmur"),
            ("PT  SERANG MAKMUR", "pt serang makmur"),
            ("Serang Makmur, PT", "pt serang makmur"),
            ("CV Serang Makmur", "cv serang makmur"),
        ],
        [],
    ),
    *cases(
        n.slug,
        [
            ("../../etc", "etc"),
            ("PT Serang Makmur (Persero) Tbk", "pt-serang-makmur-persero-tbk"),
            ("Jum'at Berkah", "jumat-berkah"),
            ("<script>", "script"),
        ],
        [],
    ),
]


@pytest.mark.parametrize(("function", "raw", "expected"), TABLE)
def test_normaliser(function, raw, expected):
    if isinstance(expected, n.InvalidValue):
        with pytest.raises(n.InvalidValue) as error:
            function(raw)
        assert error.value.code == expected.code
        # the message is for a secretariat member and never echoes the (maybe personal) value
        assert error.value.message and raw.strip() not in error.value.message
    else:
        assert function(raw) == expected


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        (["4/23/2025 10:15:32", "5/6/2025 9:00:00"], "mdy"),  # a US-locale sheet
        (["23/04/2025 10:15:32", "5/6/2025 9:00:00"], "dmy"),
        (["5/6/2025 9:00:00", "2025/04/23 10:15:32 AM GMT+7"], "dmy"),  # no proof: the config
        (["23/04/2025 10:15:32", "4/23/2025 10:15:32"], "dmy"),  # proof both ways: the config
    ],
)
def test_timestamp_order_follows_the_column(column, expected):
    assert n.timestamp_order(column, default="dmy") == expected


def test_month_first_sheets():
    assert n.date("4/23/2025", order="mdy") == D(2025, 4, 23)
    assert n.timestamp("4/23/2025 10:15:32", order="mdy") == dt.datetime(2025, 4, 23, 10, 15, 32)


@pytest.mark.parametrize(
    ("legal_form", "stated", "expected"),
    [
        ("PT (Persero)", "", "bumn"),
        ("Perum", "BUMN", "bumn"),
        ("Perumda", "", "bumd"),
        ("PT (Perseroda)", "BUMD", "bumd"),
        ("PT", "Swasta", "swasta"),
        ("Koperasi", "", "lainnya"),
        ("PT", "", None),  # not guessed
    ],
)
def test_ownership(legal_form, stated, expected):
    assert n.ownership(legal_form, stated) == expected


def test_ownership_conflict_is_rejected():
    with pytest.raises(n.InvalidValue) as error:
        n.ownership("PT (Persero)", "Swasta")
    assert error.value.code == "ownership_conflict"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Info: hubungi 0812-9988-7766.", "Info: hubungi [nomor disembunyikan]."),
        ("kontak: budi.s@contoh.id", "kontak: [email disembunyikan]"),
        (
            "WA +62 813 1234 5678 atau (0254) 211234",
            "WA [nomor disembunyikan] atau [nomor disembunyikan]",
        ),
        # ordinary numbers stay
        (
            "Tahun 2025, Rp 150.000.000, 1.200 orang, 23/04/2025",
            "Tahun 2025, Rp 150.000.000, 1.200 orang, 23/04/2025",
        ),
    ],
)
def test_mask_contacts(raw, expected):
    assert n.mask_contacts(raw) == expected
    assert n.long_text(raw) == expected


@pytest.mark.parametrize("raw", HOSTILE)
@pytest.mark.parametrize(
    "function",
    [n.money, n.integer, n.date, n.sector, n.kecamatan, n.nib, n.phone, n.url, n.need_code, n.text],
)
def test_hostile_input_is_normalised_or_rejected_never_crashes(function, raw):
    try:
        function(raw)
    except n.InvalidValue as invalid:
        assert raw not in invalid.message
