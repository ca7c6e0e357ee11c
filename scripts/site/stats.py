"""Every figure of the site, computed once, here, from the records of data/.

Pages only show these numbers (templates do no arithmetic), so the home page,
a sector page and a member page can never disagree. Counting rules, also
stated on the pages:
- The headline rupiah total is the sum of the amounts that are known; a
  program without an amount adds nothing and is counted as "tanpa nilai".
- A program in several kecamatan counts, whole, in each of them: its full amount
  and beneficiaries in every one (no invented split, no fractional people), so
  the kecamatan rows overlap and say so.
- Ownership is the reporting member's.
- Compliance is counted for the reporting period (scripts/model/compliance.py).
- The annual report of a year holds the programs of that year (`year`). A
  program of several contribution types or beneficiary groups counts, whole, in
  each of them, so those rows overlap. Members who did not report are those
  registered by the year's end without a program of that year.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from scripts.config import Config, Forum, Region
from scripts.model import names, reference
from scripts.model.compliance import Compliance, Period, compliance, period
from scripts.model.dates import as_date
from scripts.model.reference import (
    BENEFICIARY_GROUPS,
    CONTRIBUTION_TYPES,
    OWNERSHIP,
    PROGRAM_STATUS,
    Reference,
)

UNKNOWN = "Tidak diketahui"
NO_KECAMATAN = "Tanpa kecamatan"
OPEN_NEED = ("terbuka", None)


@dataclass(frozen=True)
class Totals:
    programs: int = 0
    amount: int = 0  # sum of the known amounts
    amount_unknown: int = 0  # programs without an amount
    beneficiaries: int = 0
    beneficiaries_unknown: int = 0

    @property
    def known_amount(self) -> int | None:
        """The sum of the amounts reported; None (shown "–") when no program reported
        one: unknown is never Rp0."""
        return self.amount if self.amount_unknown < self.programs else None

    @property
    def known_beneficiaries(self) -> int | None:
        """The sum of the beneficiaries reported; None when no program reported any."""
        return self.beneficiaries if self.beneficiaries_unknown < self.programs else None


def totals(programs: Iterable[dict]) -> Totals:
    count = amount = amount_unknown = beneficiaries = beneficiaries_unknown = 0
    for program in programs:
        count += 1
        if program["amount"] is None:
            amount_unknown += 1
        else:
            amount += program["amount"]
        if program["beneficiaries"] is None:
            beneficiaries_unknown += 1
        else:
            beneficiaries += program["beneficiaries"]
    return Totals(count, amount, amount_unknown, beneficiaries, beneficiaries_unknown)


@dataclass(frozen=True)
class Row:
    """One line of a breakdown, and one bar of its chart."""

    key: str | int | None
    label: str
    programs: int
    amount: int | None  # None: no program of the row reported one
    beneficiaries: int | None
    members: int
    bar: float  # bar length: percent of the largest row's measure


@dataclass(frozen=True)
class Breakdown:
    measure: str  # what the bars show: "amount", "programs" or "beneficiaries"
    rows: list[Row]


@dataclass(frozen=True)
class Part:
    """A program's part in one group of a breakdown."""

    key: str | int | None
    program: dict
    amount: int | None
    beneficiaries: int | None


def whole(program: dict, key: str | int | None) -> Part:
    return Part(key, program, program["amount"], program["beneficiaries"])


def kecamatan_parts(program: dict, ref: Reference) -> list[Part]:
    """A program, whole, in each kecamatan it reaches: its value and its beneficiaries
    are not split (no invented precision, no fractional people)."""
    places = [k for k in ref.kecamatan if k in program["kecamatan"]]
    return [whole(program, key) for key in places] or [whole(program, None)]


def listed_parts(program: dict, field: str) -> list[Part]:
    """A program, whole, in each key of a list field (contribution types, groups)."""
    return [whole(program, key) for key in program[field]] or [whole(program, None)]


def breakdown(
    parts: Iterable[Part],
    labels: dict,
    measure: str = "amount",
    unknown: str = UNKNOWN,
    members: dict | None = None,
) -> Breakdown:
    """Rows for every labelled key (in the labels' order, zeros included), then
    the unknown key when it has programs. `members` overrides the member count
    (for ownership: every member, reporting or not)."""
    groups: dict = defaultdict(list)
    for part in parts:
        groups[part.key].append(part)
    keys = list(labels) + ([None] if None in groups or (members and None in members) else [])
    values = []
    for key in keys:
        group = groups.get(key, [])
        group_totals = totals({"amount": p.amount, "beneficiaries": p.beneficiaries} for p in group)
        member_count = (
            members.get(key, 0)
            if members is not None
            else len({p.program["member"] for p in group})
        )
        values.append((key, group_totals, member_count))
    measured = [getattr(t, measure) for _, t, _ in values]
    largest = max(measured, default=0)
    rows = [
        Row(
            key=key,
            label=labels[key] if key is not None else unknown,
            programs=t.programs,
            amount=t.known_amount,
            beneficiaries=t.known_beneficiaries,
            members=count,
            bar=round(100 * value / largest, 1) if largest else 0.0,
        )
        for (key, t, count), value in zip(values, measured, strict=True)
    ]
    return Breakdown(measure, rows)


