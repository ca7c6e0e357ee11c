"""From the forms' sheets to the public records of data/.

Decides what is published: moderation (only `Terverifikasi` rows), consent
(nothing of a business without `Persetujuan Publikasi`, its contact person only
with `Persetujuan Publikasi Kontak`), identity (one member per business) and
stable ids. Private columns are never read into a record.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from scripts import paths
from scripts.config import Config
from scripts.intake import normalise as n
from scripts.intake.questions import (
    CONSENT,
    CONTACT,
    MEMBERS,
    NEEDS,
    PROGRAMS,
    RECORD,
    STATUS,
    TIMESTAMP,
    Form,
    column_index,
)
from scripts.intake.report import Rejection, SheetReport
from scripts.intake.rules import Reader, check_ownership, check_program_dates
from scripts.model import collector, parallel, progress, reference
from scripts.model.contacts import mask_contacts
from scripts.model.text import clean, fold
from scripts.sources.table import Table

# What identifies a business: an answer without consent withdraws it by these.
IDENTITY = tuple(q for q in MEMBERS.part(RECORD) if q.key in ("name", "nib"))
SUBJECT_LIMIT = 120  # characters of a row's subject in the status table


@cache
def questions_reader(questions: tuple, config: Config, date_order: str | None = None) -> Reader:
    """The reader of these questions, for this config (and a sheet's own date order)."""
    region = n.for_region(reference.of(config))
    return Reader(questions, region, date_order or config.date_order)


def reader(form: Form, part: str, config: Config, date_order: str | None = None) -> Reader:
    """The reader of one part of a form."""
    return questions_reader(form.part(part), config, date_order)


@dataclass
class Candidate:
    """A valid, publishable row waiting for its identity, with its warnings (and, for
    a member, the key of its name)."""

    row: int
    timestamp: object
    values: dict
    subject: str
    warnings: list[Rejection]
    key: str | None = None


def _binder(index: dict[str, int]) -> Callable[[list[str]], dict[str, str]]:
    """The {form header: cell} of a sheet row, by the header row's `index`; a ragged
    row padded. (Picked and zipped in C: a pull binds 100,000 rows.)"""
    names, positions = tuple(index), tuple(index.values())
    pick = operator.itemgetter(*positions, positions[0])  # a tuple, even of one column
    width = max(positions) + 1

    def cells(row: list[str]) -> dict[str, str]:
        if len(row) < width:
            row = [*row, *[""] * (width - len(row))]
        return dict(zip(names, pick(row), strict=False))

    return cells


def _blank(row: list[str]) -> bool:
    return not any(map(str.strip, row))  # a blank row left in the sheet


def bound_rows(table: Table, form: Form, config: Config):
    """(sheet row number, {form header: cell}) for each non-blank row."""
    cells = _binder(
        column_index(form, table.title, table.header, config.column_names, config.moderation)
    )
    for offset, row in enumerate(table.rows):
        if not _blank(row):
            yield offset + 2, cells(row)


def subject(form: Form, cells: dict) -> str:
    """What the row calls itself (business name, program title), as the secretariat
    searches their sheet for it: its cell's text, cleaned, any e-mail address or phone
    number in it masked, shortened."""
    return mask_contacts(clean(cells.get(form.subject, "")))[:SUBJECT_LIMIT]


def read_rows(table: Table, form: Form, config: Config, read_row: Callable) -> list:
    """`read_row(row, cells, status, problems)` of each non-blank row, in order, with
    the row's status (verification, timestamp) and its problems. Each row is read on
    its own, so the rows are split over all cores (model/parallel.py); a terminal
    shows them counted."""
    index = column_index(form, table.title, table.header, config.column_names, config.moderation)
    bind, stamp = _binder(index), index[TIMESTAMP]
    order = n.timestamp_order(
        (row[stamp] for row in table.rows if stamp < len(row)), config.date_order
    )
    status_reader = reader(form, STATUS, config, order)
    sheet = table.title

    def read(item: tuple[int, list[str]]):
        offset, row = item
        if _blank(row):
            return None
        cells = bind(row)
        status, problems = status_reader.read(cells, sheet, offset + 2)
        return read_row(offset + 2, cells, status, problems)

    items = list(enumerate(table.rows))
    found = progress.counted(
        parallel.streamed(read, items), f"Membaca {sheet}", "baris", len(items)
    )
    return [result for result in found if result is not None]


def declined(status: dict) -> bool:
    """`Ditolak` is honoured even with moderation off: it is how a row is taken down."""
    return status["verification"] == "rejected"


def held(problems: list[Rejection], status: dict, moderation: bool) -> str | None:
    """Why a row is not published on its own account: "rejected" (a problem that is
    not a warning), "pending" (not verified yet), or None."""
    if any(not p.warning for p in problems):
        return "rejected"
    if moderation and status["verification"] != "verified":
        return "pending"
    return None


def _triage(
    report: SheetReport,
    row: int,
    name: str,
    status: dict,
    problems: list[Rejection],
    moderation: bool,
) -> str | None:
    """The outcome of a row that is not published, settled in the report; None when it
    is published (its warnings, optional answers dropped, go with it). A rejected row
    lists all its problems; a row waiting for verification its warnings."""
    fate = held(problems, status, moderation)
    if fate is not None:
        report.settle(row, fate, name, problems)
    return fate


def _given(value) -> bool:
    return value is not None and value != "" and value != []


def updated(records: list[dict], keys) -> dict:
    """The first record with, for each key, the latest answer given (an empty answer
    in a newer row does not erase an older one). A record alone is returned itself,
    not copied: the callers own their rows' records, and most have one row."""
    if len(records) == 1:
        return records[0]
    merged = dict(records[0])
    for record in records[1:]:
        for key in keys:
            if _given(record[key]):
                merged[key] = record[key]
    return merged


def _settle_group(report: SheetReport, group: list[Candidate], route: str) -> None:
    """The first row of a record published it; each newer row updated it."""
    first = group[0]
    report.settle(first.row, "accepted", first.subject, first.warnings).route = route
    for candidate in group[1:]:
        status = report.settle(candidate.row, "updated", candidate.subject, candidate.warnings)
        status.route, status.updates = route, first.row


def _unique_ids(bases: list[str]) -> list[str]:
    """Each in turn gets its base id or, when an earlier one holds it, the first free
    -2, -3 …: free of any id given out, as "PT Kembar 2" after two "PT Kembar" shows."""
    given: set[str] = set()
    suffix: dict[str, int] = {}  # the last suffix tried per base: linear, not quadratic
    ids = []
    for base in bases:
        candidate = base
        if candidate in given:
            number = suffix.get(base, 1)
            while candidate in given:
                number += 1
                candidate = f"{base}-{number}"
            suffix[base] = number
        given.add(candidate)
        ids.append(candidate)
    return ids


@dataclass
class Fates:
    """What became of the member rows that were not published, by NIB and by name key,
    so a program of such a business can say why it is not published (the latest row
    of a business speaks)."""

    by_nib: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)

    def note(self, nib: str | None, key: str | None, fate: str) -> None:
        if nib:
            self.by_nib[nib] = fate
        if key is not None:
            self.by_name[key] = fate

    def of(self, nib: str | None, name: str | None) -> str | None:
        return self.of_key(nib, n.name_key(name) if name else None)

    def of_key(self, nib: str | None, key: str | None) -> str | None:
        fate = self.by_nib.get(nib) if nib else None
        return fate or (self.by_name.get(key) if key is not None else None)


