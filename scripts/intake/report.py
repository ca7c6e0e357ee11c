"""What a pull says about each sheet: the outcome of every row, in sheet row order,
with its reasons (the rejections of a row not published, the warnings of one that
is: an optional answer that could not be read, dropped). The reasons are data
(sheet, row, column, code, message), never a cell's value.

A row's `subject` (the business or program as the row names it) helps the
secretariat find the row in the status table; it never reaches the JSON report,
data/, the site or a log.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from scripts.model import codes

OUTCOME_LABELS = {
    "accepted": "diterbitkan",
    "updated": "memperbarui baris lain",
    "rejected": "ditolak sistem",
    "pending": "menunggu verifikasi",
    "declined": "ditolak sekretariat",
    "no_consent": "tanpa persetujuan publikasi",
}
OUTCOMES = tuple(OUTCOME_LABELS)
PUBLISHED = ("accepted", "updated")


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


@dataclass(slots=True)
class RowStatus:
    """One sheet row's outcome. A published row also knows its record (`route`, on the
    site) and, when it updated a record an earlier row made, that row (`updates`)."""

    row: int
    outcome: str
    subject: str = ""
    reasons: list[Rejection] = field(default_factory=list)
    route: str | None = None
    updates: int | None = None


@dataclass
class SheetReport:
    sheet: str
    rows: list[RowStatus] = field(default_factory=list)

    def settle(
        self, row: int, outcome: str, subject: str = "", reasons: list[Rejection] = ()
    ) -> RowStatus:
        """Record a row's outcome; the returned status may still learn its record."""
        status = RowStatus(row, outcome, subject, list(reasons))
        self.rows.append(status)
        return status

    def in_order(self) -> list[RowStatus]:
        return sorted(self.rows, key=lambda s: s.row)

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(s.outcome for s in self.rows)
        return {outcome: found[outcome] for outcome in OUTCOMES}

    @property
    def rejections(self) -> list[Rejection]:
        """Why rows were rejected. (The reasons of other rows not published, such as a
        withdrawal elsewhere or a pending row's warnings, are for the status table.)"""
        return [r for s in self.in_order() if s.outcome == "rejected" for r in s.reasons]

    @property
    def warnings(self) -> list[Rejection]:
        """The optional answers dropped from published rows."""
        return [r for s in self.in_order() if s.outcome in PUBLISHED for r in s.reasons]

    def as_dict(self) -> dict:
        counts = self.counts
        return {
            "sheet": self.sheet,
            "read": len(self.rows),
            **counts,
            "rejections": [r.as_dict() for r in self.rejections],
            "warnings": [w.as_dict() for w in self.warnings],
        }
