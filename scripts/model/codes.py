"""The catalogue of every code a pull can give a row: one entry per code, with the
column it concerns and its Indonesian message template.

A code is the stable, machine-readable reason (reports, tests and the status the
secretariat reads key on it); the message is what a person reads. No message
ever contains a cell's value, only the facts in braces that the code's place
fills in (a maximum length, a row number, the forum's kecamatan).

README.md's table "Kode penolakan" is this catalogue; tests/test_codes.py keeps
the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.errors import InvalidValue

ANY = "(kolom isian itu)"  # the code belongs to whichever column's answer failed


@dataclass(frozen=True)
class Code:
    code: str
    column: str
    message: str  # a str.format template

    def text(self, **params: object) -> str:
        return self.message.format(**params)


def _codes(*entries: tuple[str, str, str]) -> dict[str, Code]:
    catalogue = {}
    for code, column, message in entries:
        assert code not in catalogue, code
        catalogue[code] = Code(code, column, message)
    return catalogue


CATALOGUE = _codes(
    ("required", ANY, "Kolom wajib ini kosong."),
    ("too_long", ANY, "Isian terlalu panjang (maksimal {max_length} karakter)."),
    (
        "name_mixed_script",
        "Nama Badan Usaha",
        "Nama memuat huruf aksara lain (misalnya Sirilik atau Yunani) yang mirip huruf "
        "Latin; ketik ulang nama dengan huruf biasa.",
    ),
    ("nib_invalid", "NIB, NIB Badan Usaha", "NIB harus tepat 13 angka."),
    (
        "nib_scientific",
        "NIB, NIB Badan Usaha",
        "NIB terbaca sebagai angka desimal (format ilmiah); format kolom NIB di Google "
        "Sheets sebagai teks biasa lalu ketik ulang NIB-nya.",
    ),
    (
        "need_code_invalid",
        "Kode, Kode Kebutuhan",
        "Kode kebutuhan hanya boleh berisi huruf, angka, titik dan tanda hubung "
        "(maksimal 32 karakter), misalnya KES-2025-01.",
    ),
    (
        "phone_invalid",
        "Nomor Telepon / WhatsApp",
        "Nomor telepon harus nomor Indonesia, misalnya 0812-3456-7890 atau (0254) 211234.",
    ),
    (
        "email_invalid",
        "Email Penanggung Jawab",
        "Alamat email tidak sah; tulis satu alamat seperti nama@contoh.co.id.",
    ),
    ("url_scheme", "Situs Web, Tautan Dokumentasi", "Tautan harus diawali http:// atau https://."),
    (
        "url_invalid",
        "Situs Web, Tautan Dokumentasi",
        "Tautan tidak valid; tulis alamat lengkap, misalnya https://www.contoh.co.id/halaman.",
    ),
    (
        "url_contact",
        "Situs Web, Tautan Dokumentasi",
        "Tautan memuat nomor telepon atau alamat email; tautkan halaman tanpa kontak pribadi.",
    ),
    (
        "money_invalid",
        "Nilai Kontribusi (Rp), Perkiraan Biaya (Rp)",
        "Nilai tidak terbaca sebagai rupiah; tulis misalnya Rp150.000.000 atau 150 juta.",
    ),
    (
        "money_fraction",
        "Nilai Kontribusi (Rp), Perkiraan Biaya (Rp)",
        "Nilai rupiah harus bilangan bulat, tanpa sen.",
    ),
    (
        "money_ambiguous",
        "Nilai Kontribusi (Rp), Perkiraan Biaya (Rp)",
        "Nilai harus satu angka pasti, bukan kisaran atau perkiraan.",
    ),
    (
        "money_two_readings",
        "Nilai Kontribusi (Rp), Perkiraan Biaya (Rp)",
        "Penulisan angka bisa dibaca dua arti; tulis tanpa titik ribuan sebelum kata "
        "juta/miliar, misalnya 1,5 miliar atau 1500 juta.",
    ),
    (
        "money_too_large",
        "Nilai Kontribusi (Rp), Perkiraan Biaya (Rp)",
        "Nilai terlalu besar; periksa jumlah angka nol.",
    ),
    (
        "money_negative",
        "Nilai Kontribusi (Rp), Perkiraan Biaya (Rp)",
        "Nilai tidak boleh negatif.",
    ),
    (
        "money_foreign_currency",
        "Nilai Kontribusi (Rp), Perkiraan Biaya (Rp)",
        "Nilai harus dalam rupiah; mata uang asing tidak diterima.",
    ),
    (
        "integer_invalid",
        "Jumlah Penerima Manfaat",
        "Jumlah harus satu bilangan bulat, misalnya 1200 atau 300 orang.",
    ),
    (
        "integer_fraction",
        "Jumlah Penerima Manfaat",
        "Jumlah harus bilangan bulat, tanpa koma desimal.",
    ),
    (
        "integer_ambiguous",
        "Jumlah Penerima Manfaat",
        "Jumlah harus satu angka pasti, bukan kisaran atau perkiraan.",
    ),
    ("integer_too_large", "Jumlah Penerima Manfaat", "Jumlah terlalu besar; periksa angkanya."),
    ("integer_negative", "Jumlah Penerima Manfaat", "Jumlah tidak boleh negatif."),
    (
        "date_invalid",
        "Tanggal Mulai, Tanggal Selesai",
        "Tanggal tidak terbaca; tulis {pattern}, misalnya {example} atau 31 Januari 2025.",
    ),
    (
        "date_year",
        "Tanggal Mulai, Tanggal Selesai",
        "Tahun harus ditulis lengkap dengan 4 angka, antara 1990 dan 2100.",
    ),
    (
        "date_weekday_mismatch",
        "Tanggal Mulai, Tanggal Selesai",
        "Nama hari tidak cocok dengan tanggalnya; periksa tanggalnya.",
    ),
    (
        "timestamp_invalid",
        "Timestamp",
        "Stempel waktu tidak terbaca; contoh yang benar: 23/04/2025 10:15:32.",
    ),
    (
        "verification_unknown",
        "Status Verifikasi",
        "Status Verifikasi harus Terverifikasi, Ditolak, atau dikosongkan.",
    ),
    ("sector_unknown", "Bidang", "Bidang tidak dikenal; pilih {sectors}."),
    (
        "kecamatan_unknown",
        "Kecamatan, Kecamatan Lokasi",
        "Kecamatan harus salah satu dari {count} kecamatan di {region}: {names}.",
    ),
    (
        "program_status_unknown",
        "Status Program",
        "Status program harus Direncanakan, Berjalan, atau Selesai.",
    ),
    ("need_status_unknown", "Status", "Status kebutuhan harus Terbuka, Diadopsi, atau Selesai."),
    (
        "contribution_type_unknown",
        "Bentuk Kontribusi",
        "Bentuk kontribusi harus dari pilihan: Uang, Barang, Jasa / Tenaga Ahli, Program Langsung.",
    ),
    (
        "beneficiary_group_unknown",
        "Kelompok Penerima Manfaat",
        "Kelompok penerima manfaat tidak dikenal.",
    ),
    (
        "ownership_unknown",
        "Status Kepemilikan",
        "Status kepemilikan harus BUMN, BUMD, atau Swasta.",
    ),
    (
        "ownership_conflict",
        "Status Kepemilikan",
        "Status kepemilikan tidak sesuai dengan bentuk badan usaha; periksa keduanya.",
    ),
    (
        "end_before_start",
        "Tanggal Selesai",
        "Tanggal selesai lebih awal dari tanggal mulai.",
    ),
    (
        "consent_withdrawn",
        "Persetujuan Publikasi",
        "Jawaban lain badan usaha ini (baris {earlier}) tidak menyetujui publikasi; badan "
        "usaha ini tidak diterbitkan sampai baris itu ditandai Ditolak.",
    ),
    ("duplicate_id", "Kode", "Kode ini sudah dipakai di baris {earlier}."),
    (
        "member_unknown",
        "NIB Badan Usaha atau Nama Badan Usaha",
        "Badan usaha pelapor belum terdaftar sebagai anggota; daftarkan dulu lewat formulir "
        "Pendaftaran Anggota (NIB atau nama yang sama), lalu program ini ikut terbit.",
    ),
    (
        "member_pending",
        "NIB Badan Usaha atau Nama Badan Usaha",
        "Pendaftaran badan usaha pelapor belum diverifikasi; isi Status Verifikasi baris "
        "pendaftarannya dengan Terverifikasi, lalu program ini ikut terbit.",
    ),
    (
        "member_declined",
        "NIB Badan Usaha atau Nama Badan Usaha",
        "Pendaftaran badan usaha pelapor ditolak sekretariat; program ini baru dapat terbit "
        "bila pendaftarannya diterima.",
    ),
    (
        "member_no_consent",
        "NIB Badan Usaha atau Nama Badan Usaha",
        "Badan usaha pelapor tidak bersedia dipublikasikan (Persetujuan Publikasi: Tidak); "
        "programnya pun tidak diterbitkan.",
    ),
    (
        "member_rejected",
        "NIB Badan Usaha atau Nama Badan Usaha",
        "Baris pendaftaran badan usaha pelapor ditolak sistem; perbaiki baris itu (lihat "
        "alasannya di lembar pendaftaran), lalu program ini ikut terbit.",
    ),
    (
        "need_unknown",
        "Kode Kebutuhan",
        "Kode kebutuhan ini tidak ada di lembar Kebutuhan Daerah.",
    ),
)


def message(code: str, **params: object) -> str:
    return CATALOGUE[code].text(**params)


def invalid(code: str, **params: object) -> InvalidValue:
    """The data error of a code of the catalogue, its message filled in."""
    return InvalidValue(code, message(code, **params))