@dataclass
class MemberRow:
    """A member row read on its own: its identity (NIB, name key) always; its consent
    unless declined; its record (`values`) only with consent."""

    row: int
    subject: str
    status: dict
    problems: list[Rejection]
    nib: str | None
    key: str | None
    consent: bool = False
    values: dict | None = None


def read_members(
    table: Table, config: Config
) -> tuple[list[Candidate], list[Withdrawal], SheetReport, Fates]:
    """The publishable rows; each verified answer without publication consent (a
    business that said no in one answer is not published); and what became of every
    row that is not published."""
    sheet = table.title
    report = SheetReport(sheet)
    candidates = []
    withdrawals = []
    fates = Fates()
    consent_reader = reader(MEMBERS, CONSENT, config)
    record_reader = reader(MEMBERS, RECORD, config)
    contact_reader = reader(MEMBERS, CONTACT, config)
    identity_reader = questions_reader(IDENTITY, config)

    def read_member(row: int, cells: dict, status: dict, problems: list) -> MemberRow:
        identity = identity_reader.read(cells, sheet, row)[0]
        key = n.name_key(identity["name"]) if identity["name"] else None
        found = MemberRow(row, subject(MEMBERS, cells), status, problems, identity["nib"], key)
        if declined(status):
            return found
        consent, consent_problems = consent_reader.read(cells, sheet, row)
        found.consent = consent["consent"]
        if not found.consent:
            return found
        values, value_problems = record_reader.read(cells, sheet, row)
        found.problems += consent_problems + value_problems + check_ownership(values, sheet, row)
        if consent["contact_consent"]:
            contact, contact_problems = contact_reader.read(cells, sheet, row)
            found.problems += contact_problems
            if any(contact.values()):
                values["contact"] = contact
        found.values = values
        return found

    for found in read_rows(table, MEMBERS, config, read_member):
        row, status = found.row, found.status
        if declined(status):
            report.settle(row, "declined", found.subject)
            fates.note(found.nib, found.key, "declined")
        elif not found.consent:
            report.settle(row, "no_consent", found.subject)
            fates.note(found.nib, found.key, "no_consent")
            if not config.moderation or status["verification"] == "verified":
                withdrawals.append(Withdrawal(row, found.nib, found.key))
        elif fate := _triage(report, row, found.subject, status, found.problems, config.moderation):
            fates.note(found.nib, found.key, fate)
        else:
            candidates.append(
                Candidate(
                    row, status["timestamp"], found.values, found.subject, found.problems, found.key
                )
            )
    return candidates, withdrawals, report, fates


