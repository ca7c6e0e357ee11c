"""Choices: single answers and checkboxes, the consent and verification columns,
legal form and ownership; and the forum's own choices (sectors, kecamatan) bound
to its `Reference`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping

from scripts.intake.normalise.base import CACHE_SIZE, MAX_CACHED, cached
from scripts.intake.normalise.text import text
from scripts.model import reference
from scripts.model.codes import invalid
from scripts.model.text import clean, fold, is_blank, is_empty

# An alias table (folded answer → slug) or a function doing the same lookup.
Lookup = Mapping[str, str] | Callable[[str], "str | None"]


def _getter(aliases: Lookup) -> Callable[[str], str | None]:
    return aliases.get if isinstance(aliases, Mapping) else aliases


def choice(value: str, aliases: Lookup, code: str, params: Mapping | None = None) -> str | None:
    """One answer looked up by its folded text; unknown → InvalidValue."""
    c = clean(value)
    if is_empty(c):
        return None
    found = _getter(aliases)(fold(c))
    if found is None:
        raise invalid(code, **(params or {}))
    return found


def choices(
    value: str,
    aliases: Lookup,
    order: Iterable[str],
    other: str | None = None,
    code: str | None = None,
    params: Mapping | None = None,
) -> list[str]:
    """A checkbox answer ("A, B, C"): slugs de-duplicated in ``order``.

    An entry ``aliases`` does not know is the form's "Other" free text: it becomes
    ``other`` when given, else raises the catalogue's ``code`` with ``params``.
    """
    c = clean(value)
    if is_empty(c):
        return []
    lookup = _getter(aliases)
    found: set[str] = set()
    for entry in c.split(","):
        key = fold(entry)
        if not key:
            continue
        slug_ = lookup(key)
        if slug_ is None:
            if other is None:
                raise invalid(code, **(params or {}))
            slug_ = other
        found.add(slug_)
    rank = {s: i for i, s in enumerate(order)}
    return sorted(found, key=lambda s: (rank.get(s, len(rank)), s))


class RegionChoices:
    """The forum's own choices, read against its `Reference`: sectors and kecamatan.

    One per reference (`for_region`), so the lookups' caches serve every row of a pull.
    """

    def __init__(self, ref: reference.Reference) -> None:
        self.ref = ref
        labels = list(ref.sectors.values())
        self.sector_params = {"sectors": ", ".join(labels[:-1]) + " atau " + labels[-1]}
        self.kecamatan_params = {
            "count": len(ref.kecamatan),
            "region": ref.region,
            "names": ", ".join(ref.kecamatan.values()),
        }
        self._suffix = " " + ref.region_key
        self.sector = cached(self._sector)
        self._sectors_cached = cached(self._sectors)
        self.kecamatan = cached(self._kecamatan)
        self._kecamatan_cached = cached(self._kecamatan_list)

    def _sector_slug(self, key: str) -> str | None:
        found = self.ref.sector_aliases.get(key)
        if found is None and key.startswith("bidang "):
            found = self.ref.sector_aliases.get(key[7:])
        return found

    def _sector(self, value: str) -> str | None:
        """One sector slug; unknown → the code sector_unknown."""
        return choice(value, self._sector_slug, "sector_unknown", self.sector_params)

    def _sectors(self, value: str) -> tuple[str, ...]:
        # An unknown entry is the "Other" free text of the checkbox question.
        return tuple(choices(value, self._sector_slug, self.ref.sectors, "lainnya"))

    def sectors(self, value: str) -> list[str]:
        """Checkbox answer of sectors; "Other" text → "lainnya"."""
        return list(self._sectors_cached(value)) if value else []

    def _kecamatan_slug(self, key: str) -> str | None:
        for prefix in ("kecamatan ", "kec "):
            if key.startswith(prefix):
                key = key[len(prefix) :]
                break
        # "Cipocok Jaya, Kota Serang" names the region too; "Kabupaten Serang" is
        # another region and stays unknown.
        key = key.removesuffix(self._suffix)
        return self.ref.kecamatan_aliases.get(key)

    def _kecamatan(self, value: str) -> str | None:
        """One kecamatan slug of the region; others → InvalidValue."""
        return choice(value, self._kecamatan_slug, "kecamatan_unknown", self.kecamatan_params)

    def _kecamatan_list(self, value: str) -> tuple[str, ...]:
        return tuple(
            choices(
                value,
                self._kecamatan_slug,
                self.ref.kecamatan,
                None,
                "kecamatan_unknown",
                self.kecamatan_params,
            )
        )

    def kecamatan_list(self, value: str) -> list[str]:
        """Checkbox answer of kecamatan; any unknown entry → InvalidValue."""
        return list(self._kecamatan_cached(value)) if value else []


for_region = functools.cache(RegionChoices)


@cached
def _program_status(value: str) -> str | None:
    return choice(
        value,
        reference.PROGRAM_STATUS_ALIASES.get,
        "program_status_unknown",
    )


def program_status(value: str) -> str | None:
    """direncanakan | berjalan | selesai."""
    return _program_status(value) if value else None


@cached
def _need_status(value: str) -> str | None:
    return choice(value, reference.NEED_STATUS_ALIASES.get, "need_status_unknown")


def need_status(value: str) -> str | None:
    """terbuka | diadopsi | selesai."""
    return _need_status(value) if value else None


@cached
def _contribution_types(value: str) -> tuple[str, ...]:
    return tuple(
        choices(
            value,
            reference.CONTRIBUTION_ALIASES.get,
            reference.CONTRIBUTION_TYPES,
            None,
            "contribution_type_unknown",
        )
    )


def contribution_types(value: str) -> list[str]:
    """Checkbox answer of contribution types; unknown → InvalidValue."""
    return list(_contribution_types(value)) if value else []


@cached
def _beneficiary_groups(value: str) -> tuple[str, ...]:
    return tuple(
        choices(
            value,
            reference.BENEFICIARY_ALIASES.get,
            reference.BENEFICIARY_GROUPS,
            "lainnya",
            "beneficiary_group_unknown",
        )
    )


def beneficiary_groups(value: str) -> list[str]:
    """Checkbox answer of beneficiary groups; "Other" text → "lainnya"."""
    return list(_beneficiary_groups(value)) if value else []


@cached
def _legal_form(value: str) -> str | None:
    c = clean(value)
    if is_blank(c):
        return None
    canonical = reference.LEGAL_FORM_ALIASES.get(fold(c))
    if canonical is not None:
        return canonical
    return text(c, 60)  # the form's "Lainnya" free text


def legal_form(value: str) -> str | None:
    """Canonical legal form label (`PT (Persero)` …) or the "Other" text."""
    return _legal_form(value) if value else None


def _ownership(legal_form: str | None, stated: str) -> str | None:
    c = clean(stated) if stated else ""
    declared = None
    if not is_empty(c):
        declared = reference.OWNERSHIP_ALIASES.get(fold(c))
        if declared is None:
            raise invalid("ownership_unknown")
    form = legal_form
    if form and form not in reference.LEGAL_FORMS:
        form = reference.LEGAL_FORM_ALIASES.get(fold(clean(form)))
    implied = reference.LEGAL_FORMS.get(form) if form else None
    if implied and declared and implied != declared:
        raise invalid("ownership_conflict")
    if implied or declared:
        return implied or declared
    if form in ("Koperasi", "Yayasan"):
        return "lainnya"
    return None


_ownership_cached = functools.lru_cache(maxsize=CACHE_SIZE)(_ownership)


def ownership(legal_form: str | None, stated: str) -> str | None:
    """bumn | bumd | swasta | lainnya from the stated status and the legal form."""
    if (stated and len(stated) > MAX_CACHED) or (legal_form and len(legal_form) > MAX_CACHED):
        return _ownership(legal_form, stated)
    return _ownership_cached(legal_form, stated)


_CONSENT_YES = frozenset({"ya", "iya", "yes", "setuju", "bersedia", "agree"})
_CONSENT_NO = frozenset(
    {"tidak", "tdk", "tak", "gak", "ga", "nggak", "ngga", "enggak", "belum", "no", "not", "jangan"}
    | {"bukan", "menolak", "tolak", "disagree"}
)


@cached
def _consent(value: str) -> bool:
    tokens = fold(clean(value)).split()
    # No consent unless clearly given: any negation word withdraws it.
    if not tokens or not _CONSENT_NO.isdisjoint(tokens):
        return False
    first = tokens[0]
    if first in ("saya", "i") and len(tokens) > 1:
        first = tokens[1]
    return first in _CONSENT_YES


def consent(value: str) -> bool:
    """True only for a clear yes (`Ya`, `Setuju`, `Bersedia`, `Yes` …)."""
    return _consent(value) if value else False


_VERIFICATION = {
    "terverifikasi": "verified",
    "sudah terverifikasi": "verified",
    "diverifikasi": "verified",
    "sudah diverifikasi": "verified",
    "verified": "verified",
    "ditolak": "rejected",
    "sudah ditolak": "rejected",
    "tolak": "rejected",
    "rejected": "rejected",
    "menunggu": "pending",
    "menunggu verifikasi": "pending",
    "belum diverifikasi": "pending",
    "belum terverifikasi": "pending",
    "belum": "pending",
    "proses": "pending",
    "diproses": "pending",
    "dalam proses": "pending",
    "pending": "pending",
}


@cached
def _verification(value: str) -> str:
    c = clean(value)
    if is_blank(c):
        return "pending"
    found = _VERIFICATION.get(fold(c))
    if found is None:
        raise invalid("verification_unknown")
    return found


def verification(value: str) -> str:
    """The secretariat's column: verified | rejected | pending (empty)."""
    return _verification(value) if value else "pending"
