"""Rendering: the Jinja environment of the page templates, and the one escaping
function every value from data/ goes through (`text`, the environment's finalize)."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from scripts import paths
from scripts.config import REPO_ROOT, Config
from scripts.model.dates import past_end
from scripts.model.links import http_url
from scripts.model.reference import (
    BENEFICIARY_GROUPS,
    CONTRIBUTION_TYPES,
    NEED_STATUS,
    OWNERSHIP,
    PROGRAM_STATUS,
    Reference,
)
from scripts.model.text import FRONT_MATTER_UNSAFE, NEEDS_CLEANING
from scripts.site import exports, formats, stats

TEMPLATES: Path = REPO_ROOT / "templates"


def text(value: object) -> Markup:
    """Any value as HTML text: escaped, line breaks as <br>, never a blank line.

    The Jinja environment's `finalize`: applied to every `{{ … }}`. Markup (a
    macro's output, built from already escaped values) passes unchanged.
    """
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup(escape(formats.MISSING))
    value = str(value)
    if not NEEDS_CLEANING.search(value):
        return escape(value)  # the common case, kept fast: 10,000 pages call this a lot
    lines = FRONT_MATTER_UNSAFE.sub("", value).splitlines()
    return Markup("<br>").join(escape(line) for line in lines)


_PHONE = re.compile(r"\+62[2-9][0-9]{7,12}")
_MOBILE = re.compile(r"\+628[0-9]{7,11}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


_DATA_TABLE = re.compile(r'(<table class="data-table">)(.*?)(</table>)', re.DOTALL)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.DOTALL)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
_BODY_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.DOTALL)
_CELL_OPEN = re.compile(r"<(td|th)\b")
_TAG = re.compile(r"<[^>]+>")


def labelled_cells(html: str) -> str:
    """Every body cell of a data table gets its column's header as `data-label`, so
    that on a phone each row reads as a card of "label: value" (site.css)."""

    def table(match: re.Match[str]) -> str:
        head = _HEAD.search(match.group(2))
        if head is None:
            return match.group(0)
        labels = [_TAG.sub("", cell).strip() for cell in _HEAD_CELL.findall(head.group(1))]
        body = match.group(2)[head.end() :]

        def row(row_match: re.Match[str]) -> str:
            cells = iter(labels)

            def cell(cell_match: re.Match[str]) -> str:
                label = next(cells, "")
                return f'<{cell_match.group(1)} data-label="{label}"'

            return (
                row_match.group(1) + _CELL_OPEN.sub(cell, row_match.group(2)) + row_match.group(3)
            )

        labelled = _BODY_ROW.sub(row, body)
        return match.group(1) + match.group(2)[: head.end()] + labelled + match.group(3)

    return _DATA_TABLE.sub(table, html)


def tel_href(phone: object) -> str | None:
    """`tel:` link of a stored (E.164) Indonesian number; None for anything else."""
    return f"tel:{phone}" if isinstance(phone, str) and _PHONE.fullmatch(phone) else None


def whatsapp_href(phone: object) -> str | None:
    """A WhatsApp chat link of a mobile number (WhatsApp needs one)."""
    if isinstance(phone, str) and _MOBILE.fullmatch(phone):
        return f"https://wa.me/{phone.removeprefix('+')}"
    return None


def mailto_href(email: object) -> str | None:
    return f"mailto:{email}" if isinstance(email, str) and _EMAIL.fullmatch(email) else None


def _labeller(labels: dict[str, str]):
    return lambda key: labels.get(key, key) if key is not None else None


def _list_labeller(labels: dict[str, str]):
    return lambda keys: ", ".join(labels.get(k, k) for k in keys) if keys else None


def environment(config: Config, ref: Reference) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        rupiah=formats.rupiah,
        rupiah_compact=formats.rupiah_compact,
        number=formats.number,
        percent=formats.percent,
        change=formats.change,
        date=formats.date,
        years=formats.years,
        label_lines=formats.label_lines,
        http_url=http_url,
        past_end=past_end,
        tel_href=tel_href,
        whatsapp_href=whatsapp_href,
        mailto_href=mailto_href,
        sector=_labeller(ref.sectors),
        kecamatan=_labeller(ref.kecamatan),
        kecamatan_list=_list_labeller(ref.kecamatan),
        ownership=_labeller(OWNERSHIP),
        status=_labeller(PROGRAM_STATUS),
        need_status=_labeller(NEED_STATUS),
        contributions=_list_labeller(CONTRIBUTION_TYPES),
        groups=_list_labeller(BENEFICIARY_GROUPS),
        sectors=_list_labeller(ref.sectors),
        filesize=formats.filesize,
    )
    env.globals.update(
        MISSING=formats.MISSING,
        overlap_note=stats.OVERLAP_NOTE,
        sums_note=stats.SUMS_NOTE,
        SECTORS=ref.sectors,
        KECAMATAN=ref.kecamatan,
        forum=config.forum,
        region=config.region,
        PROGRAM_STATUS=PROGRAM_STATUS,
        route=paths,
        download_path=exports.slice_path,
        report_path=exports.report_path,
        report_pdf_path=exports.report_pdf_path,
    )
    return env
