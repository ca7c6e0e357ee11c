"""What a pull says about each sheet: counts per outcome, every rejection, and every
warning (an optional answer that could not be read, dropped; the row is published),
as data (sheet, row, column, code, message), never a cell's value."""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts.model import codes

OUTCOME_LABELS = {
    "accepted": "diterbitkan",
    "rejected": "ditolak sistem",
    "pending": "menunggu verifikasi",
    "declined": "ditolak sekretariat",
    "no_consent": "tanpa persetujuan publikasi",
}
OUTCOMES = tuple(OUTCOME_LABELS)


@dataclass(frozen=True)
class Rejection:
    sheet: str
    row: int
    column: str
    code: str
    message: str
    # A problem of an optional answer: the answer is dropped, the row still published.
    warning: bool = False

    @classmethod
    def of(cls, sheet: str, row: int, column: str, code: str, **params: object) -> Rejection:
        """A rejection by a code of the catalogue, its message filled in with `params`."""
        return cls(sheet, row, column, code, codes.message(code, **params))

    def as_dict(self) -> dict:
        # Not asdict(): it deep-copies, slow over 100,000 rows.
        return {k: v for k, v in vars(self).items() if k != "warning"}


@dataclass
class SheetReport:
    sheet: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        self.counts[outcome] += 1

    def warn(self, warnings: list[Rejection]) -> None:
        self.warnings.extend(warnings)

    def reject(self, problems: list[Rejection]) -> None:
        self.counts["rejected"] += 1
        self.rejections.extend(problems)

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "read": sum(self.counts.values()),
            **self.counts,
            "rejections": [r.as_dict() for r in self.rejections],
            "warnings": [w.as_dict() for w in self.warnings],
        }
