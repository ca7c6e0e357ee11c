"""Reference data of Kota Serang and the forum: sectors, kecamatan, choices.

Every table maps a stable slug (used in data/ and URLs) to the Indonesian label
shown to people. Alias tables list the spellings found in real form answers;
keys are folded with `fold()` so matching ignores case, punctuation and spaces.
"""

from __future__ import annotations

import re
import unicodedata

SECTORS: dict[str, str] = {
    "kesehatan": "Kesehatan",
    "pendidikan": "Pendidikan",
    "ekonomi": "Ekonomi",
    "infrastruktur": "Infrastruktur",
    "kewirausahaan": "Kewirausahaan",
    "kesejahteraan-sosial": "Kesejahteraan Sosial",
    "lingkungan": "Lingkungan",
    "lainnya": "Bidang Lain",
}

# Kemendagri codes (36.73 = Kota Serang) and the number of kelurahan in each.
KECAMATAN: dict[str, str] = {
    "serang": "Serang",
    "kasemen": "Kasemen",
    "walantaka": "Walantaka",
    "curug": "Curug",
    "cipocok-jaya": "Cipocok Jaya",
    "taktakan": "Taktakan",
}
KECAMATAN_CODES: dict[str, str] = {
    "serang": "36.73.01",
    "kasemen": "36.73.02",
    "walantaka": "36.73.03",
    "curug": "36.73.04",
    "cipocok-jaya": "36.73.05",
    "taktakan": "36.73.06",
}
KELURAHAN_COUNT: dict[str, int] = {
    "serang": 12,
    "kasemen": 10,
    "walantaka": 14,
    "curug": 10,
    "cipocok-jaya": 8,
    "taktakan": 13,
}

OWNERSHIP: dict[str, str] = {
    "bumn": "BUMN",
    "bumd": "BUMD",
    "swasta": "Swasta",
    "lainnya": "Lainnya",
}

PROGRAM_STATUS: dict[str, str] = {
    "direncanakan": "Direncanakan",
    "berjalan": "Berjalan",
    "selesai": "Selesai",
}

NEED_STATUS: dict[str, str] = {
    "terbuka": "Terbuka",
    "diadopsi": "Diadopsi",
    "selesai": "Selesai",
}

CONTRIBUTION_TYPES: dict[str, str] = {
    "uang": "Uang",
    "barang": "Barang",
    "jasa": "Jasa / Tenaga Ahli",
    "program-langsung": "Program Langsung",
}

BENEFICIARY_GROUPS: dict[str, str] = {
    "anak-pelajar": "Anak & Pelajar",
    "lansia": "Lansia",
    "disabilitas": "Penyandang Disabilitas",
    "perempuan": "Perempuan",
    "keluarga-miskin": "Keluarga Miskin / Rentan",
    "umkm": "UMKM",
    "masyarakat-umum": "Masyarakat Umum",
    "lainnya": "Lainnya",
}

# Legal forms offered by Form 1, with the ownership they imply (None: the
# answer to "Status Kepemilikan" decides).
LEGAL_FORMS: dict[str, str | None] = {
    "PT": None,
    "PT (Persero)": "bumn",
    "Perum": "bumn",
    "Perumda": "bumd",
    "PT (Perseroda)": "bumd",
    "CV": None,
    "Firma": None,
    "UD": None,
    "Koperasi": None,
    "Yayasan": None,
}

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(value: str) -> str:
    """Fold a label for matching: case, accents, punctuation and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", ascii_only).strip()


def _aliases(labels: dict[str, str], extra: dict[str, list[str]]) -> dict[str, str]:
    """Alias table: every slug and label folded, plus the extra spellings."""
    table: dict[str, str] = {}
    for slug, label in labels.items():
        table[fold(slug)] = slug
        table[fold(label)] = slug
    for slug, spellings in extra.items():
        for spelling in spellings:
            table[fold(spelling)] = slug
    return table


SECTOR_ALIASES = _aliases(
    SECTORS,
    {
        "kesehatan": ["sehat", "bidang kesehatan"],
        "pendidikan": ["bidang pendidikan", "edukasi"],
        "ekonomi": ["bidang ekonomi", "perekonomian"],
        "infrastruktur": ["bidang infrastruktur", "sarana prasarana", "sarpras"],
        # UMKM development is the forum's entrepreneurship sector.
        "kewirausahaan": ["bidang kewirausahaan", "umkm", "wirausaha"],
        "kesejahteraan-sosial": ["kesos", "sosial", "bidang kesejahteraan sosial"],
        "lingkungan": ["bidang lingkungan", "lingkungan hidup"],
        "lainnya": ["lainnya", "lain lain", "bidang lainnya", "lain"],
    },
)

KECAMATAN_ALIASES = _aliases(
    KECAMATAN,
    {
        "cipocok-jaya": ["cipocok"],
    },
)

PROGRAM_STATUS_ALIASES = _aliases(
    PROGRAM_STATUS,
    {
        "direncanakan": ["rencana", "perencanaan"],
        "berjalan": ["sedang berjalan", "on going", "ongoing"],
        "selesai": ["sudah selesai", "tuntas"],
    },
)

NEED_STATUS_ALIASES = _aliases(NEED_STATUS, {"diadopsi": ["diambil"]})

CONTRIBUTION_ALIASES = _aliases(
    CONTRIBUTION_TYPES,
    {
        "jasa": ["jasa", "tenaga ahli"],
        "program-langsung": ["langsung"],
    },
)

BENEFICIARY_ALIASES = _aliases(
    BENEFICIARY_GROUPS,
    {
        "anak-pelajar": ["anak", "pelajar", "anak anak"],
        "disabilitas": ["difabel", "disabilitas"],
        "keluarga-miskin": ["keluarga miskin", "keluarga rentan", "warga miskin"],
    },
)

OWNERSHIP_ALIASES = _aliases(
    OWNERSHIP,
    {
        "bumn": ["badan usaha milik negara"],
        "bumd": ["badan usaha milik daerah"],
        # PMA/PMDN: foreign/domestic private investment companies.
        "swasta": [
            "private",
            "swasta nasional",
            "perusahaan swasta",
            "swasta asing",
            "pma",
            "pmdn",
        ],
    },
)

LEGAL_FORM_ALIASES = _aliases(
    {form: form for form in LEGAL_FORMS},
    {
        "PT (Persero)": ["persero", "pt persero tbk", "perusahaan perseroan"],
        "PT (Perseroda)": ["perseroda", "perusahaan perseroan daerah"],
        "Perumda": ["perusahaan umum daerah", "pdam"],
        "Perum": ["perusahaan umum"],
        # "P.T." folds to "p t".
        "PT": ["perseroan terbatas", "pt tbk", "p t"],
        "CV": ["commanditaire vennootschap", "persekutuan komanditer", "c v"],
        "UD": ["usaha dagang", "u d"],
        "Firma": ["fa"],
        "Koperasi": ["koperasi simpan pinjam", "ksp", "koperasi unit desa", "kud"],
    },
)
