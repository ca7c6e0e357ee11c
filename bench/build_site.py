"""Site build at scale: synthetic data of 1,000 members and 10,000 programs.

Writes the synthetic data/ to a temporary folder, runs the whole `build`
(validation, figures, page generation, MkDocs + Material, Pagefind) and reports:
build seconds by phase; the anchor, a bare Material build of as many one-line
pages with Material's own search, and the ratio (target: at most 1.5×), the
fastest of ROUNDS runs of each taken in turns; the peak
memory of each (target: under 1.5 GB); total and median page size, and the size
of the search index (pagefind/, fetched in chunks).
Run: make bench   (or: .venv/bin/python bench/build_site.py [members] [programs])
"""

from __future__ import annotations

import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import explorer_search  # bench/ is this script's own folder, first on sys.path
import page_weight

from scripts import config
from scripts.model import reference, store
from scripts.model.reference import (
    BENEFICIARY_GROUPS,
    CONTRIBUTION_TYPES,
    OWNERSHIP,
    PROGRAM_STATUS,
)
from scripts.site import build

# The sectors and kecamatan of config.yml (Kota Serang's).
REFERENCE = reference.of(config.load())
SECTORS, KECAMATAN = REFERENCE.sectors, REFERENCE.kecamatan

MEMBERS = 1_000
PROGRAMS = 10_000
RATIO_TARGET = 1.5  # the build against a bare Material build of as many pages
# The build and the anchor run one after the other this many times, and the fastest
# run of each is compared: this machine's speed drifts by a fifth within minutes.
ROUNDS = 2
MEMORY_TARGET_MB = 1_536
WORDS = [
    "bantuan",
    "pelatihan",
    "beasiswa",
    "posyandu",
    "sumur",
    "bor",
    "bank",
    "sampah",
    "jalan",
    "lingkungan",
    "sekolah",
    "rumah",
    "layak",
    "huni",
    "modal",
    "usaha",
    "pangan",
    "sehat",
    "air",
    "bersih",
    "taman",
    "kota",
    "perpustakaan",
    "desa",
    "digital",
    "gizi",
    "anak",
    "lansia",
    "disabilitas",
]
FORMS = ["PT", "PT (Persero)", "Perumda", "CV", "Koperasi", "Yayasan"]


