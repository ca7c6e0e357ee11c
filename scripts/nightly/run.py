"""The `nightly` verb: pull → what changed → commit data/ → build the site.

The nightly GitHub Actions workflow runs exactly this, so a maintainer can run
the same thing locally (`make nightly`). A failed pull touches nothing: data/ is
left byte-identical by the pull itself, nothing is committed and the site is
not built, so the deployed site stays as it was. The site is built into a
temporary folder and swapped in whole, so a failed build leaves the old one too.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from scripts.errors import GitError, StoreError
from scripts.intake import pull
from scripts.model import diff, git, store
from scripts.nightly import summary
from scripts.site import build

# The identity GitHub shows as "github-actions[bot]" (its documented user id).
BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"


def _git_ok(repo: Path, *args: str) -> str:
    done = git.run(repo, *args)
    if done.returncode != 0:
        raise GitError(f"git gagal ({done.stderr.strip() or done.returncode}).")
    return done.stdout


def repo_root(data_dir: Path) -> Path:
    """The work tree holding data_dir (which may not exist before the first pull)."""
    existing = next(p for p in (data_dir.resolve(), *data_dir.resolve().parents) if p.exists())
    done = git.run(existing, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise GitError(f"{data_dir} tidak berada di dalam repositori git; commit tidak mungkin.")
    return Path(done.stdout.strip())


def ensure_clean(repo: Path, data_dir: Path) -> None:
    """A commit must hold the pull's changes only, so data/ must match HEAD beforehand."""
    if _git_ok(repo, "status", "--porcelain", "--", str(data_dir.resolve())).strip():
        raise GitError(
            f"{data_dir} memiliki perubahan yang belum di-commit; commit atau buang dulu."
        )


def commit_data(repo: Path, data_dir: Path, message: str) -> bool:
    """Commit data_dir as the Actions bot when it changed; True if a commit was made."""
    path = str(data_dir.resolve())
    _git_ok(repo, "add", "--all", "--", path)
    if git.run(repo, "diff", "--cached", "--quiet", "--", path).returncode == 0:
        return False  # byte-identical files: no empty commit
    identity = ("-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}")
    # A maintainer's own signing key must not sign the bot's commits.
    _git_ok(
        repo,
        *identity,
        "-c",
        "commit.gpgsign=false",
        "commit",
        "--quiet",
        "--message",
        message,
        "--",
        path,
    )
    return True


def build_site(data_dir: Path, site_dir: Path, config_path: Path | None = None) -> int:
    """Build into a sibling temporary folder, then swap it in: never a half-built site."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=site_dir.parent, prefix=f".{site_dir.name}.new-"))
    old = site_dir.parent / f".{site_dir.name}.old"
    try:
        # The generated Markdown is scratch: a temporary build folder keeps runs apart.
        with tempfile.TemporaryDirectory() as build_dir:
            code = build.build(data_dir, staging, Path(build_dir), config_path)
        if code == 0:
            shutil.rmtree(old, ignore_errors=True)
            if site_dir.exists():
                site_dir.rename(old)
            staging.rename(site_dir)
            print(f"Situs yang baru dipasang di {site_dir}.")
        return code
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def _append(path: Path | None, text: str) -> None:
    """Add to a file GitHub gives the step: its summary, or its outputs."""
    if path is not None:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)


def run(
    source: str,
    data_dir: Path,
    site_dir: Path,
    *,
    commit: bool = False,
    summary_path: Path | None = None,
    outputs_path: Path | None = None,
    **pull_options,
) -> int:
    """Pull, summarise, commit when asked, build. `pull_options` go to `pull.pull`.

    `outputs_path` gets `committed=true|false`: the workflow pushes only a new commit
    (pushing an unchanged HEAD would fail if the branch moved meanwhile)."""

    def fail(message: str) -> int:
        print(f"Gagal: {message}", file=sys.stderr)
        _append(summary_path, summary.failure_markdown(message, str(data_dir)))
        return 1

    try:
        repo = repo_root(data_dir) if commit else None
        if repo is not None:
            ensure_clean(repo, data_dir)
        before = store.load(data_dir)
    except (GitError, StoreError) as exc:
        return fail(str(exc))
    result = pull.pull(source, data_dir, **pull_options)
    if not result.ok:
        print(
            f"Gagal menarik data: {result.error}\nTidak ada berkas di {data_dir} yang diubah.",
            file=sys.stderr,
        )
        _append(summary_path, summary.failure_markdown(result.error, str(data_dir)))
        return 1
    print(result.summary())
    report = result.as_dict()
    found = diff.compare(before, store.load(data_dir))
    message = summary.commit_message(found, source)
    try:
        committed = repo is not None and commit_data(repo, data_dir, message)
    except GitError as exc:
        return fail(str(exc))
    if repo is None:
        outcome = "Commit tidak diminta (`--commit` tidak dipakai)."
    elif committed:
        outcome = f"Commit dibuat: `{message.splitlines()[0]}`."
    else:
        outcome = "Data tidak berubah: tidak ada commit."
    _append(outputs_path, f"committed={str(committed).lower()}\n")
    print(outcome)
    _append(summary_path, summary.summary_markdown(report, found, outcome))
    _append(summary_path, summary.quality_markdown(result.quality, result.origins))
    if result.status_error:
        # The data is pulled: commit and build go on; the summary and log say it.
        print(f"Status penarikan tidak dapat ditulis: {result.status_error}", file=sys.stderr)
        _append(summary_path, summary.status_failed_markdown(result.status_error))
    code = build_site(data_dir, site_dir, pull_options.get("config_path"))
    if code != 0:
        _append(summary_path, summary.BUILD_FAILED_MARKDOWN)
    return code
