"""Reporting compliance: which members reported in a year, computed once for the
site's compliance page and the secretariat's quality checks."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from scripts.model import names
from scripts.model.dates import as_date


@dataclass(frozen=True)
class ReportStatus:
    member: dict
    programs: int  # programs reported in the compliance year
    last_reported: datetime.date | None


@dataclass(frozen=True)
class Compliance:
    year: int | None
    reported: list[ReportStatus]
    missing: list[ReportStatus]
    share: float | None  # reported / members


def compliance(data: dict[str, list[dict]], year: int | None) -> Compliance:
    """Each member (in name order) with the programs it reported in `year`."""
    reports: dict[str, list[datetime.date]] = defaultdict(list)
    for program in data["programs"]:
        reports[program["member"]].append(as_date(program["reported"]))
    members = sorted(data["members"], key=names.member_order)
    reported, missing = [], []
    for member in members:
        days = reports[member["id"]]
        count = sum(1 for day in days if day.year == year)
        status = ReportStatus(member, count, max(days, default=None))
        (reported if count else missing).append(status)
    share = len(reported) / len(members) if members else None
    return Compliance(year, reported, missing, share)
