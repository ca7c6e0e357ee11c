"""Row validation: one sheet row in, one normalised record or its rejections out.

Each field is read by one normaliser (see `normalise.py`); a failure becomes a
`Rejection` — data naming the sheet, row and column, a stable code and an
Indonesian message, never the value. A row with any rejection is not published.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

from scripts.intake.normalise import all as n
from scripts.intake.questions import TIMESTAMP, VERIFICATION

Normaliser = Callable[[str], object]


@dataclass(frozen=True)
class Rejection:
    sheet: str
    row: int
    column: str
    code: str
    message: str

    def as_dict(self) -> dict:
        return dict(vars(self))  # asdict() deep-copies: slow over 100,000 rows


@dataclass(frozen=True)
class Field:
    key: str
    header: str
    normalise: Normaliser
    required: bool = False
    many: bool = False  # a checkbox or list answer: empty is [], not null


REQUIRED_MESSAGE = "Kolom wajib ini kosong."


def read_fields(
    fields: list[Field], cells: dict[str, str], sheet: str, row: int
) -> tuple[dict, list[Rejection]]:
    """Normalise the given fields of one row; every problem is collected, not just the first.

    A rejected field reads as unknown (None, or [] for a list): every key is present,
    so the row's later checks run on a row of junk as on any other.
    """
    values: dict = {}
    problems: list[Rejection] = []
    for field in fields:
        raw = cells.get(field.header, "")
        try:
            value = field.normalise(raw) if raw else ([] if field.many else None)
        except n.InvalidValue as invalid:
            problems.append(Rejection(sheet, row, field.header, invalid.code, invalid.message))
            values[field.key] = [] if field.many else None
            continue
        if field.required and value in (None, "", []):
            problems.append(Rejection(sheet, row, field.header, "required", REQUIRED_MESSAGE))
        values[field.key] = value
    return values, problems


@cache
def status_fields(date_order: str) -> list[Field]:
    """What every moderated row is first sorted by: when it came, and its verification."""
    return [
        Field("timestamp", TIMESTAMP, partial(n.timestamp, order=date_order), required=True),
        Field("verification", VERIFICATION, n.verification),
    ]


MEMBER_CONSENT = [
    Field("consent", "Persetujuan Publikasi", n.consent),
    Field("contact_consent", "Persetujuan Publikasi Kontak", n.consent),
]

MEMBER_FIELDS = [
    Field("name", "Nama Badan Usaha", n.business_name, required=True),
    Field("legal_form", "Bentuk Badan Usaha", n.legal_form, required=True),
    Field("ownership_stated", "Status Kepemilikan", partial(n.text, max_length=60)),
    Field("nib", "NIB", n.nib),
    Field("industry", "Sektor Usaha", partial(n.text, max_length=120)),
    Field("address", "Alamat Kantor", partial(n.text, max_length=300)),
    Field("kecamatan", "Kecamatan", n.kecamatan),
    Field("kelurahan", "Kelurahan", partial(n.text, max_length=100)),
    Field("website", "Situs Web", n.url),
    Field("sectors", "Bidang CSR yang Diminati", n.sectors, many=True),
]

# Read only when the business consented to publishing its contact person.
CONTACT_FIELDS = [
    Field("name", "Nama Penanggung Jawab CSR", partial(n.text, max_length=120)),
    Field("title", "Jabatan", partial(n.text, max_length=120)),
    Field("phone", "Nomor Telepon / WhatsApp", n.phone),
    Field("email", "Email Penanggung Jawab", n.email),
]


@cache
def program_fields(date_order: str) -> list[Field]:
    day = partial(n.date, order=date_order)
    return [
        Field("member_nib", "NIB Badan Usaha", n.nib),
        Field("member_name", "Nama Badan Usaha", n.business_name, required=True),
        Field("title", "Nama Program", partial(n.text, max_length=200), required=True),
        Field("sector", "Bidang", n.sector, required=True),
        Field("description", "Deskripsi Program", n.long_text),
        Field("kecamatan", "Kecamatan Lokasi", n.kecamatan_list, many=True),
        Field("location", "Kelurahan / Lokasi Rinci", partial(n.text, max_length=300)),
        Field("start_date", "Tanggal Mulai", day),
        Field("end_date", "Tanggal Selesai", day),
        Field("status", "Status Program", n.program_status),
        Field("contribution_types", "Bentuk Kontribusi", n.contribution_types, many=True),
        Field("amount", "Nilai Kontribusi (Rp)", n.money),
        Field("beneficiaries", "Jumlah Penerima Manfaat", n.integer),
        Field("beneficiary_groups", "Kelompok Penerima Manfaat", n.beneficiary_groups, many=True),
        Field("partner", "Mitra Pelaksana", partial(n.text, max_length=200)),
        Field("need", "Kode Kebutuhan", n.need_code),
        Field("links", "Tautan Dokumentasi", n.urls, many=True),
    ]


NEED_FIELDS = [
    Field("id", "Kode", n.need_code, required=True),
    Field("title", "Judul Kebutuhan", partial(n.text, max_length=200), required=True),
    Field("sector", "Bidang", n.sector),
    Field("proposer", "OPD Pengusul", partial(n.text, max_length=200)),
    Field("kecamatan", "Kecamatan", n.kecamatan),
    Field("estimated_cost", "Perkiraan Biaya (Rp)", n.money),
    Field("description", "Deskripsi", n.long_text),
    Field("status", "Status", n.need_status),
]


def check_ownership(values: dict, sheet: str, row: int) -> list[Rejection]:
    """Ownership follows from the legal form and the stated status; they must agree."""
    try:
        values["ownership"] = n.ownership(
            values["legal_form"], values.pop("ownership_stated") or ""
        )
    except n.InvalidValue as invalid:
        values["ownership"] = None
        return [Rejection(sheet, row, "Status Kepemilikan", invalid.code, invalid.message)]
    return []


def check_program_dates(values: dict, sheet: str, row: int) -> list[Rejection]:
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        return [
            Rejection(
                sheet,
                row,
                "Tanggal Selesai",
                "end_before_start",
                "Tanggal selesai lebih awal dari tanggal mulai.",
            )
        ]
    return []
