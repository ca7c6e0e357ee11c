"""Site build at scale: synthetic data of 1,000 members and 10,000 programs.

Writes the synthetic data/ to a temporary folder, runs the whole `build`
(validation, figures, page generation, MkDocs + Material) and reports:
build seconds, seconds per 1,000 pages, total and median page size, and the
size of the search index (pagefind/, fetched in chunks). Targets on the 2-core
machine: under 90 s, median page under 30 KB.
Run: make bench   (or: .venv/bin/python bench/build_site.py [members] [programs])
"""

from __future__ import annotations

import datetime
import random
import statistics
import sys
import tempfile
import time
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


def main() -> int:
    members = int(sys.argv[1]) if len(sys.argv) > 1 else MEMBERS
    programs = int(sys.argv[2]) if len(sys.argv) > 2 else PROGRAMS
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        store.save(work / "data", synthetic(members, programs))
        began = time.perf_counter()
        code = build.build(work / "data", work / "site", work / "build")
        seconds = time.perf_counter() - began
        if code:
            return code
        sizes = [p.stat().st_size for p in (work / "site").rglob("*.html")]
        total = sum(p.stat().st_size for p in (work / "site").rglob("*") if p.is_file())
        index = sum(
            p.stat().st_size for p in (work / "site" / "pagefind").rglob("*") if p.is_file()
        )
        print("Halaman beranda dan yang dimuatnya:")
        page_weight.report(work / "site")
        print("Penjelajah program dan pencarian:")
        explorer_search.report(work / "site")
    print(f"Data: {members:,} anggota, {programs:,} program → {len(sizes):,} halaman HTML")
    print(f"Waktu build: {seconds:.1f} s ({seconds / len(sizes) * 1000:.2f} s per 1.000 halaman)")
    print(f"Ukuran situs: {total / 2**20:,.1f} MB (HTML {sum(sizes) / 2**20:,.1f} MB)")
    print(f"Median halaman: {kb(statistics.median(sizes))}, terbesar {kb(max(sizes))}")
    print(f"Indeks pencarian (pagefind/, dimuat sepotong-sepotong): {index / 2**20:,.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
