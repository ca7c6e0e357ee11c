"""Reference data: the forms' fixed choices, and the forum's own facts (its sectors,
its region's kecamatan) as `Reference`, built from the config.

Every table maps a stable slug (used in data/ and URLs) to the Indonesian label
shown to people. Alias tables list the spellings found in real form answers;
keys are folded with `fold()` so matching ignores case, punctuation and spaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from scripts.config import Config
from scripts.model.text import fold

# The titles of the forum's two Google Forms and of the city's needs sheet.
FORM_TITLES = {
    "members": "Pendaftaran Anggota",
    "programs": "Laporan Program CSR",
    "needs": "Kebutuhan Daerah",
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


@dataclass(frozen=True, eq=False)
class Reference:
    """The forum's own facts, as slugs and labels: one per config."""

    region: str  # "Kota Serang"
    sectors: dict[str, str]  # slug → label, in the config's order
    kecamatan: dict[str, str]  # slug → name, in the config's order
    kecamatan_codes: dict[str, str]
    kelurahan_count: dict[str, int | None]
    sector_aliases: dict[str, str]
    kecamatan_aliases: dict[str, str]

    @property
    def region_key(self) -> str:
        """The region's name folded: "Cipocok Jaya, Kota Serang" names it after a kecamatan."""
        return fold(self.region)


@cache
def of(config: Config) -> Reference:
    """The reference data of a config (one object per config, so caches keyed on it hold)."""
    sectors = {s.slug: s.label for s in config.sectors}
    kecamatan = {k.slug: k.name for k in config.region.kecamatan}
    return Reference(
        region=config.region.name,
        sectors=sectors,
        kecamatan=kecamatan,
        kecamatan_codes={k.slug: k.code for k in config.region.kecamatan},
        kelurahan_count={k.slug: k.kelurahan for k in config.region.kecamatan},
        sector_aliases=_aliases(sectors, {s.slug: list(s.aliases) for s in config.sectors}),
        kecamatan_aliases=_aliases(
            kecamatan, {k.slug: list(k.aliases) for k in config.region.kecamatan}
        ),
    )