@dataclass(frozen=True)
class Withdrawal:
    """A verified answer of a business without publication consent."""

    row: int
    nib: str | None
    name_key: str | None


# What a member's later registration can update; `id` and `registered` stay.
MEMBER_FIELDS = (
    "name",
    "legal_form",
    "ownership",
    "nib",
    "industry",
    "address",
    "kecamatan",
    "kelurahan",
    "website",
    "sectors",
)


def merge_members(
    candidates: list[Candidate],
    withdrawals: list[Withdrawal],
    report: SheetReport,
) -> tuple[list[dict], dict[str, str], dict[str, str]]:
    """One member per business: same NIB, else same name. The earliest row gives its
    id and registration date; for each field the latest answer given wins, and the
    contact person is the latest row's (its consent is the one that holds). A business
    one of whose verified answers withdrew consent is left out, rows and all.

    Returns the member records and the NIB and name lookups programs link by.
    """
    groups: list[list[Candidate]] = []
    by_nib: dict[str, int] = {}
    by_name: dict[str, int] = {}
    nib_of: list[str | None] = []  # a group's NIB, once a row gave one

    def business(nib: str | None, key: str | None) -> int | None:
        group = by_nib.get(nib) if nib else None
        # The same name with two different NIBs is two businesses.
        if group is None and key in by_name and not (nib and nib_of[by_name[key]]):
            group = by_name[key]
        return group

    for candidate in sorted(candidates, key=lambda c: (c.timestamp, c.row)):
        nib, key = candidate.values["nib"], candidate.key
        group = business(nib, key)
        if group is None:
            group = len(groups)
            groups.append([])
            nib_of.append(None)
        groups[group].append(candidate)
        if nib:
            by_nib.setdefault(nib, group)
            nib_of[group] = nib_of[group] or nib
        by_name.setdefault(key, group)

    withdrawn: dict[int, int] = {}  # group → the row that withdrew it
    for w in withdrawals:
        group = business(w.nib, w.name_key)
        if group is not None:
            withdrawn.setdefault(group, w.row)
    for group, row in withdrawn.items():
        for c in groups[group]:
            reason = Rejection.of(
                report.sheet, c.row, "Persetujuan Publikasi", "consent_withdrawn", earlier=row
            )
            report.settle(c.row, "no_consent", c.subject, [reason])
    kept = [i for i in range(len(groups)) if i not in withdrawn]
    by_nib = {nib: group for nib, group in by_nib.items() if group not in withdrawn}
    by_name = {key: group for key, group in by_name.items() if group not in withdrawn}

    ids = _unique_ids([n.slug(groups[i][0].values["name"]) or "badan-usaha" for i in kept])
    id_of = dict(zip(kept, ids, strict=True))
    members = []
    for member_id, group in zip(ids, (groups[i] for i in kept), strict=True):
        _settle_group(report, group, paths.member(member_id))
        values = updated([c.values for c in group], MEMBER_FIELDS)
        record = {
            "id": member_id,
            **{key: values[key] for key in MEMBER_FIELDS},
            "registered": group[0].timestamp.date().isoformat(),
        }
        if "contact" in group[-1].values:
            record["contact"] = group[-1].values["contact"]
        members.append(record)
    member_by_nib = {nib: id_of[g] for nib, g in by_nib.items()}
    member_by_name = {key: id_of[g] for key, g in by_name.items()}
    return members, member_by_nib, member_by_name


