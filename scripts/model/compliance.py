"""Reporting compliance: which members reported programs for a year, computed once for
the compliance pages, the annual reports and the secretariat's quality checks.

A member has reported for a year when at least one of its published programs is of
that year (the program's year, as the annual report counts it). It is expected to
report for a year when it had registered by that year's end. The reporting period
is the year of the latest annual report (the latest program year), unless the
config fixes one (`reporting_year`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from scripts.model import names
from scripts.model.dates import as_date


@dataclass(frozen=True)
class ReportStatus:
    member: dict
    programs: int  # its programs of the year
    last_reported: datetime.date | None  # when it last reported any program


@dataclass(frozen=True)
class Compliance:
    year: int | None
    reported: list[ReportStatus]  # by name
    missing: list[ReportStatus]  # registered by the year's end, no program of the year
    share: float | None  # reported / (reported + missing)


@dataclass(frozen=True)
class Period:
    """The reporting period and why it is that year, as the pages state it."""

    year: int | None
    fixed: bool  # set in config.yml, not the latest annual report

    @property
    def rule(self) -> str:
        if self.fixed:
            return "ditetapkan sekretariat forum"
        return "tahun laporan tahunan terbaru"


def period(data: dict[str, list[dict]], fixed_year: int | None = None) -> Period:
    if fixed_year is not None:
        return Period(fixed_year, True)
    years = [p["year"] for p in data["programs"]]
    return Period(max(years) if years else None, False)


def compliance(data: dict[str, list[dict]], year: int | None) -> Compliance:
    """Each member expected to report for `year`, with its programs of that year."""
    of_year: dict[str, int] = defaultdict(int)
    reports: dict[str, list[datetime.date]] = defaultdict(list)
    for program in data["programs"]:
        reports[program["member"]].append(as_date(program["reported"]))
        if program["year"] == year:
            of_year[program["member"]] += 1
    reported, missing = [], []
    if year is not None:
        year_end = datetime.date(year, 12, 31)
        for member in sorted(data["members"], key=names.member_order):
            status = ReportStatus(
                member, of_year[member["id"]], max(reports[member["id"]], default=None)
            )
            if status.programs:
                reported.append(status)
            elif as_date(member["registered"]) <= year_end:
                missing.append(status)
    expected = len(reported) + len(missing)
    return Compliance(year, reported, missing, len(reported) / expected if expected else None)
