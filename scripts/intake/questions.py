"""The forms' questions, each declared once: its header in the sheet, the key it is
read into, its normaliser, whether the column must exist and whether the answer
must be given, and whether it is personal.

Headers are matched after trimming and case-folding; Google Forms' English and
Indonesian UI names of its own columns are both known, and the config's
`column_names` can rename any other header to the form's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

from scripts.errors import SourceError
from scripts.intake import normalise as n
from scripts.model.reference import FORM_TITLES
from scripts.model.text import header_key

TIMESTAMP = "Timestamp"
COLLECTED_EMAIL = "Email Address"
VERIFICATION = "Status Verifikasi"
SECRETARIAT_NOTE = "Catatan Sekretariat"

# Google Forms names its own columns in the respondent's UI language.
BUILTIN_ALIASES = {
    "stempel waktu": TIMESTAMP,
    "alamat email": COLLECTED_EMAIL,
    "email": COLLECTED_EMAIL,
}

# Which read of a row a question belongs to: the row's status comes first, then
# the business's consent, then the record, and the contact person only with its consent.
STATUS, CONSENT, RECORD, CONTACT = "status", "consent", "record", "contact"

Normaliser = Callable[[str], object]


@dataclass(frozen=True)
class Question:
    header: str
    key: str | None = None  # None: never read (Forms' own e-mail, the secretariat's note …)
    normaliser: str = "text"  # a name of `normaliser()`
    limit: int | None = None  # maximal length of a text answer
    column_required: bool = False  # the sheet must have this column
    value_required: bool = False  # a row without an answer is rejected
    private: bool = False  # personal: never read into data/ without consent
    many: bool = False  # a checkbox or list answer: empty is [], not null
    part: str = RECORD


@dataclass(frozen=True)
class Form:
    key: str  # members | programs | needs
    title: str
    subject: str  # the header of the answer a row is known by (business, program)
    questions: tuple[Question, ...]
    moderated: bool = True  # has the secretariat's verification column

    def required(self, moderation: bool) -> list[str]:
        names = [q.header for q in self.questions if q.column_required]
        if self.moderated and moderation:
            names.append(VERIFICATION)
        return names

    @property
    def private_headers(self) -> list[str]:
        return [q.header for q in self.questions if q.private]

    def part(self, name: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.part == name and q.key is not None)


def _text(limit: int) -> dict:
    return {"normaliser": "text", "limit": limit}


_STATUS = (
    Question(
        TIMESTAMP, "timestamp", "timestamp", column_required=True, value_required=True, part=STATUS
    ),
    Question(COLLECTED_EMAIL, private=True),
)
_SECRETARIAT = (
    Question(VERIFICATION, "verification", "verification", part=STATUS),
    Question(SECRETARIAT_NOTE, private=True),
)

MEMBERS = Form(
    key="members",
    title=FORM_TITLES["members"],
    subject="Nama Badan Usaha",
    questions=(
        *_STATUS,
        Question(
            "Nama Badan Usaha",
            "name",
            "business_name",
            column_required=True,
            value_required=True,
        ),
        Question(
            "Bentuk Badan Usaha",
            "legal_form",
            "legal_form",
            column_required=True,
            value_required=True,
        ),
        Question("Status Kepemilikan", "ownership_stated", **_text(60)),
        Question("NIB", "nib", "nib"),
        Question("Sektor Usaha", "industry", **_text(120)),
        Question("Alamat Kantor", "address", **_text(300)),
        Question("Kecamatan", "kecamatan", "kecamatan"),
        Question("Kelurahan", "kelurahan", **_text(100)),
        Question("Situs Web", "website", "url"),
        Question("Nama Penanggung Jawab CSR", "name", **_text(120), private=True, part=CONTACT),
        Question("Jabatan", "title", **_text(120), private=True, part=CONTACT),
        Question("Nomor Telepon / WhatsApp", "phone", "phone", private=True, part=CONTACT),
        Question("Email Penanggung Jawab", "email", "email", private=True, part=CONTACT),
        Question("Bidang CSR yang Diminati", "sectors", "sectors", many=True),
        Question("Persetujuan Publikasi", "consent", "consent", column_required=True, part=CONSENT),
        Question("Persetujuan Publikasi Kontak", "contact_consent", "consent", part=CONSENT),
        *_SECRETARIAT,
    ),
)

PROGRAMS = Form(
    key="programs",
    title=FORM_TITLES["programs"],
    subject="Nama Program",
    questions=(
        *_STATUS,
        Question("NIB Badan Usaha", "member_nib", "nib"),
        Question(
            "Nama Badan Usaha",
            "member_name",
            "business_name",
            column_required=True,
            value_required=True,
        ),
        Question("Nama Program", "title", **_text(200), column_required=True, value_required=True),
        Question("Bidang", "sector", "sector", column_required=True, value_required=True),
        Question("Deskripsi Program", "description", "long_text"),
        Question("Kecamatan Lokasi", "kecamatan", "kecamatan_list", many=True),
        Question("Kelurahan / Lokasi Rinci", "location", **_text(300)),
        Question("Tanggal Mulai", "start_date", "date"),
        Question("Tanggal Selesai", "end_date", "date"),
        Question("Status Program", "status", "program_status"),
        Question("Bentuk Kontribusi", "contribution_types", "contribution_types", many=True),
        Question("Nilai Kontribusi (Rp)", "amount", "money"),
        Question("Jumlah Penerima Manfaat", "beneficiaries", "integer"),
        Question(
            "Kelompok Penerima Manfaat", "beneficiary_groups", "beneficiary_groups", many=True
        ),
        Question("Mitra Pelaksana", "partner", **_text(200)),
        Question("Kode Kebutuhan", "need", "need_code"),
        Question("Tautan Dokumentasi", "links", "urls", many=True),
        Question("Nama Pelapor", private=True),
        Question("Nomor Telepon Pelapor", private=True),
        *_SECRETARIAT,
    ),
)

NEEDS = Form(
    key="needs",
    title=FORM_TITLES["needs"],
    subject="Judul Kebutuhan",
    moderated=False,  # kept by the city itself
    questions=(
        Question("Kode", "id", "need_code", column_required=True, value_required=True),
        Question(
            "Judul Kebutuhan", "title", **_text(200), column_required=True, value_required=True
        ),
        Question("Bidang", "sector", "sector"),
        Question("OPD Pengusul", "proposer", **_text(200)),
        Question("Kecamatan", "kecamatan", "kecamatan"),
        Question("Perkiraan Biaya (Rp)", "estimated_cost", "money"),
        Question("Deskripsi", "description", "long_text"),
        Question("Status", "status", "need_status"),
    ),
)

FORMS = {form.key: form for form in (MEMBERS, PROGRAMS, NEEDS)}

# The normalisers that read a value the same way for every forum and date order.
_PLAIN: dict[str, Normaliser] = {
    "business_name": n.business_name,
    "legal_form": n.legal_form,
    "nib": n.nib,
    "url": n.url,
    "urls": n.urls,
    "phone": n.phone,
    "email": n.email,
    "consent": n.consent,
    "verification": n.verification,
    "long_text": n.long_text,
    "program_status": n.program_status,
    "need_status": n.need_status,
    "contribution_types": n.contribution_types,
    "beneficiary_groups": n.beneficiary_groups,
    "money": n.money,
    "integer": n.integer,
    "need_code": n.need_code,
}


@cache
def normaliser(question: Question, region: n.RegionChoices, date_order: str) -> Normaliser:
    """The function that reads a question's answers, for a forum's region and date order."""
    name = question.normaliser
    if name == "text":
        return partial(n.text, max_length=question.limit or 300)
    if name in ("date", "timestamp"):
        return partial(getattr(n, name), order=date_order)
    if name in ("sector", "sectors", "kecamatan", "kecamatan_list"):
        return getattr(region, name)
    return _PLAIN[name]


def column_index(
    form: Form, sheet: str, header: list[str], renames: dict[str, str], moderation: bool
) -> dict[str, int]:
    """Map each of the form's headers to its position in a sheet's header row.

    Unknown columns are ignored (a form gains questions over time); a missing
    required column or a question that appears twice stops the pull.
    """
    known = {header_key(q.header): q.header for q in form.questions}
    known.update({k: v for k, v in BUILTIN_ALIASES.items() if header_key(v) in known})
    known.update({header_key(k): v for k, v in renames.items() if header_key(v) in known})
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = known.get(header_key(cell))
        if name is None:
            continue
        if name in index:
            raise SourceError(
                f"Lembar '{sheet}': kolom '{name}' muncul dua kali (kolom {index[name] + 1} "
                f"dan {position + 1}). Hapus atau ganti nama salah satunya."
            )
        index[name] = position
    missing = [name for name in form.required(moderation) if name not in index]
    if missing:
        listed = ", ".join(f"'{name}'" for name in missing)
        raise SourceError(
            f"Lembar '{sheet}': kolom wajib {listed} tidak ditemukan di baris judul. "
            "Periksa apakah judul kolom diubah atau dihapus."
        )
    return index
