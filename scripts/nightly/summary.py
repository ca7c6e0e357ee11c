"""What a pull changed in data/, told to people: a commit message and a job summary.

Records are compared by `id` (their permalink), so a record whose fields were
edited is "updated", not "removed and added". Both texts are deterministic and
hold only counts, sheet names, row numbers, column names and our own messages:
the logs and summaries of a public repository's Actions are public, so a cell's
value never appears here (the pull report holds none either).
"""

from __future__ import annotations

from scripts.checks import quality
from scripts.intake.report import OUTCOME_LABELS
from scripts.model.diff import FileChanges
from scripts.model.store import DATA_FILES

FILE_LABELS = {"members": "anggota", "programs": "program", "needs": "kebutuhan"}

# GitHub refuses a step summary over 1 MiB; a sheet full of rejected rows must
# not cost the whole summary, so the table stops here and says how many it left out.
MAX_REJECTION_ROWS = 1000


def commit_message(changes: dict[str, FileChanges], source: str) -> str:
    """`Data diperbarui: anggota +2 ~1 -0, program +5 ~0 -1, kebutuhan +0 ~0 -0` and a key."""
    counts = ", ".join(f"{FILE_LABELS[name]} {changes[name].short()}" for name in DATA_FILES)
    return (
        f"Data diperbarui: {counts}\n\n"
        "+ ditambahkan, ~ diperbarui, - dihapus (entri dibandingkan menurut id).\n"
        f"Sumber: {source}.\n"
    )


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return lines


def _problems(problems: list[dict], intro: str, reason: str, word: str) -> list[str]:
    """Rejections or warnings by sheet, row and column (never a cell's value), the first
    MAX_REJECTION_ROWS of them."""
    shown = problems[:MAX_REJECTION_ROWS]
    lines = [intro, ""]
    lines += _table(
        ["Lembar", "Baris", "Kolom", reason],
        [[p["sheet"], p["row"], p["column"], p["message"]] for p in shown],
    )
    if len(problems) > len(shown):
        lines += ["", f"… dan {len(problems) - len(shown)} {word} lain (lihat log)."]
    return lines


def summary_markdown(report: dict, changes: dict[str, FileChanges], outcome: str) -> str:
    """The job summary of a successful pull: what changed, counts per sheet, rejected
    rows, and the rows published with a dropped optional answer."""
    lines = ["## Penarikan data malam ini", "", outcome, "", "### Perubahan data", ""]
    lines += _table(
        ["Berkas", "Ditambahkan", "Diperbarui", "Dihapus"],
        [
            [f"`data/{name}.yaml`", c.added, c.updated, c.removed]
            for name, c in ((name, changes[name]) for name in DATA_FILES)
        ],
    )
    sheets = list(report["sheets"].values())
    lines += ["", "### Baris per lembar", ""]
    lines += _table(
        ["Lembar", "Dibaca", *(label.capitalize() for label in OUTCOME_LABELS.values())],
        [[s["sheet"], s["read"], *(s[key] for key in OUTCOME_LABELS)] for s in sheets],
    )
    rejections = [r for s in sheets for r in s["rejections"]]
    lines += ["", "### Baris yang ditolak sistem", ""]
    if not rejections:
        lines.append("Tidak ada.")
    else:
        lines += _problems(
            rejections,
            "Perbaiki baris ini di Google Sheets; isi sel sengaja tidak ditampilkan di sini.",
            "Alasan",
            "penolakan",
        )
    warnings = [w for s in sheets for w in s["warnings"]]
    if warnings:
        lines += ["", "### Diterbitkan dengan catatan", ""]
        lines += _problems(
            warnings,
            "Isian pilihan ini tidak terbaca dan dikosongkan; barisnya tetap diterbitkan. "
            "Perbaiki di Google Sheets bila isian itu perlu tampil.",
            "Catatan",
            "catatan",
        )
    return "\n".join(lines) + "\n"


def quality_markdown(results: list[quality.Result], origins: quality.Origins) -> str:
    """The data quality findings: per check its count, then each record's page and
    the sheet rows it came from (a tally, like the members yet to report, as one list)."""
    flagged = [r for r in results if r.records]
    lines = ["", "### Mutu data", ""]
    if not flagged:
        return "\n".join([*lines, "Tidak ada temuan."]) + "\n"
    lines += _table(["Pemeriksaan", "Jumlah"], [[r.message, len(r.records)] for r in flagged])
    for result in flagged:
        entries = quality.entries(result, origins)
        shown = entries[:MAX_REJECTION_ROWS]
        lines += ["", f"**{_cell(result.message)}** ({len(result.records)}):", ""]
        lines += [f"- {_cell(entry)}" for entry in shown]
        if len(entries) > len(shown):
            lines.append(f"- … dan {len(entries) - len(shown)} lainnya.")
    return "\n".join(lines) + "\n"


def status_failed_markdown(error: str) -> str:
    return (
        "\n**Status Penarikan tidak dapat ditulis** (data tetap ditarik dan situs dibangun): "
        f"{_cell(error)}\n"
    )


def failure_markdown(error: str, data_dir: str) -> str:
    """The job summary of a failed pull: the pull's own message, and what was left alone."""
    return (
        "## Penarikan data malam ini gagal\n\n"
        f"{error}\n\n"
        f"Tidak ada berkas di `{data_dir}` yang diubah, tidak ada commit, dan situs tidak "
        "dibangun ulang: situs publik tetap seperti terakhir diterbitkan.\n"
    )


BUILD_FAILED_MARKDOWN = (
    "\n**Situs gagal dibangun** (pesannya ada di log langkah ini): tidak ada yang "
    "diterbitkan, situs publik tetap seperti terakhir diterbitkan.\n"
)
