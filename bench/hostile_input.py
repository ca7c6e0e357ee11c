"""Hostile input costs no more than any other: the long runs that make a careless
regular expression backtrack, and the whole hostile Forms export pulled.

Run: python bench/hostile_input.py (part of `make bench`). Prints seconds; the
tests check that these inputs are handled, this script how fast."""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.errors import InvalidValue
from scripts.intake import normalise as n
from scripts.intake import pull

REPO = Path(__file__).resolve().parent.parent
HOSTILE_FORMS = REPO / "tests" / "fixtures" / "hostile_forms"
LONG = ["1 " * 2_500, "(0" * 2_500, "a@" * 2_500, "x" * 5_000, "0812-" * 1_000]


def main() -> None:
    started = time.perf_counter()
    for raw in LONG:
        n.mask_contacts(raw)
        with contextlib.suppress(InvalidValue):
            n.long_text(raw)
    print(f"long hostile runs (5 × ~5,000 characters): {time.perf_counter() - started:.3f} s")
    paths = {key: HOSTILE_FORMS / f"{key}.csv" for key in ("members", "programs", "needs")}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        result = pull.pull("csv", Path(tmp) / "data", paths=paths)
        seconds = time.perf_counter() - started
    assert result.ok, result.error
    rows = sum(sheet["read"] for sheet in result.sheets.values())
    print(f"hostile Forms export pulled ({rows} rows, 50 KB answers): {seconds:.2f} s")
    print("target: each well under a second")


if __name__ == "__main__":
    main()
