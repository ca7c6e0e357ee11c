"""Row validation: one sheet row in, one normalised record or its rejections out.

Each question is read by its normaliser (see `questions.py`); a failure becomes a
`Rejection` — data naming the sheet, row and column, a stable code and an
Indonesian message, never the value — and so do the rules across questions.
A row with any rejection is not published. A failure in an optional answer (a
column neither required nor holding consent or status) is a warning instead: the
answer is dropped and the row published.
"""

from __future__ import annotations

from scripts.errors import InvalidValue
from scripts.intake import normalise as n
from scripts.intake.questions import CONSENT, STATUS, Question, normaliser
from scripts.intake.report import Rejection


class Reader:
    """Reads the questions of one part of a form for a forum's region and date order."""

    def __init__(self, questions: tuple[Question, ...], region, date_order: str) -> None:
        self.fields = [(q, normaliser(q, region, date_order)) for q in questions]

    def read(self, cells: dict[str, str], sheet: str, row: int) -> tuple[dict, list[Rejection]]:
        """Normalise one row; every problem is collected, not just the first.

        A rejected answer reads as unknown (None, or [] for a list): every key is present,
        so the row's later checks run on a row of junk as on any other.
        """
        values: dict = {}
        problems: list[Rejection] = []
        for question, normalise in self.fields:
            raw = cells.get(question.header, "")
            try:
                value = normalise(raw) if raw else ([] if question.many else None)
            except InvalidValue as invalid:
                warn = optional(question)
                problems.append(
                    Rejection(sheet, row, question.header, invalid.code, invalid.message, warn)
                )
                values[question.key] = [] if question.many else None
                continue
            if question.value_required and value in (None, "", []):
                problems.append(Rejection.of(sheet, row, question.header, "required"))
            values[question.key] = value
        return values, problems


def optional(question: Question) -> bool:
    """An answer that may be dropped when it cannot be read: the row still stands."""
    required = question.column_required or question.value_required
    return not required and question.part not in (CONSENT, STATUS)


def check_ownership(values: dict, sheet: str, row: int) -> list[Rejection]:
    """Ownership follows from the legal form and the stated status; they must agree."""
    try:
        values["ownership"] = n.ownership(
            values["legal_form"], values.pop("ownership_stated") or ""
        )
    except InvalidValue as invalid:
        values["ownership"] = None
        return [Rejection(sheet, row, "Status Kepemilikan", invalid.code, invalid.message)]
    return []


def check_program_dates(values: dict, sheet: str, row: int) -> list[Rejection]:
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        return [Rejection.of(sheet, row, "Tanggal Selesai", "end_before_start")]
    return []
