"""Publication rules: moderation, consent, identity and links, on small sheets."""

from __future__ import annotations

import re

import pytest

from scripts.intake import publish as intake
from scripts.intake.questions import FORMS
from scripts.intake.rules import optional
from scripts.model import parallel
from scripts.sources.files import Table

from .helpers import REPO, make_config

MEMBER_HEADER = [
    "Timestamp", "Email Address", "Nama Badan Usaha", "Bentuk Badan Usaha", "Status Kepemilikan",
    "NIB", "Kecamatan", "Nama Penanggung Jawab CSR", "Nomor Telepon / WhatsApp",
    "Persetujuan Publikasi", "Persetujuan Publikasi Kontak", "Status Verifikasi",
    "Catatan Sekretariat",
]  # fmt: skip
PROGRAM_HEADER = [
    "Timestamp", "NIB Badan Usaha", "Nama Badan Usaha", "Nama Program", "Bidang",
    "Tanggal Mulai", "Nilai Kontribusi (Rp)", "Kode Kebutuhan", "Nama Pelapor", "Status Verifikasi",
]  # fmt: skip
YES = "Ya, saya setuju"
OK = "Terverifikasi"


def member(ts, name, nib="", form="PT", consent=YES, contact="", status=OK, **extra):
    row = [ts, "humas@contoh.id", name, form, "", nib, "Serang", "Siti Aminah", "0812-1111-2222",
           consent, contact, status, "catatan internal"]  # fmt: skip
    for header, value in extra.items():
        row[MEMBER_HEADER.index(header.replace("_", " "))] = value
    return row


def program(ts, name, title, nib="", sector="Pendidikan", start="01/03/2025", status=OK, need=""):
    return [ts, nib, name, title, sector, start, "Rp 10.000.000", need, "Budi", status]


def build(members, programs, needs=None, **config):
    tables = {
        "members": Table("Anggota", MEMBER_HEADER, members),
        "programs": Table("Program", PROGRAM_HEADER, programs),
    }
    if needs is not None:
        tables["needs"] = Table("Kebutuhan", ["Kode", "Judul Kebutuhan", "Status"], needs)
    return intake.build(tables, make_config(**config))


T1, T2, T3 = "23/04/2025 09:00:00", "24/04/2025 10:00:00", "25/04/2025 11:00:00"


def test_only_verified_consented_rows_are_published():
    data, report = build(
        [
            member(T1, "PT Terbit"),
            member(T1, "PT Menunggu", status=""),
            member(T1, "PT Ditolak", status="Ditolak"),
            member(T1, "PT Tanpa Izin", consent="Tidak"),
        ],
        [],
    )
    assert [m["name"] for m in data["members"]] == ["PT Terbit"]
    counts = report["members"]
    assert (counts["accepted"], counts["pending"], counts["declined"], counts["no_consent"]) == (
        1, 1, 1, 1,
    )  # fmt: skip


def test_moderation_off_publishes_waiting_rows_but_never_declined_ones():
    data, _ = build(
        [member(T1, "PT Menunggu", status=""), member(T1, "PT Ditolak", status="Ditolak")],
        [],
        moderation=False,
    )
    assert [m["name"] for m in data["members"]] == ["PT Menunggu"]


def test_contact_only_with_its_own_consent():
    data, _ = build(
        [member(T1, "PT Dengan Kontak", contact=YES), member(T1, "PT Tanpa Kontak")], []
    )
    by_name = {m["name"]: m for m in data["members"]}
    assert by_name["PT Dengan Kontak"]["contact"] == {
        "name": "Siti Aminah", "title": None, "phone": "+6281211112222", "email": None,
    }  # fmt: skip
    assert "contact" not in by_name["PT Tanpa Kontak"]
    assert "humas@contoh.id" not in repr(data) and "catatan internal" not in repr(data)


