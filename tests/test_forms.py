import pytest

from scripts.errors import SourceError
from scripts.intake.questions import MEMBERS, NEEDS, PROGRAMS, column_index

MEMBER_HEADER = [
    "Timestamp",
    "Email Address",
    "Nama Badan Usaha",
    "Bentuk Badan Usaha",
    "Persetujuan Publikasi",
    "Status Verifikasi",
]


@pytest.mark.parametrize(
    ("header", "renames", "expected"),
    [
        (MEMBER_HEADER, {}, {"Timestamp": 0, "Email Address": 1, "Nama Badan Usaha": 2}),
        # Indonesian Forms UI, stray spaces and case
        (
            [
                *["Stempel waktu", "Alamat email", " nama  badan usaha ", "BENTUK BADAN USAHA"],
                *["Persetujuan Publikasi", "status verifikasi"],
            ],
            {},
            {"Timestamp": 0, "Email Address": 1, "Nama Badan Usaha": 2, "Status Verifikasi": 5},
        ),
        # a renamed question, mapped in the config
        (
            [
                *["Timestamp", "Nama Perusahaan", "Bentuk Badan Usaha"],
                *["Persetujuan Publikasi", "Status Verifikasi", "Pertanyaan baru"],
            ],
            {"Nama Perusahaan": "Nama Badan Usaha"},
            {"Nama Badan Usaha": 1},
        ),
    ],
)
def test_column_index_matches_headers(header, renames, expected):
    index = column_index(MEMBERS, "Lembar 1", header, renames, moderation=True)
    assert expected.items() <= index.items()


def test_missing_required_column_is_named():
    header = [h for h in MEMBER_HEADER if h != "Persetujuan Publikasi"]
    with pytest.raises(SourceError, match="'Persetujuan Publikasi' tidak ditemukan"):
        column_index(MEMBERS, "Lembar 1", header, {}, moderation=True)


def test_verification_column_required_only_with_moderation():
    header = [h for h in MEMBER_HEADER if h != "Status Verifikasi"]
    assert column_index(MEMBERS, "Lembar 1", header, {}, moderation=False)
    with pytest.raises(SourceError, match="Status Verifikasi"):
        column_index(MEMBERS, "Lembar 1", header, {}, moderation=True)


def test_duplicate_question_stops_the_pull():
    with pytest.raises(SourceError, match="muncul dua kali"):
        column_index(MEMBERS, "Lembar 1", [*MEMBER_HEADER, "nama badan usaha"], {}, True)


@pytest.mark.parametrize("form", [MEMBERS, PROGRAMS, NEEDS])
def test_forms_name_their_private_columns(form):
    private = set(form.private_headers)
    assert not private & set(form.required(moderation=True))
    if form is not NEEDS:
        assert {"Email Address", "Catatan Sekretariat"} <= private
