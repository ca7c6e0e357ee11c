"""Pushing the nightly's data commit: when the branch moved meanwhile (someone pushed
during the run), fetch it, put the data commit on top and try again, a few times.

git's own output is never printed: the remote's address carries the job's token.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.model import git
from scripts.nightly.run import BOT_EMAIL, BOT_NAME

TRIES = 3


@dataclass(frozen=True)
class Pushed:
    ok: bool
    tries: int
    message: str


def push(repo: Path, remote: str, branch: str, tries: int = TRIES) -> Pushed:
    bot = ("-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}")
    for attempt in range(1, tries + 1):
        if git.run(repo, "push", "--quiet", remote, f"HEAD:refs/heads/{branch}").returncode == 0:
            return Pushed(
                True, attempt, f"Commit data terdorong ke {branch} (percobaan {attempt})."
            )
        if git.run(repo, "fetch", "--quiet", remote, branch).returncode != 0:
            return Pushed(
                False, attempt, f"Cabang {branch} tidak dapat diambil; commit data tidak terdorong."
            )
        rebase = git.run(
            repo, *bot, "-c", "commit.gpgsign=false", "rebase", "--quiet", "FETCH_HEAD"
        )
        if rebase.returncode != 0:
            git.run(repo, "rebase", "--abort")
            return Pushed(
                False,
                attempt,
                f"Commit data tidak dapat diletakkan di atas perubahan baru di {branch} "
                "(perubahan itu menyentuh data/ juga); jalankan workflow ini lagi.",
            )
    return Pushed(
        False,
        tries,
        f"Commit data tidak terdorong sesudah {tries} kali mencoba; jalankan workflow ini lagi.",
    )
