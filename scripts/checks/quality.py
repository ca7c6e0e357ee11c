"""Data quality checks of data/ for the secretariat, in the
spirit of 360Giving's data quality tool.

Each check is one small function that returns the records it flags, listed in
CHECKS with a stable id and an Indonesian message. A record is named by its
route on the site (`program/<id>/`, `anggota/<id>/`, `kebutuhan/#kebutuhan-<code>`),
never by a value it holds: the output may end up in a public log. Where the pull
said which sheet rows made a record (`origins`), the secretariat also reads the
sheet and row to fix.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from scripts import paths
from scripts.model.compliance import Compliance, compliance, period
from scripts.model.contacts import CONTACT_MASKS, mask_contacts
from scripts.model.dates import as_date, past_end

FUTURE = datetime.timedelta(days=2 * 365)  # "far in the future": planned programs start soon
PAST = datetime.timedelta(days=10 * 365)  # the forum began in 2025; older dates are typos
FREE_TEXT = {
    "members": ("name", "industry", "address", "kelurahan"),
    "programs": ("title", "description", "location", "partner"),
    "needs": ("title", "proposer", "description"),
}
ROUTES = {"members": paths.member, "programs": paths.program, "needs": paths.need}


@dataclass(frozen=True)
class Context:
    data: dict[str, list[dict]]
    today: datetime.date
    compliance: Compliance


def _ref(kind: str, record: dict) -> str:
    return ROUTES[kind](record["id"])


def _programs(ctx: Context, flagged: Callable[[dict], bool]) -> list[str]:
    return [_ref("programs", p) for p in ctx.data["programs"] if flagged(p)]


def _dates(ctx: Context) -> Iterator[tuple[str, datetime.date]]:
    """Every date of data/ with the record it belongs to."""
    for program in ctx.data["programs"]:
        for key in ("start_date", "end_date", "reported"):
            if program[key]:
                yield _ref("programs", program), as_date(program[key])
    for member in ctx.data["members"]:
        yield _ref("members", member), as_date(member["registered"])


def amount_missing(ctx: Context) -> list[str]:
    return _programs(ctx, lambda p: p["amount"] is None)


def amount_zero(ctx: Context) -> list[str]:
    return _programs(ctx, lambda p: p["amount"] == 0)


def start_after_end(ctx: Context) -> list[str]:
    return _programs(
        ctx,
        lambda p: (
            bool(p["start_date"] and p["end_date"])
            and as_date(p["start_date"]) > as_date(p["end_date"])
        ),
    )


def date_far_future(ctx: Context) -> list[str]:
    return sorted({ref for ref, day in _dates(ctx) if day > ctx.today + FUTURE})


def date_far_past(ctx: Context) -> list[str]:
    return sorted({ref for ref, day in _dates(ctx) if day < ctx.today - PAST})


def _same_text(a: str | None, b: str | None) -> bool:
    return bool(a and b) and " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def title_is_description(ctx: Context) -> list[str]:
    return [
        _ref(kind, r)
        for kind in ("programs", "needs")
        for r in ctx.data[kind]
        if _same_text(r["title"], r["description"])
    ]


def _contact(text: str | None) -> bool:
    return bool(text) and (
        any(mask in text for mask in CONTACT_MASKS) or mask_contacts(text) != text
    )


def contact_in_text(ctx: Context) -> list[str]:
    # What the pull masked (the respondent typed a contact: worth a word with them), and
    # what a hand edit of data/ let through unmasked.
    return [
        _ref(kind, r)
        for kind, keys in FREE_TEXT.items()
        for r in ctx.data[kind]
        if any(_contact(r.get(k)) for k in keys)
    ]


def status_past_end(ctx: Context) -> list[str]:
    return _programs(ctx, lambda p: past_end(p, ctx.today))


def no_beneficiaries(ctx: Context) -> list[str]:
    return _programs(ctx, lambda p: not p["beneficiaries"])


def member_not_reported(ctx: Context) -> list[str]:
    return [_ref("members", s.member) for s in ctx.compliance.missing]


@dataclass(frozen=True)
class Check:
    id: str
    message: str  # {year}: the reporting period
    find: Callable[[Context], list[str]]
    # A finding about the forum, not a row to fix: one count with the list.
    tally: bool = False


CHECKS = (
    Check("amount-missing", "Program tanpa nilai kontribusi", amount_missing),
    Check("amount-zero", "Program dengan nilai kontribusi Rp0", amount_zero),
    Check("start-after-end", "Tanggal mulai sesudah tanggal selesai", start_after_end),
    Check(
        "status-past-end",
        "Program berstatus Berjalan atau Direncanakan padahal tanggal selesainya sudah lewat",
        status_past_end,
    ),
    Check("date-far-future", "Tanggal lebih dari 2 tahun setelah hari ini", date_far_future),
    Check("date-far-past", "Tanggal lebih dari 10 tahun sebelum hari ini", date_far_past),
    Check("title-is-description", "Deskripsi sama dengan judul", title_is_description),
    Check(
        "contact-in-text",
        "Email atau nomor telepon di dalam teks bebas (disamarkan saat ditarik, atau lolos "
        "suntingan tangan)",
        contact_in_text,
    ),
    Check("no-beneficiaries", "Program tanpa jumlah penerima manfaat", no_beneficiaries),
    Check(
        "member-not-reported",
        "Anggota yang belum melaporkan program pada tahun {year}",
        member_not_reported,
        tally=True,
    ),
)


@dataclass(frozen=True)
class Result:
    check: Check
    message: str
    records: list[str]


def results(
    data: dict[str, list[dict]], today: datetime.date, reporting_year: int | None = None
) -> list[Result]:
    """Every check of CHECKS, in order, with the records it flags; members yet to
    report are judged for the reporting period of the compliance page."""
    ctx = Context(data, today, compliance(data, period(data, reporting_year).year))
    year = ctx.compliance.year
    return [Result(c, c.message.format(year=year), c.find(ctx)) for c in CHECKS]


# Where the sheet rows behind each record are: {route: [(sheet title, row), …]}.
Origins = dict[str, list[tuple[str, int]]]


def rows_of(record: str, origins: Origins) -> str:
    """The sheet rows a record came from, for people: "Lembar, baris 5 dan 9"."""
    found = origins.get(record, [])
    by_sheet: dict[str, list[str]] = {}
    for sheet, row in found:
        by_sheet.setdefault(sheet, []).append(str(row))
    return "; ".join(f"{sheet}, baris {' dan '.join(rows)}" for sheet, rows in by_sheet.items())


def entries(result: Result, origins: Origins) -> list[str]:
    """A result's records for people: each with the sheet rows it came from, or, for a
    tally, one line listing them all."""
    if result.check.tally:
        return [", ".join(result.records)] if result.records else []
    return [
        f"{record} ({rows})" if (rows := rows_of(record, origins)) else record
        for record in result.records
    ]
