"""Cells for spreadsheets: every text a form answer can hold stays text.

Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return as a formula (CSV injection). Such a text cell is written to CSV with a
leading apostrophe, which Excel and LibreOffice read as "this is text", and to
XLSX (with XlsxWriter) as an explicit string with the quote-prefix style. Numbers
and dates are never text, so they stay numbers. The open data downloads and the secretariat's status
table both write their cells here.
"""

from __future__ import annotations

import datetime

from scripts.model.text import XML_ILLEGAL

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_CLASS = r"[=+\-@\t\r]"  # the same characters, as a regular expression
SEPARATOR = "; "  # between the values of a list field in one cell (URLs hold no spaces)
DATE_FORMAT = "yyyy-mm-dd"  # a date cell's format unless its column has its own


def csv_cell(value) -> str:
    """A value as CSV cell text: lists joined, null empty, formula-like text neutralised."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = SEPARATOR.join(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return str(value)


class Formats:
    """The cell formats of one XlsxWriter workbook, each made once: a workbook holds
    every format it is given, and a row of ten thousand would make as many."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.made: dict[tuple, object] = {}

    def __call__(self, **properties):
        key = tuple(sorted(properties.items()))
        if key not in self.made:
            self.made[key] = self.workbook.add_format(properties) if properties else None
        return self.made[key]


def xlsx_row(
    sheet, formats: Formats, row: int, values, bold=False, wrap=False, number_formats=()
) -> None:
    """One row of cells: text always a string (never a formula), numbers and dates
    typed; `number_formats[i]` formats column i's numbers and dates."""
    base = {"bold": True} if bold else {}
    if wrap:  # long text on several lines, from the top of the cell
        base |= {"text_wrap": True, "valign": "top"}
    number_formats = list(number_formats)
    for column, value in enumerate(values):
        if isinstance(value, list):
            value = SEPARATOR.join(value)
        shown = number_formats[column] if column < len(number_formats) else None
        if value is None:
            continue
        if isinstance(value, str):
            value = XML_ILLEGAL.sub("", value)
            # And Excel keeps formula-like text a text when the cell is edited.
            quoted = {"quote_prefix": True} if value.startswith(FORMULA_START) else {}
            sheet.write_string(row, column, value, formats(**base, **quoted))
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value, formats(**base))
        elif isinstance(value, datetime.date):
            sheet.write_datetime(
                row, column, value, formats(**base, num_format=shown or DATE_FORMAT)
            )
        else:
            sheet.write_number(
                row, column, value, formats(**base, **({"num_format": shown} if shown else {}))
            )
