"""The program explorer's data: what /program/ loads to filter, count and sum any
selection in the browser, written at build time under explorer/.

- facts.json, at first view: the filter keys and labels, the members, and one column
  per fact of every program (sector, kecamatan as bits, year, status, member,
  amount, beneficiaries, rank by title), in the explorer's default order (newest
  year first, then by title: figures' `programs`). Small numbers only, so even
  10,000 programs stay a light first view, and every total is computed from it.
- rows-N.json, when a page of results is shown: the id and title of CHUNK programs
  each, in the same order, so showing twenty programs fetches one or a few chunks.

A missing amount or beneficiary count is null, never 0: the explorer leaves it out
of its sums and says how many it left out, as the pages do.
"""

from __future__ import annotations

import json
from pathlib import Path

from scripts.model.reference import PROGRAM_STATUS
from scripts.site.stats import Figures

FOLDER = "explorer"
FACTS = f"{FOLDER}/facts.json"
CHUNK = 250


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def labels(f: Figures) -> dict[str, list[list[str]]]:
    """Each filter's values as [key, label], in the order the columns number them (and
    the explorer's lists show them). Members: those with programs, by name."""
    names = [mf.member for mf in f.member_figures if mf.programs]
    return {
        "sektor": [[k, v] for k, v in f.ref.sectors.items()],
        "kecamatan": [[k, v] for k, v in f.ref.kecamatan.items()],
        "tahun": [[str(y), str(y)] for y in f.years],
        "status": [[k, v] for k, v in PROGRAM_STATUS.items()],
        "anggota": [[m["id"], m["name"]] for m in names],
    }


def facts(f: Figures) -> dict:
    lists = labels(f)
    index = {name: {k: i for i, (k, _) in enumerate(values)} for name, values in lists.items()}
    by_title = sorted(range(len(f.programs)), key=lambda i: f.programs[i]["title"].casefold())
    rank = [0] * len(f.programs)
    for position, i in enumerate(by_title):
        rank[i] = position
    programs = f.programs
    return {
        "count": len(programs),
        "chunk": CHUNK,
        "labels": lists,
        "columns": {
            "sektor": [index["sektor"][p["sector"]] for p in programs],
            "kecamatan": [[index["kecamatan"][k] for k in p["kecamatan"]] for p in programs],
            "tahun": [index["tahun"][str(p["year"])] for p in programs],
            "status": [index["status"].get(p["status"], -1) for p in programs],
            "anggota": [index["anggota"][p["member"]] for p in programs],
            "amount": [p["amount"] for p in programs],
            "beneficiaries": [p["beneficiaries"] for p in programs],
            "title_rank": rank,
        },
    }


def chunks(f: Figures) -> list[list[list[str]]]:
    rows = [[p["id"], p["title"]] for p in f.programs]
    return [rows[i : i + CHUNK] for i in range(0, len(rows), CHUNK)]


def write(docs_dir: Path, f: Figures) -> None:
    folder = docs_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (docs_dir / FACTS).write_bytes(_dump(facts(f)))
    for n, rows in enumerate(chunks(f)):
        (folder / f"rows-{n}.json").write_bytes(_dump(rows))