def read_needs(table: Table | None, config: Config) -> tuple[list[dict], SheetReport]:
    if table is None:
        return [], SheetReport(NEEDS.title)
    sheet = table.title
    report = SheetReport(sheet)
    needs: dict[str, dict] = {}
    first_row: dict[str, int] = {}
    need_reader = reader(NEEDS, RECORD, config)
    for row, cells in bound_rows(table, NEEDS, config):
        values, problems = need_reader.read(cells, sheet, row)
        code = values.get("id")
        if code in needs:
            problems.append(
                Rejection.of(sheet, row, "Kode", "duplicate_id", earlier=first_row[code])
            )
        name = subject(NEEDS, cells)
        if _triage(report, row, name, {}, problems, moderation=False) is not None:
            continue  # needs have no verification column
        report.settle(row, "accepted", name, problems).route = paths.need(code)
        first_row[code] = row
        needs[code] = {**values, "programs": []}
    return list(needs.values()), report


def _program_record(values: dict, member_id: str | None, timestamp) -> dict:
    """A program's record but its id (known once all rows are read)."""
    start = values["start_date"]
    return {
        "id": None,
        "member": member_id,
        "title": values["title"],
        "sector": values["sector"],
        "description": values["description"],
        "kecamatan": values["kecamatan"],
        "location": values["location"],
        "start_date": start.isoformat() if start else None,
        "end_date": values["end_date"].isoformat() if values["end_date"] else None,
        "year": start.year if start else timestamp.year,
        "status": values["status"],
        "contribution_types": values["contribution_types"],
        "amount": values["amount"],
        "currency": "IDR",
        "beneficiaries": values["beneficiaries"],
        "beneficiary_groups": values["beneficiary_groups"],
        "partner": values["partner"],
        "need": values["need"],
        "links": values["links"],
        "reported": timestamp.date().isoformat(),
    }


# Why a program's business is not among the published members: what became of its
# member row (Fates), or never registered.
MEMBER_FATES = {
    "pending": "member_pending",
    "declined": "member_declined",
    "no_consent": "member_no_consent",
    "rejected": "member_rejected",
}


def _link_member(
    nib: str | None, name: str | None, where: tuple[str, int], by_nib: dict, by_name: dict, fates
) -> tuple[str | None, list[Rejection]]:
    """The published member a program row names (`where`: its sheet and row), or why
    there is none."""
    member_id = by_nib.get(nib) if nib else None
    if member_id is not None or not name:
        return member_id, []
    key = n.name_key(name)  # only here: most programs find their member by NIB
    member_id = by_name.get(key)
    if member_id is not None:
        return member_id, []
    column = "NIB Badan Usaha" if nib else "Nama Badan Usaha"
    code = MEMBER_FATES.get(fates.of_key(nib, key), "member_unknown")
    return None, [Rejection.of(*where, column, code)]


# What a newer report of the same program (member, title, year) can update.
PROGRAM_FIELDS = (
    "title",
    "sector",
    "description",
    "kecamatan",
    "location",
    "start_date",
    "end_date",
    "status",
    "contribution_types",
    "amount",
    "beneficiaries",
    "beneficiary_groups",
    "partner",
    "need",
    "links",
)


@dataclass
class ProgramRow:
    """A program row read on its own, its member looked up (the members are merged
    before the programs are read): its record and its id's slug when nothing holds
    it back."""

    row: int
    subject: str
    status: dict
    problems: list[Rejection]
    record: dict | None = None
    title_key: str = ""
    slug: str = ""


