"""The forum's configuration file (`config.yml`): read once, checked once, typed.

Everything that differs between two forums lives here: the forum's names and
contacts, its region (kabupaten/kota, Kemendagri code, kecamatan with their
spellings), its sectors, its forms and sheets. A problem is reported in
Indonesian with the key that holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = REPO_ROOT / "config.yml"

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SHEET_KEYS = ("members", "programs", "needs")
STATUS_WORKSHEET = "Status Penarikan"
FORM_KEYS = ("members", "programs")


@dataclass(frozen=True)
class Contact:
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Signatory:
    """One signature of the annual report's closing block; no name: a line to write it on."""

    role: str
    name: str = ""


# Who signs the annual report when config.yml does not say.
SIGNATORIES = (Signatory("Ketua Forum"), Signatory("Sekretariat Forum"))


@dataclass(frozen=True)
class LegalBasis:
    title: str
    text: str = ""


@dataclass(frozen=True)
class Forum:
    name: str
    full_name: str
    site_url: str = ""
    contact: Contact = field(default_factory=Contact)
    # Paragraphs of the "Tentang Forum" page: how and when this forum began.
    history: tuple[str, ...] = ()
    # The letterhead of the documents (the annual report PDF): the secretariat's
    # address, and a logo (PNG or JPEG, a path from the repository root) if there is one.
    address: str = ""
    logo: Path | None = None
    signatories: tuple[Signatory, ...] = SIGNATORIES

    @property
    def site_address(self) -> str:
        """The site's address as people type it: no https://, no trailing slash."""
        return self.site_url.removeprefix("https://").rstrip("/")


@dataclass(frozen=True)
class Kecamatan:
    slug: str
    name: str
    code: str = ""  # Kemendagri code, e.g. 36.73.05
    kelurahan: int | None = None  # how many kelurahan/desa it has
    aliases: tuple[str, ...] = ()
    # Its square on the home page's schematic map: (column, row), north up.
    tile: tuple[int, int] | None = None


@dataclass(frozen=True)
class Sector:
    slug: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Region:
    name: str  # "Kota Serang", "Kabupaten Lebak"
    code: str  # Kemendagri code, e.g. 36.73
    province: str
    government: str  # "Pemerintah Kota Serang"
    head: str  # "Wali Kota Serang"
    council: str  # "DPRD Kota Serang"
    kecamatan: tuple[Kecamatan, ...]
    # Regional regulations beside the national ones (Perda, Perwal, Perbup …).
    legal_basis: tuple[LegalBasis, ...] = ()
    map_source: str = ""  # where the schematic map's layout comes from

    @property
    def has_map(self) -> bool:
        """A map is drawn only when every kecamatan has its square."""
        return all(k.tile for k in self.kecamatan)


@dataclass(frozen=True)
class FormLink:
    url: str = ""
    short_url: str = ""


@dataclass(frozen=True)
class WorksheetRef:
    spreadsheet: str = ""
    worksheet: str = ""


@dataclass(frozen=True)
class SheetsSource:
    credentials_env: str = "GOOGLE_SERVICE_ACCOUNT_JSON"
    credentials_file: str = ""
    sheets: dict[str, WorksheetRef] = field(default_factory=dict)
    # Where each pull writes the status of every row for the secretariat; no
    # spreadsheet: nowhere. Not one of the forms' spreadsheets, which stay read-only.
    status: WorksheetRef = field(default_factory=lambda: WorksheetRef("", STATUS_WORKSHEET))


@dataclass(frozen=True)
class Config:
    forum: Forum
    region: Region
    sectors: tuple[Sector, ...]
    moderation: bool = True
    date_order: str = "dmy"
    # The year compliance is judged for; None: the year of the latest annual report.
    reporting_year: int | None = None
    column_names: dict[str, str] = field(default_factory=dict)
    forms: dict[str, FormLink] = field(default_factory=dict)
    sheets: SheetsSource = field(default_factory=SheetsSource)
    urls: dict[str, str] = field(default_factory=dict)
    path: Path = DEFAULT_CONFIG

    def __hash__(self) -> int:  # the dict fields make the generated hash fail
        return id(self)


