"""A pull that would remove too much is refused: an emptied sheet, the wrong tab or
a header-only export must not empty the site. Removing more than a fifth of the
published members or programs, or all of them, needs `--accept-removals`."""

from __future__ import annotations

from dataclasses import dataclass

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


def removals(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> list[Removal]:
    """The guarded files a pull would shrink too much: over LIMIT of their records, or all."""
    found = []
    for name in GUARDED:
        old = {r["id"] for r in before.get(name, [])}
        new = {r["id"] for r in after.get(name, [])}
        removal = Removal(name, len(old), len(new), len(old - new))
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