@pytest.mark.parametrize(
    ("rows", "expected_names", "expected_id"),
    [
        # same NIB, the name corrected later: one member, its id from the first row,
        # its name from the latest
        (
            [member(T2, "PT Serang Makmur Sentosa", "0220001234567"),
             member(T1, "PT Serang Makmur Sentausa", "0220 0012 3456 7")],
            ["PT Serang Makmur Sentosa"],
            "pt-serang-makmur-sentausa",
        ),
        # no NIB: same normalised name
        ([member(T1, "PT. Karya  Banten"), member(T2, "PT Karya Banten")], ["PT Karya Banten"],
         "pt-karya-banten"),
        # same name, two different NIBs: two businesses, ids kept apart
        (
            [member(T1, "CV Sinar", "1111111111111"), member(T2, "CV Sinar", "2222222222222")],
            ["CV Sinar", "CV Sinar"],
            "cv-sinar",
        ),
    ],
)  # fmt: skip
def test_one_member_per_business(rows, expected_names, expected_id):
    data, report = build(rows, [])
    assert sorted(m["name"] for m in data["members"]) == expected_names
    assert len({m["id"] for m in data["members"]}) == len(expected_names)
    assert expected_id in {m["id"] for m in data["members"]}
    assert report["members"]["updated"] == len(rows) - len(expected_names)
    assert report["members"]["rejected"] == 0
    assert {m["registered"] for m in data["members"]} == {"2025-04-23", "2025-04-24"} - (
        {"2025-04-24"} if len(expected_names) == 1 else set()
    )


def outcome(members, programs):
    tables = {
        "members": Table("Anggota", MEMBER_HEADER, members),
        "programs": Table("Program", PROGRAM_HEADER, programs),
    }
    return intake.outcome(tables, make_config())


def test_a_newer_registration_updates_the_member_field_by_field():
    found = outcome(
        [
            member(T1, "PT Baru Pindah", "0220001234567", Kecamatan="Serang", contact=YES),
            # Later: a new kecamatan; the NIB left empty does not erase the first one.
            member(T3, "PT Baru Pindah", "", Kecamatan="Kasemen"),
            member(T2, "PT Baru Pindah", "0220001234567", Kecamatan="Curug", contact=YES),
        ],
        [],
    )
    (record,) = found.data["members"]
    assert record["id"] == "pt-baru-pindah" and record["registered"] == "2025-04-23"
    assert record["kecamatan"] == "kasemen" and record["nib"] == "0220001234567"
    # The contact person is the latest row's, and that row gave no consent for it.
    assert "contact" not in record
    rows = {s.row: s for s in found.sheets["members"].rows}
    assert (rows[2].outcome, rows[2].route) == ("accepted", "anggota/pt-baru-pindah/")
    assert [(rows[r].outcome, rows[r].updates) for r in (3, 4)] == [("updated", 2)] * 2


def test_a_program_reported_again_updates_it():
    members = [member(T1, "PT Pelapor", "0220001234567")]
    first = program(T1, "PT Pelapor", "Beasiswa Anak Nelayan", "0220001234567")
    again = program(T3, "PT Pelapor", "beasiswa anak  nelayan", "0220001234567")
    again[6] = ""  # no amount this time: the first one stays
    again[4] = "Kesehatan"
    other_year = program(
        T2, "PT Pelapor", "Beasiswa Anak Nelayan", "0220001234567", start="01/03/2024"
    )
    found = outcome(members, [first, again, other_year])
    by_year = {p["year"]: p for p in found.data["programs"]}
    assert sorted(by_year) == [2024, 2025]
    updated = by_year[2025]
    assert updated["sector"] == "kesehatan" and updated["amount"] == 10_000_000
    assert updated["reported"] == "2025-04-23" and updated["title"] == "beasiswa anak nelayan"
    rows = {s.row: s for s in found.sheets["programs"].rows}
    assert (rows[3].outcome, rows[3].updates, rows[3].route) == (
        "updated", 2, f"program/{updated['id']}/",
    )  # fmt: skip
    assert rows[4].outcome == "accepted"


def test_colliding_names_keep_the_earliest_plain_id():
    data, _ = build(
        [member(T2, "CV Sinar", "2222222222222"), member(T1, "CV Sinar", "1111111111111")], []
    )
    ids = {m["nib"]: m["id"] for m in data["members"]}
    assert ids == {"1111111111111": "cv-sinar", "2222222222222": "cv-sinar-2"}


