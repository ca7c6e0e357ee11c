"""Pull throughput on a synthetic 100,000-row Forms export.

Multiplies the bundled sample's rows to 20,000 member and 80,000 program rows,
names and NIBs made unique and the answers people type drawn afresh for every row
(dates, amounts, counts, phones, addresses, descriptions, links …: a row the
normalisers' caches have not seen, as a real forum's sheets are), then times:
  - the whole pull (CSV parse, intake over all cores, YAML written to a temporary
    data dir), each run in a fresh process as the command line runs it, the fastest
    of PULL_ROUNDS counting, with its peak memory;
  - the nightly's pull: the same sheets again over the data/ of the last pull (the
    guard reads what is published), also in fresh processes;
  - normalisation + validation + identity on one core (intake.build on parsed tables),
  - the secretariat's status table of those 100,000 rows, as XLSX and as CSV.
Run: make bench   (or: .venv/bin/python bench/pull_throughput.py)
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.config import load as load_config
from scripts.intake import publish as intake
from scripts.intake import pull, status
from scripts.model import parallel
from scripts.sources import files as sources
from scripts.sources.table import Table

PULL_TARGET = 10_000  # rows/s end to end at 100,000 rows (issue 16)
NORMALISE_TARGET = 20_000  # rows/s normalising and validating on one core
# The machine's speed drifts by a fifth within minutes (bench/build_site.py): the
# fastest of this many pulls counts, all are shown.
PULL_ROUNDS = 3
MEMBER_ROWS = 20_000
PROGRAM_ROWS = 80_000


def multiply(table: Table, count: int, name_col: str, nib_col: str, copies: int) -> Table:
    """`count` rows cycling through the sample; copy k of a business is named "… k" and
    its NIB starts with k, so copy k of a program report links to copy k of its member."""
    header = [h.strip().casefold() for h in table.header]
    name_i, nib_i = header.index(name_col.casefold()), header.index(nib_col.casefold())
    rows = []
    for i in range(count):
        row = list(table.rows[i % len(table.rows)])
        copy = (i // len(table.rows)) % copies
        if row[name_i]:
            row[name_i] = f"{row[name_i]} {copy}"
        digits = "".join(c for c in row[nib_i] if c.isdigit())
        if len(digits) == 13:
            row[nib_i] = f"{copy:04d}{digits[4:]}"
        rows.append(row)
    return Table(table.title, table.header, rows)


# Words a respondent adds; month names as the date normaliser reads them.
SPOKEN = (
    "warga anak sekolah pelatihan bantuan air bersih sungai pasar usaha kecil keluarga lansia "
    "posyandu gizi jalan hijau sampah bank pangan sehat kampung kreatif digital modal ibu "
    "pemuda beasiswa rumah layak huni",
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
)
WORDS, MONTHS = (tuple(text.split()) for text in SPOKEN)


class Fresh:
    """New answers in the shapes the sample's respondents type them: its digits
    redrawn (an amount stays "Rp 335.000.000"-shaped, a phone keeps its prefix),
    words added to its texts, dates and times drawn anew in its formats."""

    def __init__(self, seed: int = 16) -> None:
        self.rng = random.Random(seed)

    def digits(self, value: str, keep: int = 1) -> str:
        seen = 0
        out = []
        for c in value:
            seen += c.isdigit()
            out.append(str(self.rng.randrange(10)) if c.isdigit() and seen > keep else c)
        return "".join(out)

    def phone(self, value: str) -> str:
        return self.digits(value, keep=5)

    def words(self, value: str) -> str:
        added = " ".join(self.rng.choices(WORDS, k=self.rng.randrange(3, 12)))
        return f"{value} {added}" if value.strip() else value

    def person(self, value: str) -> str:
        return f"{value} {self.rng.choice(WORDS).title()}" if value.strip() else value

    def title(self, value: str) -> str:
        return f"{self.person(value)} {self.rng.randrange(10**6)}" if value.strip() else value

    def email(self, value: str) -> str:
        _, at, domain = value.partition("@")
        return f"{self.rng.choice(WORDS)}{self.rng.randrange(10**5)}@{domain}" if at else value

    def link(self, value: str) -> str:
        return f"{value.rstrip('/')}/{self.rng.randrange(10**8)}" if "://" in value else value

    def date(self, value: str) -> str:
        if not value.strip():
            return value
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=self.rng.randrange(700))
        month = MONTHS[day.month - 1]
        return self.rng.choice(
            [
                day.strftime("%d/%m/%Y"),
                day.isoformat(),
                f"{day.day} {month} {day.year}",
                f"{day.day} {month[:3]} {day.year}",
            ]
        )

    def moment(self) -> datetime.datetime:
        return datetime.datetime(2025, 1, 1) + datetime.timedelta(
            seconds=self.rng.randrange(3 * 10**7)
        )

    def registered(self, value: str) -> str:  # the members form's "Stempel waktu"
        return self.moment().strftime("%d/%m/%Y %H:%M:%S")

    def reported(self, value: str) -> str:  # the programs form's "Timestamp"
        moment = self.moment()
        return f"{moment:%Y/%m/%d} {moment.hour % 12 or 12}:{moment:%M:%S %p} GMT+7"


# The answers drawn afresh on every row, by column; the rest (choices, consent,
# verification, NIB and name) keep the sample's, which the rules need as they are.
FRESH = {
    "members": {
        "Stempel waktu": Fresh.registered,
        "Alamat email": Fresh.email,
        "Alamat Kantor": Fresh.words,
        "Situs Web": Fresh.link,
        "Nama Penanggung Jawab CSR": Fresh.person,
        "Nomor Telepon / WhatsApp": Fresh.phone,
        "Email Penanggung Jawab": Fresh.email,
        "Catatan Sekretariat": Fresh.words,
    },
    "programs": {
        "Timestamp": Fresh.reported,
        "Email Address": Fresh.email,
        "Nama Program": Fresh.title,
        "Deskripsi Program": Fresh.words,
        "Tanggal Mulai": Fresh.date,
        "Tanggal Selesai": Fresh.date,
        "Nilai Kontribusi (Rp)": Fresh.digits,
        "Jumlah Penerima Manfaat": Fresh.digits,
        "Mitra Pelaksana": Fresh.words,
        "Tautan Dokumentasi": Fresh.link,
        "Nama Pelapor": Fresh.person,
        "Nomor Telepon Pelapor": Fresh.phone,
        "Catatan Sekretariat": Fresh.words,
    },
}


def freshened(table: Table, columns: dict, fresh: Fresh) -> Table:
    header = [h.strip().casefold() for h in table.header]
    drawn = [(header.index(name.casefold()), draw) for name, draw in columns.items()]
    rows = []
    for row in table.rows:
        row = list(row)
        for i, draw in drawn:
            row[i] = draw(fresh, row[i])
        rows.append(row)
    return Table(table.title, table.header, rows)


def to_csv(table: Table) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([table.header, *table.rows])
    return out.getvalue()


def timed_pull(folder: Path, data_dir: Path) -> dict:
    """In a fresh process (`--pull folder data_dir`): the seconds of one whole pull of
    the CSV files in `folder` into `data_dir`, and that process's peak memory."""
    paths = {key: folder / f"{key}.csv" for key in ("members", "programs", "needs")}
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # thousands of rejection lines
        ok = pull.pull("csv", data_dir, paths=paths).ok
    seconds = time.perf_counter() - start
    assert ok
    return {
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def pulled(folder: Path, data_dir: Path) -> dict:
    shown = subprocess.run(
        [sys.executable, __file__, "--pull", str(folder), str(data_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(shown)


def main() -> None:
    sample = sources.read_sample()
    copies = -(-MEMBER_ROWS // len(sample["members"].rows))
    fresh = Fresh()
    members = multiply(sample["members"], MEMBER_ROWS, "Nama Badan Usaha", "NIB", copies)
    programs = multiply(
        sample["programs"], PROGRAM_ROWS, "Nama Badan Usaha", "NIB Badan Usaha", copies
    )
    tables = {
        "members": freshened(members, FRESH["members"], fresh),
        "programs": freshened(programs, FRESH["programs"], fresh),
        "needs": sample["needs"],
    }
    rows = MEMBER_ROWS + PROGRAM_ROWS
    config = load_config()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for key, table in tables.items():
            (folder / f"{key}.csv").write_text(to_csv(table), encoding="utf-8")
        pulls = []
        for k in range(PULL_ROUNDS):
            run = folder / f"run{k}"  # data/ and the files beside it, new each time
            pulls.append(pulled(folder, run / "data"))
            if k < PULL_ROUNDS - 1:
                shutil.rmtree(run)
        # The nightly's pull: the same sheets over the data/ of the last one.
        nightly = [pulled(folder, run / "data") for _ in range(PULL_ROUNDS)]
        found = intake.outcome(tables, config)
        lines = status.table(found.sheets, config.forum.site_url, "Penarikan (bench)")
        sizes = {}
        for suffix in ("xlsx", "csv"):
            start = time.perf_counter()
            path = Path(tmp) / f"status.{suffix}"
            status.write_file(path, lines)
            sizes[suffix] = (time.perf_counter() - start, path.stat().st_size)

    # Best of three: CPU time still varies with what else the two cores are doing.
    timings = []
    for _ in range(3):
        start = time.process_time()
        with parallel.limited(1):  # CPU time of this process: one core, no children
            data, _ = intake.build(tables, config)
        timings.append(time.process_time() - start)
    normalise_s = min(timings)

    print(f"rows: {rows:,} ({MEMBER_ROWS:,} members, {PROGRAM_ROWS:,} programs)")
    print(f"published: {len(data['members']):,} members, {len(data['programs']):,} programs")
    for label, runs in (
        ("whole pull (CSV in, YAML out):     ", pulls),
        ("nightly pull (over the last data/):", nightly),
    ):
        pull_s = min(p["seconds"] for p in runs)
        rate = rows / pull_s
        verdict = "meets" if rate >= PULL_TARGET else "BELOW"
        print(f"{label} {pull_s:.2f} s = {rate:,.0f} rows/s")
        shown = ", ".join(f"{p['seconds']:.2f}" for p in runs)
        print(f"  runs, each in a fresh process (the fastest counts): {shown} s")
        print(f"  end to end: {verdict} the target of {PULL_TARGET:,} rows/s")
    peak = max(p["peak_mb"] for p in pulls + nightly)
    print(f"peak memory of a pull: {peak:,.0f} MB (target < 1,536 MB)")
    rate = rows / normalise_s
    runs = ", ".join(f"{t:.2f}" for t in timings)
    print(f"normalise+validate (CPU, one core): {normalise_s:.2f} s = {rate:,.0f} rows/s")
    print(f"  runs (best counts): {runs} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (normalising, status table): {peak:,.0f} MB")
    for suffix, (seconds, size) in sizes.items():
        print(
            f"status table ({len(lines):,} lines) as {suffix}: {seconds:.2f} s, {size / 1e6:.1f} MB"
        )
    verdict = "meets" if rows / normalise_s >= NORMALISE_TARGET else "BELOW"
    print(f"normalising on one core: {verdict} the target of {NORMALISE_TARGET:,} rows/s")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--pull"]:
        print(json.dumps(timed_pull(Path(sys.argv[2]), Path(sys.argv[3]))))
    else:
        main()
