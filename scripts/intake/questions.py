"""The forms' questions (column headers of the linked sheets) and header matching.

Headers are matched after trimming and case-folding; Google Forms' English and
Indonesian UI names of its own columns are both known, and the config's
`column_names` can rename any other header to the form's.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.errors import SourceError

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


@dataclass(frozen=True)
class Column:
    header: str
    required: bool = False
    private: bool = False  # personal: never read into data/ without consent


@dataclass(frozen=True)
class Form:
    key: str  # members | programs | needs
    title: str
    columns: tuple[Column, ...]
    moderated: bool = True  # has the secretariat's verification column

    def required(self, moderation: bool) -> list[str]:
        names = [c.header for c in self.columns if c.required]
        if self.moderated and moderation:
            names.append(VERIFICATION)
        return names

    @property
    def private_headers(self) -> list[str]:
        return [c.header for c in self.columns if c.private]


_SECRETARIAT = (Column(VERIFICATION), Column(SECRETARIAT_NOTE, private=True))

MEMBERS = Form(
    key="members",
    title="Pendaftaran Anggota",
    columns=(
        Column(TIMESTAMP, required=True),
        Column(COLLECTED_EMAIL, private=True),
        Column("Nama Badan Usaha", required=True),
        Column("Bentuk Badan Usaha", required=True),
        Column("Status Kepemilikan"),
        Column("NIB"),
        Column("Sektor Usaha"),
        Column("Alamat Kantor"),
        Column("Kecamatan"),
        Column("Kelurahan"),
        Column("Situs Web"),
        Column("Nama Penanggung Jawab CSR", private=True),
        Column("Jabatan", private=True),
        Column("Nomor Telepon / WhatsApp", private=True),
        Column("Email Penanggung Jawab", private=True),
        Column("Bidang CSR yang Diminati"),
        Column("Persetujuan Publikasi", required=True),
        Column("Persetujuan Publikasi Kontak"),
        *_SECRETARIAT,
    ),
)

PROGRAMS = Form(
    key="programs",
    title="Laporan Program CSR",
    columns=(
        Column(TIMESTAMP, required=True),
        Column(COLLECTED_EMAIL, private=True),
        Column("NIB Badan Usaha"),
        Column("Nama Badan Usaha", required=True),
        Column("Nama Program", required=True),
        Column("Bidang", required=True),
        Column("Deskripsi Program"),
        Column("Kecamatan Lokasi"),
        Column("Kelurahan / Lokasi Rinci"),
        Column("Tanggal Mulai"),
        Column("Tanggal Selesai"),
        Column("Status Program"),
        Column("Bentuk Kontribusi"),
        Column("Nilai Kontribusi (Rp)"),
        Column("Jumlah Penerima Manfaat"),
        Column("Kelompok Penerima Manfaat"),
        Column("Mitra Pelaksana"),
        Column("Kode Kebutuhan"),
        Column("Tautan Dokumentasi"),
        Column("Nama Pelapor", private=True),
        Column("Nomor Telepon Pelapor", private=True),
        *_SECRETARIAT,
    ),
)

NEEDS = Form(
    key="needs",
    title="Kebutuhan Daerah",
    moderated=False,  # kept by the city itself
    columns=(
        Column("Kode", required=True),
        Column("Judul Kebutuhan", required=True),
        Column("Bidang"),
        Column("OPD Pengusul"),
        Column("Kecamatan"),
        Column("Perkiraan Biaya (Rp)"),
        Column("Deskripsi"),
        Column("Status"),
    ),
)

FORMS = {form.key: form for form in (MEMBERS, PROGRAMS, NEEDS)}


def _match_key(header: str) -> str:
    return " ".join(header.split()).casefold()


def column_index(
    form: Form, sheet: str, header: list[str], renames: dict[str, str], moderation: bool
) -> dict[str, int]:
    """Map each of the form's headers to its position in a sheet's header row.

    Unknown columns are ignored (a form gains questions over time); a missing
    required column or a question that appears twice stops the pull.
    """
    known = {_match_key(c.header): c.header for c in form.columns}
    known.update({k: v for k, v in BUILTIN_ALIASES.items() if _match_key(v) in known})
    known.update({_match_key(k): v for k, v in renames.items() if _match_key(v) in known})
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = known.get(_match_key(cell))
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
