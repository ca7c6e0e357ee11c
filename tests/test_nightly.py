"""`python -m scripts nightly` end to end, as the nightly workflow runs it: the real
Google client against the local Sheets stand-in, a temporary git repository, the
real site build. A night commits only real changes, with the right counts; a
failing night changes, commits and builds nothing."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from scripts.cli import main
from scripts.config import DEFAULT_CONFIG
from scripts.model import store
from scripts.nightly import run as nightly
from scripts.nightly import summary as changes
from scripts.site import build
from scripts.sources import sheets

from . import google as fake_google
from .helpers import tree_digest
from .privacy import private_values
from .sheets_server import FakeGoogle, Spreadsheet

# Every request stays on 127.0.0.1, as in the sources' tests.
pytestmark = pytest.mark.usefixtures("local_network_only")

BOT = "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


@contextlib.contextmanager
def serving(signing_key, sample_tables):
    """Google holding the sample as the config names it: the forms' responses in one
    spreadsheet, the needs in another; the service account's key in the environment."""
    rows = {key: [t.header, *t.rows] for key, t in sample_tables.items()}
    spreadsheets = {
        fake_google.FORMS_KEY: Spreadsheet(
            "Forum CSR Kota Serang (Jawaban)",
            {
                fake_google.MEMBERS_SHEET: [list(r) for r in rows["members"]],
                fake_google.PROGRAMS_SHEET: [list(r) for r in rows["programs"]],
            },
        ),
        fake_google.NEEDS_KEY: Spreadsheet(
            "Kebutuhan Daerah Kota Serang",
            {fake_google.NEEDS_SHEET: [list(r) for r in rows["needs"]]},
        ),
    }
    with (
        FakeGoogle(spreadsheets, signing_key.public_key()) as fake,
        pytest.MonkeyPatch.context() as env,
    ):
        env.setenv(fake_google.ENV, fake_google.account_json(fake, signing_key))
        # git as on a fresh runner: no identity, hooks or signing of this machine.
        for name, value in GIT_ENV.items():
            env.setenv(name, value)
        yield fake


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@dataclass
class Night:
    code: int
    out: str
    err: str
    summary: str
    outputs: str  # what the workflow's later steps read ($GITHUB_OUTPUT)


