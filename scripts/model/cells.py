"""Cells for spreadsheets: every text a form answer can hold stays text.

Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return as a formula (CSV injection). Such a text cell is written to CSV with a
leading apostrophe, which Excel and LibreOffice read as "this is text", and to
XLSX as an explicit string with the quote-prefix style. Numbers and dates are never
text, so they stay numbers. The open data downloads and the secretariat's status
table both write their cells here.
"""

from __future__ import annotations

import datetime

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from scripts.model.text import XML_ILLEGAL

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_CLASS = r"[=+\-@\t\r]"  # the same characters, as a regular expression
SEPARATOR = "; "  # between the values of a list field in one cell (URLs hold no spaces)
BOLD = Font(bold=True)


def csv_cell(value) -> str:
    """A value as CSV cell text: lists joined, null empty, formula-like text neutralised."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = SEPARATOR.join(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return str(value)


def xlsx_cell(sheet, value, bold: bool = False, style=None) -> WriteOnlyCell:
    """A value as an XLSX cell: text always a string (never a formula), numbers and dates
    typed; `style(cell)` may dress it further."""
    if isinstance(value, list):
        value = SEPARATOR.join(value)
    if isinstance(value, str):
        value = XML_ILLEGAL.sub("", value)
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would take text starting with "=" for a formula
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    elif isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    if bold:
        cell.font = BOLD
    if style is not None:
        style(cell)
    return cell