def test_programs_link_by_nib_then_name_and_reject_unknown_businesses():
    members = [
        member(T1, "PT Serang Makmur", "0220001234567"),
        member(T1, "PT Tanpa Izin", consent="Tidak"),
    ]
    programs = [
        program(T2, "nama lain", "Beasiswa", nib="0220 0012 3456 7"),
        program(T2, "pt serang  makmur", "Posyandu"),
        program(T2, "PT Tanpa Izin", "Bank Sampah"),
        program(T2, "PT Tidak Terdaftar", "Bedah Rumah", nib="9999999999999"),
    ]
    data, report = build(members, programs)
    assert sorted(p["id"] for p in data["programs"]) == [
        "pt-serang-makmur-beasiswa", "pt-serang-makmur-posyandu",
    ]  # fmt: skip
    rejections = report["programs"]["rejections"]
    assert [(r["row"], r["column"], r["code"]) for r in rejections] == [
        (4, "Nama Badan Usaha", "member_no_consent"),
        (5, "NIB Badan Usaha", "member_unknown"),
    ]


@pytest.mark.parametrize(
    ("nib", "kecamatan", "code", "column"),
    [
        ("12345", "Serang", "nib_invalid", "NIB"),
        ("0220000000009", "Atlantis", "kecamatan_unknown", "Kecamatan"),
    ],
)
def test_a_bad_optional_answer_is_dropped_with_a_warning_and_the_rest_published(
    nib, kecamatan, code, column
):
    """Issue 14, item 2: one malformed optional value no longer hides the member and
    every program it reported."""
    members = [member(T1, "PT Satu Isian Salah", nib, Kecamatan=kecamatan)]
    programs = [program(T2, "PT Satu Isian Salah", "Posyandu")]
    data, report = build(members, programs)
    (published,) = data["members"]
    assert published[{"NIB": "nib", "Kecamatan": "kecamatan"}[column]] is None
    assert [p["title"] for p in data["programs"]] == ["Posyandu"]
    sheet = report["members"]
    assert sheet["rejected"] == 0 and sheet["rejections"] == []
    assert [(w["row"], w["column"], w["code"]) for w in sheet["warnings"]] == [(2, column, code)]


def test_required_answers_and_consent_still_reject():
    members = [
        member(T1, "", "0220000000001"),  # no name
        member(T1, "PT Ragu", "0220000000002", consent="Mungkin"),
    ]
    data, report = build(members, [])
    assert data["members"] == []
    assert report["members"]["warnings"] == []
    assert {r["code"] for r in report["members"]["rejections"]} >= {"required"}


def test_a_program_of_an_unpublished_member_says_what_became_of_its_registration():
    """Issue 14, item 4: each reason points to its fix; none names a personal value."""
    members = [
        member(T1, "PT Menunggu Verifikasi", "0220000000001", status=""),
        member(T1, "PT Ditolak Sekretariat", "0220000000002", status="Ditolak"),
        member(T1, "PT Tanpa Persetujuan", "0220000000003", consent="Tidak"),
        member(T1, "PT Salah Isi", "0220000000004", status="Mungkin"),
    ]
    programs = [
        program(T2, "PT Menunggu Verifikasi", "Satu", nib="0220000000001"),
        program(T2, "PT Ditolak Sekretariat", "Dua", nib="0220000000002"),
        program(T2, "PT Tanpa Persetujuan", "Tiga"),
        program(T2, "PT Salah Isi", "Empat"),
        program(T2, "PT Belum Pernah Daftar", "Lima"),
    ]
    data, report = build(members, programs)
    assert data["programs"] == []
    codes = [(r["row"], r["code"]) for r in report["programs"]["rejections"]]
    assert codes == [
        (2, "member_pending"),
        (3, "member_declined"),
        (4, "member_no_consent"),
        (5, "member_rejected"),
        (6, "member_unknown"),
    ]
    messages = " ".join(r["message"] for r in report["programs"]["rejections"])
    assert "Terverifikasi" in messages and "Siti Aminah" not in messages