class Repo:
    """A clone's work tree: data/ in git, site/ ignored, a config naming the fake's sheets."""

    def __init__(self, path: Path, secrets: list[str]) -> None:
        self.path, self.secrets = path, secrets
        self.data_dir, self.site_dir = path / "data", path / "site"
        self.config = path / "config.yml"

    @classmethod
    def create(cls, path: Path, secrets: list[str]) -> Repo:
        path.mkdir()
        git(path, "init", "--quiet", "--initial-branch=main")
        # As the repository's own: the site and the contacts beside data/ stay out.
        (path / ".gitignore").write_text("site/\n*.contacts.yaml\n*.rows.json\n", encoding="utf-8")
        config = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
        config["sources"] = {"sheets": fake_google.sheets_settings()}
        (path / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
        git(path, "add", ".")
        git(path, "-c", "user.name=Pengelola", "-c", "user.email=p@example.org", "commit",
            "--quiet", "-m", "Awal")  # fmt: skip
        return cls(path, secrets)

    def copy(self, path: Path) -> Repo:
        shutil.copytree(self.path, path, symlinks=True)
        return Repo(path, self.secrets)

    def nightly(self, google: FakeGoogle) -> Night:
        summary, outputs = self.path.parent / "ringkasan.md", self.path.parent / "keluaran.txt"
        for path in (summary, outputs):
            path.write_text("", encoding="utf-8")
        network = sheets.Network(fake_google.FAST, fake_google.LocalGoogle(google.url))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = nightly.run(
                "sheets",
                self.data_dir,
                self.site_dir,
                commit=True,
                summary_path=summary,
                outputs_path=outputs,
                config_path=self.config,
                network=network,
            )
        written = (path.read_text(encoding="utf-8") for path in (summary, outputs))
        night = Night(code, out.getvalue(), err.getvalue(), *written)
        public = night.out + night.err + night.summary + git(self.path, "log", "--format=%B")
        for secret in self.secrets:
            assert secret not in public
        return night

    def commits(self) -> list[str]:
        """`author <email>|subject`, newest first."""
        return git(self.path, "log", "--format=%an <%ae>|%s").splitlines()

    def digest(self) -> dict[str, dict[str, str]]:
        return {"data": tree_digest(self.data_dir), "site": tree_digest(self.site_dir)}


def _secrets(google: FakeGoogle, signing_key, sample_tables) -> list[str]:
    key_lines = [line for line in fake_google.pem(signing_key).splitlines() if "---" not in line]
    return [google.token, *key_lines, *private_values(sample_tables, consented=True)]


@pytest.fixture(scope="module")
def first_night(tmp_path_factory, signing_key, sample_tables) -> tuple[Repo, Night]:
    """The first night of a new repository; each test continues from a copy of it."""
    with serving(signing_key, sample_tables) as google:
        repo = Repo.create(
            tmp_path_factory.mktemp("first") / "repo", _secrets(google, signing_key, sample_tables)
        )
        night = repo.nightly(google)
    assert night.code == 0, night.err
    return repo, night


@pytest.fixture
def google(signing_key, sample_tables):
    with serving(signing_key, sample_tables) as fake:
        yield fake


@pytest.fixture
def repo(first_night, tmp_path, google, signing_key, sample_tables) -> Repo:
    copied = first_night[0].copy(tmp_path / "repo")
    copied.secrets = _secrets(google, signing_key, sample_tables)
    return copied


def test_first_night_commits_the_data_with_its_counts_and_builds(first_night):
    repo, night = first_night
    data = store.load(repo.data_dir)
    counts = {name: len(records) for name, records in data.items()}
    assert min(counts.values()) > 0
    subject = (
        f"Data diperbarui: anggota +{counts['members']} ~0 -0, "
        f"program +{counts['programs']} ~0 -0, kebutuhan +{counts['needs']} ~0 -0"
    )
    assert repo.commits() == [f"{BOT}|{subject}", "Pengelola <p@example.org>|Awal"]
    committed = git(repo.path, "show", "--name-only", "--format=", "HEAD").split()
    assert committed == ["data/members.yaml", "data/needs.yaml", "data/programs.yaml"]
    assert git(repo.path, "status", "--porcelain") == ""
    assert (repo.site_dir / "index.html").is_file()
    assert not list(repo.path.glob(".site*"))  # no staging folder left behind
    # The job summary: the commit, counts per sheet, rejected rows by sheet/row/column.
    assert night.outputs == "committed=true\n"
    assert f"Commit dibuat: `{subject}`." in night.summary
    assert f"| `data/programs.yaml` | {counts['programs']} | 0 | 0 |" in night.summary
    assert f"{fake_google.MEMBERS_SHEET} | 82 | 66 | 1 | 1 | 6 | 3 | 5 |" in night.summary
    assert "| Lembar | Baris | Kolom | Alasan |" in night.summary
    assert "### Diterbitkan dengan catatan" in night.summary  # a dropped optional answer
    assert "| Lembar | Baris | Kolom | Catatan |" in night.summary
    # The quality findings, each record with the sheet row to fix; the members yet to
    # report as one list.
    assert "### Mutu data" in night.summary
    assert f"{fake_google.PROGRAMS_SHEET}, baris " in night.summary.split("### Mutu data")[1]
    assert "**Anggota yang belum melaporkan program pada tahun 2025**" in night.summary


def test_an_unchanged_night_changes_and_commits_nothing(repo, google):
    data = tree_digest(repo.data_dir)
    commits = repo.commits()
    night = repo.nightly(google)
    assert night.code == 0, night.err
    assert tree_digest(repo.data_dir) == data
    assert repo.commits() == commits
    assert night.outputs == "committed=false\n"  # so the workflow pushes nothing
    assert "Data tidak berubah: tidak ada commit." in night.summary
    assert (repo.site_dir / "index.html").is_file()


def _only_row(rows: list[list[str]], header: str, records: list[dict], key: str) -> list[str]:
    """The sheet row of the first published record whose `key` value one row alone has."""
    column = rows[0].index(header)
    for record in records:
        found = [row for row in rows[1:] if row[column].strip() == record[key]]
        if len(found) == 1:
            return found[0]
    raise AssertionError(f"no record with a unique {header}")


def test_added_edited_and_deleted_rows_are_counted(repo, google):
    data = store.load(repo.data_dir)
    worksheets = google.spreadsheets[fake_google.FORMS_KEY].worksheets
    # A new business, registered like a published one.
    members = worksheets[fake_google.MEMBERS_SHEET]
    new = list(_only_row(members, "Nama Badan Usaha", data["members"], "name"))
    new[members[0].index("Nama Badan Usaha")] = "PT Usaha Baru Sejahtera"
    new[members[0].index("NIB")] = "9120000000001"
    members.append(new)
    # A published program's description edited by its reporter.
    programs = worksheets[fake_google.PROGRAMS_SHEET]
    edited = _only_row(programs, "Nama Program", data["programs"], "title")
    edited[programs[0].index("Deskripsi Program")] = "Deskripsi yang diperbaiki pelapor."
    # A need no program names, deleted: nothing else changes.
    need = next(n for n in data["needs"] if not n["programs"])
    needs = google.spreadsheets[fake_google.NEEDS_KEY].worksheets[fake_google.NEEDS_SHEET]
    needs.remove(_only_row(needs, "Kode", [need], "id"))

    night = repo.nightly(google)
    assert night.code == 0, night.err
    subject = "Data diperbarui: anggota +1 ~0 -0, program +0 ~1 -0, kebutuhan +0 ~0 -1"
    assert repo.commits()[0] == f"{BOT}|{subject}"
    committed = git(repo.path, "show", "--name-only", "--format=", "HEAD").split()
    assert committed == ["data/members.yaml", "data/needs.yaml", "data/programs.yaml"]


def test_a_failing_source_changes_commits_and_builds_nothing(repo, google):
    before, commits = repo.digest(), repo.commits()
    google.spreadsheets[fake_google.FORMS_KEY].shared = False
    night = repo.nightly(google)
    assert night.code == 1
    assert night.outputs == ""
    assert "belum dibagikan" in night.err
    assert repo.digest() == before
    assert repo.commits() == commits
    assert night.summary.startswith("## Penarikan data malam ini gagal")
    assert "belum dibagikan" in night.summary
    assert "situs publik tetap seperti terakhir diterbitkan" in night.summary


def test_an_emptied_members_sheet_is_refused_and_nothing_is_committed_or_built(repo, google):
    """Issue 14, item 6: a header-only sheet would remove every member (and with them
    every program); the night fails, data/ and the site stay, nothing is committed."""
    before, commits = repo.digest(), repo.commits()
    published = len(store.load(repo.data_dir)["members"])
    members = google.spreadsheets[fake_google.FORMS_KEY].worksheets[fake_google.MEMBERS_SHEET]
    del members[1:]
    night = repo.nightly(google)
    assert night.code == 1 and night.outputs == ""  # so the workflow pushes nothing
    assert "Penarikan dibatalkan" in night.err and "--accept-removals" in night.err
    assert f"anggota yang terbit akan berkurang dari {published} menjadi 0" in night.err
    assert repo.digest() == before and repo.commits() == commits
    assert night.summary.startswith("## Penarikan data malam ini gagal")


def test_a_failed_build_keeps_the_last_site(repo, google, monkeypatch):
    site = tree_digest(repo.site_dir)

    def broken(data_dir, site_dir, build_dir, config_path):
        (site_dir / "index.html").write_text("setengah jadi", encoding="utf-8")
        return 1

    monkeypatch.setattr(build, "build", broken)
    night = repo.nightly(google)
    assert night.code == 1
    assert night.summary.endswith(changes.BUILD_FAILED_MARKDOWN)
    assert tree_digest(repo.site_dir) == site
    assert not list(repo.path.glob(".site*"))


def test_commit_needs_a_clean_data_dir_in_a_git_repository(tmp_path, capsys, monkeypatch):
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    outside = tmp_path / "bukan-repo"
    argv = ["nightly", "--commit", "--data-dir", str(outside / "data"), "--site-dir"]
    assert main([*argv, str(outside / "site")]) == 1
    assert "tidak berada di dalam repositori git" in capsys.readouterr().err
    assert not outside.exists()

    git(tmp_path, "init", "--quiet")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "members.yaml").write_text("[]\n", encoding="utf-8")
    argv = ["nightly", "--commit", "--data-dir", str(tmp_path / "data"), "--site-dir"]
    assert main([*argv, str(tmp_path / "site")]) == 1
    assert "belum di-commit" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_an_unreadable_csv_fails_like_the_pull(tmp_path, capsys):
    summary = tmp_path / "ringkasan.md"
    argv = ["nightly", "--source", "csv", "--data-dir", str(tmp_path / "data")]
    argv += ["--members", str(tmp_path / "tidak-ada.csv"), "--programs", str(tmp_path / "p.csv")]
    argv += ["--site-dir", str(tmp_path / "site"), "--summary", str(summary)]
    assert main(argv) == 1
    assert "tidak-ada.csv" in capsys.readouterr().err
    assert "tidak-ada.csv" in summary.read_text(encoding="utf-8")
    assert not (tmp_path / "data").exists() and not (tmp_path / "site").exists()