@dataclass(frozen=True)
class Tile:
    """A kecamatan's square on the schematic map, shaded by its programs."""

    column: int
    line: int
    row: Row
    shade: int  # 0 (no program) to 4 (the most programs)


@dataclass(frozen=True)
class TileMap:
    columns: int
    lines: int
    tiles: list[Tile]
    most: int  # the most programs of a kecamatan: the darkest shade
    source: str


def tile_map(region: Region, by_kecamatan: Breakdown) -> TileMap | None:
    """The kecamatan as squares where config.yml places them; None when a kecamatan
    has no square (a map with holes would mislead)."""
    if not region.has_map:
        return None
    rows = {row.key: row for row in by_kecamatan.rows}
    most = max((rows[k.slug].programs for k in region.kecamatan), default=0)
    tiles = [
        Tile(
            k.tile[0], k.tile[1], rows[k.slug], -(-4 * rows[k.slug].programs // most) if most else 0
        )
        for k in region.kecamatan
    ]
    return TileMap(
        columns=1 + max(t.column for t in tiles),
        lines=1 + max(t.line for t in tiles),
        tiles=tiles,
        most=most,
        source=region.map_source,
    )


def program_order(program: dict) -> tuple:
    """Newest year first, then by title."""
    return (-program["year"], program["title"].casefold(), program["id"])


@dataclass(frozen=True)
class MemberFigures:
    member: dict
    totals: Totals
    programs: list[dict]
    sectors: list[str]  # sector slugs of its programs, in reference order
    last_reported: datetime.date | None


@dataclass(frozen=True)
class MemberShare:
    """A member's part in one sector."""

    member: dict
    totals: Totals


@dataclass(frozen=True)
class SectorFigures:
    key: str
    label: str
    totals: Totals
    programs: list[dict]
    members: list[MemberShare]  # members with programs in the sector, largest amount first
    interested: list[dict]  # members that named the sector as an interest
    by_year: Breakdown


@dataclass(frozen=True)
class NeedFigures:
    need: dict
    programs: list[dict]  # the programs that name it


@dataclass(frozen=True)
class Needs:
    open: list[NeedFigures]
    adopted: list[NeedFigures]  # adopted or done
    open_cost: int  # sum of the known estimated costs of open needs
    open_cost_unknown: int


@dataclass(frozen=True)
class Figure:
    """One headline number of an annual report: its page and its workbook show this."""

    key: str
    label: str
    value: int
    rupiah: bool = False


@dataclass(frozen=True)
class ReportTable:
    """One breakdown of an annual report, a table on its page and a sheet of its workbook."""

    key: str
    title: str
    breakdown: Breakdown
    note: str | None = None


# The one rule of every breakdown where a program can be in several rows (kecamatan,
# contribution types, beneficiary groups): counted whole in each, never split.
OVERLAP_NOTE = (
    "Program dengan beberapa pilihan dihitung utuh di setiap pilihannya, sehingga baris-baris "
    "ini dapat berjumlah lebih dari total."
)


# How the sums of an annual report are made, under its summary on the page and in the PDF.
SUMS_NOTE = (
    "Nilai kontribusi dan penerima manfaat adalah jumlah yang dilaporkan; program tanpa nilai "
    "atau tanpa jumlah penerima manfaat tidak ikut dijumlahkan. Kepemilikan mengikuti status "
    "badan usaha pelapor."
)


@dataclass(frozen=True)
class AnnualReport:
    year: int
    totals: Totals
    summary: list[Figure]
    tables: list[ReportTable]
    reported: list[MemberShare]  # members with programs of the year, by name
    missing: list[dict]  # members registered by the year's end without one, by name
    needs: list[NeedFigures]  # needs named by programs of the year, those programs only
    programs: list[dict]


@dataclass(frozen=True)
class Change:
    """One figure of the latest year against the year before."""

    key: str
    label: str
    latest: int | None
    previous: int | None
    rupiah: bool = False

    @property
    def delta(self) -> int | None:
        if self.latest is None or self.previous is None:
            return None
        return self.latest - self.previous

    @property
    def ratio(self) -> float | None:
        """The change as a share of the year before; None where it cannot be said."""
        if self.delta is None or not self.previous:
            return None
        return self.delta / self.previous


@dataclass(frozen=True)
class YearOnYear:
    latest: int
    previous: int
    changes: list[Change]


def year_on_year(reports: list[AnnualReport]) -> YearOnYear | None:
    """The latest annual report against the one of the year before, when there is one."""
    by_year = {r.year: r for r in reports}
    if not by_year or max(by_year) - 1 not in by_year:
        return None
    now, before = by_year[max(by_year)], by_year[max(by_year) - 1]
    return YearOnYear(
        now.year,
        before.year,
        [
            Change("programs", "program", now.totals.programs, before.totals.programs),
            Change(
                "amount",
                "nilai kontribusi",
                now.totals.known_amount,
                before.totals.known_amount,
                rupiah=True,
            ),
            Change(
                "beneficiaries",
                "penerima manfaat",
                now.totals.known_beneficiaries,
                before.totals.known_beneficiaries,
            ),
            Change("members", "anggota melapor", len(now.reported), len(before.reported)),
        ],
    )


@dataclass(frozen=True)
class Figures:
    ref: Reference
    forum: Forum
    updated: datetime.date | None
    members: int
    totals: Totals
    by_sector: Breakdown
    by_kecamatan: Breakdown
    kecamatan_map: TileMap | None
    by_year: Breakdown
    by_ownership: Breakdown
    by_status: Breakdown
    sectors: list[SectorFigures]
    member_figures: list[MemberFigures]  # by name
    programs: list[dict]  # newest first
    years: list[int]  # newest first
    period: Period  # the reporting period of the compliance page
    compliance: Compliance  # of the period
    compliance_years: list[Compliance]  # one per annual report, newest first
    change: YearOnYear | None  # the latest year against the year before
    needs: Needs
    reports: list[AnnualReport]  # newest first, one per year in `years`


def _member_figures(member: dict, programs: list[dict], ref: Reference) -> MemberFigures:
    present = {p["sector"] for p in programs}
    reported = [as_date(p["reported"]) for p in programs]
    return MemberFigures(
        member=member,
        totals=totals(programs),
        programs=sorted(programs, key=program_order),
        sectors=[s for s in ref.sectors if s in present],
        last_reported=max(reported, default=None),
    )


def _sector_figures(
    key: str, programs: list[dict], members: list[dict], by_id: dict, ref: Reference
):
    by_member: dict[str, list[dict]] = defaultdict(list)
    for program in programs:
        by_member[program["member"]].append(program)
    shares = [MemberShare(by_id[m], totals(ps)) for m, ps in by_member.items()]
    shares.sort(key=lambda s: (-s.totals.amount, names.sort_key(s.member["name"])))
    years = sorted({p["year"] for p in programs})
    return SectorFigures(
        key=key,
        label=ref.sectors[key],
        totals=totals(programs),
        programs=sorted(programs, key=program_order),
        members=shares,
        interested=[m for m in members if key in m["sectors"]],
        by_year=breakdown((whole(p, p["year"]) for p in programs), {y: str(y) for y in years}),
    )


def _adopters(programs: list[dict]) -> dict[str, list[dict]]:
    """Need code → the programs naming it: read from the programs' own `need`, the
    source of needs.yaml's `programs`."""
    adopters: dict[str, list[dict]] = defaultdict(list)
    for program in programs:
        if program["need"]:
            adopters[program["need"]].append(program)
    return adopters


def _needs(needs: list[dict], programs: list[dict]) -> Needs:
    adopters = _adopters(programs)
    views = [NeedFigures(n, adopters[n["id"]]) for n in needs]
    open_needs = [v for v in views if v.need["status"] in OPEN_NEED]
    costs = [v.need["estimated_cost"] for v in open_needs]
    return Needs(
        open=open_needs,
        adopted=[v for v in views if v.need["status"] not in OPEN_NEED],
        open_cost=sum(c for c in costs if c is not None),
        open_cost_unknown=sum(1 for c in costs if c is None),
    )


def _annual_report(
    year: int,
    programs: list[dict],
    status: Compliance,  # the year's compliance: the same members as its compliance page
    ownership_of: dict,
    needs: list[dict],
    ref: Reference,
) -> AnnualReport:
    own = [p for p in programs if p["year"] == year]
    by_member: dict[str, list[dict]] = defaultdict(list)
    for program in own:
        by_member[program["member"]].append(program)
    reported = [MemberShare(s.member, totals(by_member[s.member["id"]])) for s in status.reported]
    missing = [s.member for s in status.missing]
    named = _adopters(own)
    adopted = [NeedFigures(n, named[n["id"]]) for n in needs if n["id"] in named]
    t = totals(own)
    return AnnualReport(
        year=year,
        totals=t,
        summary=[
            Figure("programs", "program", t.programs),
            Figure("amount", "nilai kontribusi", t.amount, rupiah=True),
            Figure("beneficiaries", "penerima manfaat", t.beneficiaries),
            Figure("members-reported", "anggota melapor", len(reported)),
            Figure("members-missing", "anggota belum melapor", len(missing)),
            Figure("needs-adopted", "kebutuhan daerah diadopsi", len(adopted)),
            Figure("amount-unknown", "program tanpa nilai kontribusi", t.amount_unknown),
            Figure(
                "beneficiaries-unknown",
                "program tanpa jumlah penerima manfaat",
                t.beneficiaries_unknown,
            ),
        ],
        tables=[
            ReportTable(
                "sektor", "Per sektor", breakdown((whole(p, p["sector"]) for p in own), ref.sectors)
            ),
            ReportTable(
                "kecamatan",
                "Per kecamatan",
                breakdown(
                    (part for p in own for part in kecamatan_parts(p, ref)),
                    ref.kecamatan,
                    measure="programs",
                    unknown=NO_KECAMATAN,
                ),
                OVERLAP_NOTE,
            ),
            ReportTable(
                "kepemilikan",
                "Per status kepemilikan",
                breakdown((whole(p, ownership_of[p["member"]]) for p in own), OWNERSHIP),
            ),
            ReportTable(
                "kontribusi",
                "Per bentuk kontribusi",
                breakdown(
                    (part for p in own for part in listed_parts(p, "contribution_types")),
                    CONTRIBUTION_TYPES,
                ),
                OVERLAP_NOTE,
            ),
            ReportTable(
                "status",
                "Per status program",
                breakdown((whole(p, p["status"]) for p in own), PROGRAM_STATUS, "programs"),
            ),
            ReportTable(
                "penerima",
                "Penerima manfaat per kelompok",
                breakdown(
                    (part for p in own for part in listed_parts(p, "beneficiary_groups")),
                    BENEFICIARY_GROUPS,
                    "beneficiaries",
                ),
                OVERLAP_NOTE,
            ),
        ],
        reported=reported,
        missing=missing,
        needs=adopted,
        programs=own,
    )


def compute(data: dict[str, list[dict]], updated: datetime.date | None, config: Config) -> Figures:
    ref = reference.of(config)
    reporting = period(data, config.reporting_year)
    members = sorted(data["members"], key=names.member_order)
    programs = sorted(data["programs"], key=program_order)
    member_by_id = {m["id"]: m for m in members}

    programs_of: dict[str, list[dict]] = defaultdict(list)
    for program in programs:
        programs_of[program["member"]].append(program)
    member_figures = [_member_figures(m, programs_of[m["id"]], ref) for m in members]

    in_sector: dict[str, list[dict]] = defaultdict(list)
    for program in programs:
        in_sector[program["sector"]].append(program)

    ownership_of = {m["id"]: m["ownership"] for m in members}
    members_by_ownership: dict = defaultdict(int)
    for member in members:
        members_by_ownership[member["ownership"]] += 1
    years = sorted({p["year"] for p in programs}, reverse=True)
    needs = sorted(data["needs"], key=lambda n: n["id"])

    by_kecamatan = breakdown(
        (part for p in programs for part in kecamatan_parts(p, ref)),
        ref.kecamatan,
        measure="programs",
        unknown=NO_KECAMATAN,
    )
    # Each year's compliance once: its compliance page and its annual report share it.
    by_year = {y: compliance(data, y) for y in years}
    reports = [_annual_report(y, programs, by_year[y], ownership_of, needs, ref) for y in years]
    return Figures(
        ref=ref,
        forum=config.forum,
        updated=updated,
        members=len(members),
        totals=totals(programs),
        by_sector=breakdown((whole(p, p["sector"]) for p in programs), ref.sectors),
        by_kecamatan=by_kecamatan,
        kecamatan_map=tile_map(config.region, by_kecamatan),
        by_year=breakdown(
            (whole(p, p["year"]) for p in programs), {y: str(y) for y in sorted(years)}
        ),
        by_ownership=breakdown(
            (whole(p, ownership_of[p["member"]]) for p in programs),
            OWNERSHIP,
            members=members_by_ownership,
        ),
        by_status=breakdown((whole(p, p["status"]) for p in programs), PROGRAM_STATUS, "programs"),
        sectors=[_sector_figures(s, in_sector[s], members, member_by_id, ref) for s in ref.sectors],
        member_figures=member_figures,
        programs=programs,
        years=years,
        period=reporting,
        compliance=by_year.get(reporting.year) or compliance(data, reporting.year),
        compliance_years=[by_year[y] for y in years],
        needs=_needs(needs, programs),
        reports=reports,
        change=year_on_year(reports),
    )