def read_programs(
    table: Table,
    config: Config,
    by_nib: dict,
    by_name: dict,
    need_ids: set[str],
    fates: Fates,
) -> tuple[list[dict], SheetReport]:
    """The published programs: one per member, title and year, which newer reports
    of it update (its id and first report date stay)."""
    sheet = table.title
    report = SheetReport(sheet)
    record_reader = reader(PROGRAMS, RECORD, config)

    def read_program(row: int, cells: dict, status: dict, problems: list) -> ProgramRow:
        found = ProgramRow(row, subject(PROGRAMS, cells), status, problems)
        if declined(status):
            return found
        values, value_problems = record_reader.read(cells, sheet, row)
        member_id, link_problems = _link_member(
            values["member_nib"], values["member_name"], (sheet, row), by_nib, by_name, fates
        )
        found.problems += value_problems + check_program_dates(values, sheet, row) + link_problems
        need = values.get("need")
        if need and need not in need_ids:
            found.problems.append(Rejection.of(sheet, row, "Kode Kebutuhan", "need_unknown"))
        if held(found.problems, status, config.moderation) is None:
            found.record = _program_record(values, member_id, status["timestamp"])
            found.title_key = fold(values["title"])
            found.slug = n.slug(values["title"], 50)
        return found

    groups: dict[tuple, list[ProgramRow]] = {}
    for found in read_rows(table, PROGRAMS, config, read_program):
        row, status = found.row, found.status
        if declined(status):
            report.settle(row, "declined", found.subject)
        elif _triage(report, row, found.subject, status, found.problems, config.moderation) is None:
            record = found.record
            groups.setdefault((record["member"], found.title_key, record["year"]), []).append(found)

    def candidate(found: ProgramRow) -> Candidate:
        return Candidate(
            found.row, found.status["timestamp"], found.record, found.subject, found.problems
        )

    def first_report(found: ProgramRow) -> tuple:
        return found.status["timestamp"], found.row

    for group in groups.values():
        group.sort(key=first_report)
    # Ids: member + title; a repeated title (a yearly program) adds its year.
    ordered = sorted(groups.values(), key=lambda g: (g[0].record["year"], *first_report(g[0])))
    programs = [updated([found.record for found in group], PROGRAM_FIELDS) for group in ordered]
    taken: set[str] = set()
    with_year = []
    for program, group in zip(programs, ordered, strict=True):
        # Every report gives a title (it is required): the latest one's is the program's.
        base = f"{program['member']}-{group[-1].slug or 'program'}"
        with_year.append(base if base not in taken else f"{base}-{program['year']}")
        taken.add(base)
    for program, program_id, group in zip(programs, _unique_ids(with_year), ordered, strict=True):
        program["id"] = program_id
        _settle_group(report, [candidate(found) for found in group], paths.program(program_id))
    return programs, report


@dataclass
class Outcome:
    """What a pull makes of the sheets: the records of the three data files, sorted by
    id; each sheet's report (every row's outcome); and what became of the member rows
    not published (for the guard: a withdrawal or a decline is a removal asked for)."""

    data: dict[str, list[dict]]
    sheets: dict[str, SheetReport]
    fates: Fates

    def report(self) -> dict:
        """The per-sheet report as the JSON report holds it (no row's subject)."""
        return {key: sheet.as_dict() for key, sheet in self.sheets.items()}


def build(tables: dict[str, Table], config: Config) -> tuple[dict[str, list[dict]], dict]:
    """All three data files' records, sorted by id, and the pull report."""
    found = outcome(tables, config)
    return found.data, found.report()


@collector.paused()
def outcome(tables: dict[str, Table], config: Config) -> Outcome:
    needs, needs_report = read_needs(tables.get("needs"), config)
    candidates, withdrawals, members_report, fates = read_members(tables["members"], config)
    members, by_nib, by_name = merge_members(candidates, withdrawals, members_report)
    programs, programs_report = read_programs(
        tables["programs"], config, by_nib, by_name, {need["id"] for need in needs}, fates
    )
    adopted = defaultdict(list)
    for program in programs:
        if program["need"]:
            adopted[program["need"]].append(program["id"])
    for need in needs:
        need["programs"] = sorted(adopted[need["id"]])
    data = {
        "members": sorted(members, key=lambda r: r["id"]),
        "programs": sorted(programs, key=lambda r: r["id"]),
        "needs": sorted(needs, key=lambda r: r["id"]),
    }
    sheets = {"members": members_report, "programs": programs_report, "needs": needs_report}
    return Outcome(data, sheets, fates)
