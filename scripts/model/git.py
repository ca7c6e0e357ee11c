"""The one way the project asks git: the data's history (site), its date, and the
nightly's commits. Every call runs `git -C DIR …` and never raises for a failed
command: the caller decides what a failure means."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from scripts.model.dates import as_date


def run(directory: Path, *args: str) -> subprocess.CompletedProcess:
    """git in `directory`, output as text; a missing git is a failed command too."""
    try:
        return subprocess.run(
            ["git", "-C", str(directory), *args],
            capture_output=True,
            encoding="utf-8",
            check=False,
        )
    except OSError as exc:
        return subprocess.CompletedProcess(["git", *args], 127, "", str(exc))


def output(directory: Path, *args: str) -> str | None:
    """What git printed, or None when it failed."""
    done = run(directory, *args)
    return done.stdout if done.returncode == 0 else None


def data_updated(data_dir: Path, data: dict[str, list[dict]]) -> datetime.date | None:
    """The date of the last commit touching the data directory; without one, the
    latest report or registration date. Never today's date: the same data gives
    the same site."""
    committed = (output(data_dir, "log", "-1", "--format=%cs", "--", ".") or "").strip()
    if committed:
        return datetime.date.fromisoformat(committed)
    dates = [as_date(p["reported"]) for p in data["programs"]]
    dates += [as_date(m["registered"]) for m in data["members"]]
    return max(dates, default=None)
