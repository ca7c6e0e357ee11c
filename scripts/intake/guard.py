"""A pull that would remove too much is refused: an emptied sheet, the wrong tab or
a header-only export must not empty the site. Removing more than a fifth of the
published members or programs, or all of them, needs `--accept-removals`.

A removal someone asked for does not count: a business that withdrew consent or
whose registration the secretariat declined, with its programs. A withdrawal must
leave the site at once, however small the forum."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.model import store

GUARDED = {"members": "anggota", "programs": "program"}
LIMIT = 0.2  # the share of published records a pull may remove unasked


@dataclass(frozen=True)
class Removal:
    name: str  # "members", "programs"
    before: int
    after: int
    removed: int

    @property
    def share(self) -> float:
        return self.removed / self.before if self.before else 0.0

    def message(self) -> str:
        word = GUARDED[self.name]
        return (
            f"{word} yang terbit akan berkurang dari {self.before} menjadi {self.after} "
            f"({self.removed} dihapus, {self.share:.0%})"
        )


# What the guard reads of a published record: its id, and what ties it to a member.
FIELDS = {"members": ("id", "nib", "name"), "programs": ("id", "member")}


def published(data_dir: Path) -> dict[str, list[dict]]:
    """The guarded records of `data_dir`, only the FIELDS the guard reads: loaded on
    another core while the sheets are read (seconds of YAML at 100,000 rows), they
    travel back small. An unreadable file raises StoreError, as `store.load`."""
    return {
        name: [{key: record.get(key) for key in keys} for record in store.load_file(path)]
        for name, keys in FIELDS.items()
        for path in [store.path_of(data_dir, name)]
    }


def removals(
    before: dict[str, list[dict]],
    after: dict[str, list[dict]],
    asked: dict[str, set[str]] | None = None,
) -> list[Removal]:
    """The guarded files a pull would shrink too much: over LIMIT of their records, or
    all. `asked`: the ids per file whose removal was asked for, left out of the count."""
    asked = asked or {}
    found = []
    for name in GUARDED:
        old = {r["id"] for r in before.get(name, [])}
        new = {r["id"] for r in after.get(name, [])}
        removal = Removal(name, len(old), len(new), len(old - new - asked.get(name, set())))
        if removal.removed and (removal.share > LIMIT or not new):
            found.append(removal)
    return found


def refusal(found: list[Removal]) -> str:
    """The Indonesian message of a refused pull: the counts, the likely causes, the way on."""
    return (
        "Penarikan dibatalkan, data/ tidak diubah: "
        + "; ".join(r.message() for r in found)
        + f". Batasnya {LIMIT:.0%}. Kemungkinan penyebab: tab lembar yang salah, lembar yang "
        "dikosongkan, atau berkas unduhan yang hanya berisi baris judul. Periksa sumbernya; "
        "bila penghapusan ini memang dikehendaki, jalankan lagi dengan --accept-removals."
    )


ASKED = ("no_consent", "declined")  # member fates that are a removal asked for


def asked_removals(before: dict[str, list[dict]], fate_of) -> dict[str, set[str]]:
    """The published members whose row now says they withdrew or were declined (by
    `fate_of(nib, name)`), and their programs."""
    members = {
        m["id"] for m in before.get("members", []) if fate_of(m.get("nib"), m.get("name")) in ASKED
    }
    programs = {p["id"] for p in before.get("programs", []) if p.get("member") in members}
    return {"members": members, "programs": programs}