class _Reader:
    """Reads one file's mapping; every problem names the file and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"Berkas konfigurasi {self.path}, kunci {key}: {problem}")

    def mapping(self, value: object, key: str, required: bool = False) -> dict:
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, "harus berisi pasangan kunci: nilai.")
        return value

    def items(self, value: object, key: str) -> list:
        if not isinstance(value, list) or not value:
            raise self.fail(key, "harus berisi daftar (baris-baris yang diawali '- ').")
        return value

    def text(self, raw: dict, name: str, key: str, required: bool = True) -> str:
        value = raw.get(name)
        if value is None or value == "":
            if required:
                raise self.fail(f"{key}.{name}", "wajib diisi.")
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise self.fail(f"{key}.{name}", "harus berupa teks.")
        return str(value).strip()

    def texts(self, raw: dict, name: str, key: str) -> tuple[str, ...]:
        value = raw.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{key}.{name}", "harus berupa daftar teks.")
        return tuple(v.strip() for v in value if v.strip())

    def slug(self, raw: dict, key: str, seen: set[str]) -> str:
        slug = self.text(raw, "slug", key)
        if not SLUG.fullmatch(slug):
            raise self.fail(
                f"{key}.slug", "hanya huruf kecil, angka dan tanda hubung (mis. cipocok-jaya)."
            )
        if slug in seen:
            raise self.fail(f"{key}.slug", f"'{slug}' dipakai dua kali.")
        seen.add(slug)
        return slug

    def tile(self, raw: dict, key: str, seen: set[tuple[int, int]]) -> tuple[int, int] | None:
        value = raw.get("tile")
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(
                isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 20 for v in value
            )
        ):
            raise self.fail(f"{key}.tile", "harus [kolom, baris], dua bilangan bulat 0–19.")
        tile = (value[0], value[1])
        if tile in seen:
            raise self.fail(f"{key}.tile", f"kotak {list(tile)} dipakai dua kali.")
        seen.add(tile)
        return tile


def _forum(r: _Reader, raw: object) -> Forum:
    raw = r.mapping(raw, "forum", required=True)
    contact = r.mapping(raw.get("contact"), "forum.contact")
    return Forum(
        name=r.text(raw, "name", "forum"),
        full_name=r.text(raw, "full_name", "forum"),
        site_url=r.text(raw, "site_url", "forum", required=False),
        contact=Contact(
            email=r.text(contact, "email", "forum.contact", required=False),
            phone=r.text(contact, "phone", "forum.contact", required=False),
        ),
        history=r.texts(raw, "history", "forum"),
        address=r.text(raw, "address", "forum", required=False),
        logo=_logo(r, raw),
        signatories=_signatories(r, raw),
    )


LOGO_TYPES = (".png", ".jpg", ".jpeg")


def _logo(r: _Reader, raw: dict) -> Path | None:
    value = r.text(raw, "logo", "forum", required=False)
    if not value:
        return None
    path = REPO_ROOT / value
    if path.suffix.lower() not in LOGO_TYPES or not path.is_file():
        raise r.fail("forum.logo", f"harus berkas PNG atau JPEG yang ada di repositori ({value}).")
    return path


def _signatories(r: _Reader, raw: dict) -> tuple[Signatory, ...]:
    if raw.get("signatories") is None:
        return SIGNATORIES
    result = []
    for i, entry in enumerate(r.items(raw["signatories"], "forum.signatories")):
        key = f"forum.signatories[{i}]"
        entry = r.mapping(entry, key, required=True)
        result.append(
            Signatory(r.text(entry, "role", key), r.text(entry, "name", key, required=False))
        )
    return tuple(result)


def _region(r: _Reader, raw: object) -> Region:
    raw = r.mapping(raw, "region", required=True)
    seen: set[str] = set()
    tiles: set[tuple[int, int]] = set()
    kecamatan = []
    for i, entry in enumerate(r.items(raw.get("kecamatan"), "region.kecamatan")):
        key = f"region.kecamatan[{i + 1}]"
        entry = r.mapping(entry, key, required=True)
        count = entry.get("kelurahan")
        if count is not None and (not isinstance(count, int) or isinstance(count, bool)):
            raise r.fail(f"{key}.kelurahan", "harus bilangan bulat.")
        kecamatan.append(
            Kecamatan(
                slug=r.slug(entry, key, seen),
                name=r.text(entry, "name", key),
                code=r.text(entry, "code", key, required=False),
                kelurahan=count,
                aliases=r.texts(entry, "aliases", key),
                tile=r.tile(entry, key, tiles),
            )
        )
    basis = []
    for i, entry in enumerate(raw.get("legal_basis") or []):
        key = f"region.legal_basis[{i + 1}]"
        entry = r.mapping(entry, key, required=True)
        basis.append(
            LegalBasis(r.text(entry, "title", key), r.text(entry, "text", key, required=False))
        )
    return Region(
        name=r.text(raw, "name", "region"),
        code=r.text(raw, "code", "region"),
        province=r.text(raw, "province", "region"),
        government=r.text(raw, "government", "region"),
        head=r.text(raw, "head", "region"),
        council=r.text(raw, "council", "region"),
        kecamatan=tuple(kecamatan),
        legal_basis=tuple(basis),
        map_source=r.text(raw, "map_source", "region", required=False),
    )


def _sectors(r: _Reader, raw: object) -> tuple[Sector, ...]:
    seen: set[str] = set()
    sectors = []
    for i, entry in enumerate(r.items(raw, "sectors")):
        key = f"sectors[{i + 1}]"
        entry = r.mapping(entry, key, required=True)
        sectors.append(
            Sector(
                r.slug(entry, key, seen),
                r.text(entry, "label", key),
                r.texts(entry, "aliases", key),
            )
        )
    if "lainnya" not in seen:
        # Checkbox "Other" answers land in it.
        raise r.fail("sectors", "harus memuat sektor dengan slug 'lainnya' (bidang lain).")
    return tuple(sectors)


def _forms(r: _Reader, raw: object) -> dict[str, FormLink]:
    raw = r.mapping(raw, "forms")
    unknown = sorted(str(key) for key in raw if key not in FORM_KEYS)
    if unknown:
        raise r.fail(f"forms.{unknown[0]}", "tidak dikenal (yang dikenal: members, programs).")
    forms = {}
    for key in FORM_KEYS:
        entry = r.mapping(raw.get(key), f"forms.{key}")
        forms[key] = FormLink(
            url=r.text(entry, "url", f"forms.{key}", required=False),
            short_url=r.text(entry, "short_url", f"forms.{key}", required=False),
        )
    return forms


def _sheets(r: _Reader, raw: object) -> SheetsSource:
    raw = r.mapping(raw, "sources.sheets")
    sheets = {}
    for key in SHEET_KEYS:
        entry = r.mapping(raw.get(key), f"sources.sheets.{key}")
        sheets[key] = WorksheetRef(
            spreadsheet=r.text(entry, "spreadsheet", f"sources.sheets.{key}", required=False),
            worksheet=str(entry.get("worksheet") or ""),
        )
    status = r.mapping(raw.get("status"), "sources.sheets.status")
    return SheetsSource(
        credentials_env=r.text(raw, "credentials_env", "sources.sheets", required=False)
        or SheetsSource.credentials_env,
        credentials_file=r.text(raw, "credentials_file", "sources.sheets", required=False),
        sheets=sheets,
        status=WorksheetRef(
            spreadsheet=r.text(status, "spreadsheet", "sources.sheets.status", required=False),
            worksheet=r.text(status, "worksheet", "sources.sheets.status", required=False)
            or STATUS_WORKSHEET,
        ),
    )


def sheets_source(raw: dict, path: Path = DEFAULT_CONFIG) -> SheetsSource:
    """`sources.sheets` of a config, read as `load()` reads it."""
    return _sheets(_Reader(path), raw)


def load(path: Path | None = None) -> Config:
    path = path or DEFAULT_CONFIG
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ConfigError(
            f"Berkas konfigurasi {path} tidak dapat dibaca ({exc.strerror})."
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"Berkas konfigurasi {path} bukan YAML yang sah: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"Berkas konfigurasi {path} harus berisi pasangan kunci: nilai.")
    r = _Reader(path)
    date_order = str(raw.get("date_order", "dmy"))
    if date_order not in ("dmy", "mdy"):
        raise r.fail("date_order", "harus 'dmy' atau 'mdy'.")
    reporting_year = raw.get("reporting_year")
    if reporting_year is not None and (
        not isinstance(reporting_year, int) or isinstance(reporting_year, bool)
    ):
        raise r.fail("reporting_year", "harus tahun (mis. 2025) atau dikosongkan.")
    sources = r.mapping(raw.get("sources"), "sources")
    urls = r.mapping(sources.get("url"), "sources.url")
    return Config(
        forum=_forum(r, raw.get("forum")),
        region=_region(r, raw.get("region")),
        sectors=_sectors(r, raw.get("sectors")),
        moderation=bool(raw.get("moderation", True)),
        date_order=date_order,
        reporting_year=reporting_year,
        column_names={
            str(k): str(v) for k, v in r.mapping(raw.get("column_names"), "column_names").items()
        },
        forms=_forms(r, raw.get("forms")),
        sheets=_sheets(r, sources.get("sheets")),
        urls={key: r.text(urls, key, "sources.url", required=False) for key in SHEET_KEYS},
        path=path,
    )