def phrase(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def synthetic(members: int, programs: int) -> dict[str, list[dict]]:
    rng = random.Random(2025)
    start = datetime.date(2023, 1, 1)
    people = []
    for i in range(members):
        people.append(
            {
                "id": f"badan-usaha-{i:04d}",
                "name": f"PT {phrase(rng, 2)} {i}",
                "legal_form": rng.choice(FORMS),
                "ownership": rng.choice(list(OWNERSHIP)),
                "nib": f"{i:013d}",
                "industry": phrase(rng, 2),
                "address": f"Jl. {phrase(rng, 2)} No. {i % 200 + 1}",
                "kecamatan": rng.choice(list(KECAMATAN)),
                "kelurahan": phrase(rng, 1),
                "website": f"https://usaha-{i}.example.id/",
                "sectors": sorted(rng.sample(list(SECTORS), 2)),
                "registered": (start + datetime.timedelta(days=rng.randrange(900))).isoformat(),
            }
        )
    records = []
    for i in range(programs):
        member = people[i % members]
        day = start + datetime.timedelta(days=rng.randrange(1000))
        records.append(
            {
                "id": f"{member['id']}-program-{i:05d}",
                "member": member["id"],
                "title": phrase(rng, 4),
                "sector": rng.choice(list(SECTORS)),
                "description": " ".join(phrase(rng, 8) + "." for _ in range(3)),
                "kecamatan": sorted(rng.sample(list(KECAMATAN), rng.randint(0, 3))),
                "location": f"Kelurahan {phrase(rng, 1)}",
                "start_date": day.isoformat(),
                "end_date": (day + datetime.timedelta(days=90)).isoformat(),
                "year": day.year,
                "status": rng.choice(list(PROGRAM_STATUS)),
                "contribution_types": [rng.choice(list(CONTRIBUTION_TYPES))],
                "amount": rng.choice([None, rng.randrange(1, 500) * 1_000_000]),
                "currency": "IDR",
                "beneficiaries": rng.randrange(10, 2000),
                "beneficiary_groups": [rng.choice(list(BENEFICIARY_GROUPS))],
                "partner": None,
                "need": None,
                "links": [f"https://usaha.example.id/program/{i}"],
                "reported": (day + datetime.timedelta(days=100)).isoformat(),
            }
        )
    return {
        "members": sorted(people, key=lambda r: r["id"]),
        "programs": sorted(records, key=lambda r: r["id"]),
        "needs": [],
    }


def kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


# Runs a command as its child and writes its seconds and the peak resident memory of
# the largest process under it (the build, MkDocs, Pagefind) to the file named first.
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[2:]).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "seconds": time.perf_counter() - started, "peak": peak}, out)
"""


def measured(command: list[str], work: Path) -> dict:
    report = work / "measured.json"
    subprocess.run([sys.executable, "-c", MEASURE, str(report), *command], check=True)
    result = json.loads(report.read_text())
    if result["code"]:
        raise SystemExit(f"{command[:3]} gagal: kode keluar {result['code']}")
    return result


def bare_material(pages: int, work: Path) -> dict:
    """The anchor: MkDocs + Material with its own search, `pages` one-line pages."""
    docs = work / "bare" / "docs"
    for i in range(pages):
        folder = docs / f"halaman-{i // 1000}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i}.md").write_text(f"# Halaman {i}\n\nSatu baris teks.\n", "utf-8")
    (docs / "index.md").write_text("# Beranda\n", encoding="utf-8")
    settings = {
        "site_name": "Anchor",
        "docs_dir": str(docs),
        "site_dir": str(work / "bare" / "site"),
        "theme": {"name": "material", "language": "id", "font": False},
        "plugins": ["search"],
        # As on the site: the generated pages are linked from pages, not listed in the
        # navigation (a navigation of 11,000 entries on each of 11,000 pages takes hours).
        "nav": [{"Beranda": "index.md"}],
        "not_in_nav": "/halaman-*/*.md",
    }
    path = work / "bare" / "mkdocs.yml"
    path.write_text(json.dumps(settings), encoding="utf-8")  # JSON is YAML
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(path)]
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # as build.run_engine: the known notice
    return measured(command, work)


def child(data: str, site: str, out: str) -> int:
    """`build_site.py --child DATA SITE OUT`: the build alone, its phases to OUT."""
    timings: dict[str, float] = {}
    code = build.build(Path(data), Path(site), timings=timings)
    Path(out).write_text(json.dumps(timings), encoding="utf-8")
    return code


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        return child(*sys.argv[2:5])
    members = int(sys.argv[1]) if len(sys.argv) > 1 else MEMBERS
    programs = int(sys.argv[2]) if len(sys.argv) > 2 else PROGRAMS
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        store.save(work / "data", synthetic(members, programs))
        site, phases = work / "site", work / "phases.json"
        command = [sys.executable, __file__, "--child", str(work / "data"), str(site), str(phases)]
        rounds = []  # (the build, its phases, the anchor), one after the other
        for _ in range(ROUNDS):
            shutil.rmtree(site, ignore_errors=True)
            run = measured(command, work)
            sizes = [p.stat().st_size for p in site.rglob("*.html")]
            rounds.append((run, json.loads(phases.read_text()), bare_material(len(sizes), work)))
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        index = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
        print("Halaman beranda dan yang dimuatnya:")
        page_weight.report(site)
        print("Penjelajah program dan pencarian:")
        explorer_search.report(site)
    for number, (run, _, anchor) in enumerate(rounds, 1):
        print(
            f"Putaran {number}: build {run['seconds']:.1f} s, pembanding {anchor['seconds']:.1f} s "
            f"({run['seconds'] / anchor['seconds']:.2f}×)"
        )
    ours, timings, _ = min(rounds, key=lambda r: r[0]["seconds"])
    anchor = min((r[2] for r in rounds), key=lambda a: a["seconds"])
    seconds = ours["seconds"]
    peaks = {
        "build": max(r[0]["peak"] for r in rounds),
        "pembanding": max(r[2]["peak"] for r in rounds),
    }
    print(f"Data: {members:,} anggota, {programs:,} program → {len(sizes):,} halaman HTML")
    print(
        f"Waktu build, tercepat dari {ROUNDS} putaran: {seconds:.1f} s "
        f"({seconds / len(sizes) * 1000:.2f} s per 1.000 halaman)"
    )
    for key, label in build.PHASES.items():
        print(f"  {label}: {timings.get(key, 0):.1f} s")
    print(
        f"Pembanding (tercepat), Material polos dengan pencariannya, {len(sizes):,} halaman "
        "satu baris: "
        f"{anchor['seconds']:.1f} s"
    )
    ratio = seconds / anchor["seconds"]
    verdict = "memenuhi" if ratio <= RATIO_TARGET else "BELUM memenuhi"
    print(f"Rasio build / pembanding: {ratio:.2f}× ({verdict} target ≤ {RATIO_TARGET}×)")
    for name, peak in peaks.items():
        peak /= 2**20
        verdict = "di bawah" if peak < MEMORY_TARGET_MB else "DI ATAS"
        print(f"Memori puncak {name}: {peak:,.0f} MB ({verdict} {MEMORY_TARGET_MB:,} MB)")
    print(f"Ukuran situs: {total / 2**20:,.1f} MB (HTML {sum(sizes) / 2**20:,.1f} MB)")
    print(f"Median halaman: {kb(statistics.median(sizes))}, terbesar {kb(max(sizes))}")
    print(f"Indeks pencarian (pagefind/, dimuat sepotong-sepotong): {index / 2**20:,.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