def test_yearly_program_gets_its_year_in_the_later_id():
    members = [member(T1, "PT Serang Makmur", "0220001234567")]
    programs = [
        program(T3, "PT Serang Makmur", "Khitanan Massal", start="10/06/2025"),
        program(T2, "PT Serang Makmur", "Khitanan Massal", start="12/06/2024"),
    ]
    data, _ = build(members, programs)
    assert {p["id"]: p["year"] for p in data["programs"]} == {
        "pt-serang-makmur-khitanan-massal": 2024,
        "pt-serang-makmur-khitanan-massal-2025": 2025,
    }


def test_needs_list_the_programs_that_adopt_them():
    members = [member(T1, "PT Serang Makmur")]
    programs = [
        program(T2, "PT Serang Makmur", "Sumur Bor", need="kbt-2025-001"),
        program(T2, "PT Serang Makmur", "Jalan Setapak", need="KBT-2025-099"),
    ]
    needs = [["KBT-2025-001", "Air bersih", "Diadopsi"], ["KBT-2025-001", "Ganda", "Terbuka"]]
    data, report = build(members, programs, needs)
    assert data["needs"][0]["programs"] == ["pt-serang-makmur-sumur-bor"]
    assert [r["code"] for r in report["programs"]["rejections"]] == ["need_unknown"]
    assert [r["code"] for r in report["needs"]["rejections"]] == ["duplicate_id"]


def test_every_problem_of_a_row_is_reported_without_its_value():
    row = member(T1, "", nib="12345", Kecamatan="Kramatwatu")
    _, report = build([row], [])
    rejections = report["members"]["rejections"]
    assert {(r["column"], r["code"]) for r in rejections} == {
        ("Nama Badan Usaha", "required"),
        ("NIB", "nib_invalid"),
        ("Kecamatan", "kecamatan_unknown"),
    }
    assert not any("Kramatwatu" in r["message"] or "12345" in r["message"] for r in rejections)


def test_ragged_and_blank_rows():
    short = member(T1, "PT Pendek")[:11]  # Sheets omits trailing empty cells
    _, report = build([short, [""] * 3], [], moderation=False)
    assert report["members"]["read"] == 1 and report["members"]["accepted"] == 1


def test_a_month_first_sheet_is_read_by_its_own_timestamps():
    data, report = build(
        [member("4/23/2025 9:00:00", "PT Satu"), member("5/6/2025 10:00:00", "PT Dua")], []
    )
    assert report["members"]["accepted"] == 2
    assert {m["name"]: m["registered"] for m in data["members"]} == {
        "PT Satu": "2025-04-23",
        "PT Dua": "2025-05-06",
    }


def test_the_readme_says_which_columns_reject_and_which_are_dropped():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Isian yang ditolak dan isian yang dikosongkan", 1)[1]
    rows = re.findall(r"^\| (.+?) \| (.+?) \| (.+?) \|$", section.split("\n## ", 1)[0], re.M)
    table = {form: (rejects.split(", "), drops.split(", ")) for form, rejects, drops in rows[2:]}
    titles = {"members": "Pendaftaran Anggota", "programs": "Laporan Program CSR"}
    for key, title in {**titles, "needs": "Kebutuhan Daerah"}.items():
        questions = [q for q in FORMS[key].questions if q.key is not None]
        assert table[title] == (
            [q.header for q in questions if not optional(q)],
            [q.header for q in questions if optional(q)],
        )


def test_rows_read_over_several_cores_give_the_same_outcome(sample, monkeypatch):
    config = make_config()
    with parallel.limited(1):
        alone = intake.outcome(sample, config)
    monkeypatch.setattr(parallel, "MINIMUM", 3)
    with parallel.limited(2):
        split = intake.outcome(sample, config)
    assert split.data == alone.data
    assert split.report() == alone.report()
    assert [s.in_order() for s in split.sheets.values()] == [
        s.in_order() for s in alone.sheets.values()
    ]
