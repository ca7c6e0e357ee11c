"""The nightly's push (scripts/nightly/push.py) against real git repositories: a push
to the branch meanwhile is fetched and the data commit put on top; a change to the
same data file is a clear failure that leaves the work tree as it was."""

import subprocess

from scripts.nightly import push


def git(directory, *args):
    return subprocess.run(
        [
            "git",
            "-C",
            str(directory),
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.id",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def clone_pair(tmp_path):
    """An origin with one commit, and two clones of it: the nightly's and a person's."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "--quiet", str(origin), str(seed))
    (seed / "data").mkdir()
    (seed / "data" / "members.yaml").write_text("[]\n", encoding="utf-8")
    (seed / "README.md").write_text("awal\n", encoding="utf-8")
    git(seed, "add", ".")
    git(seed, "commit", "--quiet", "-m", "awal")
    git(seed, "push", "--quiet", "origin", "HEAD:main")
    nightly, person = tmp_path / "nightly", tmp_path / "person"
    for clone in (nightly, person):
        git(tmp_path, "clone", "--quiet", str(origin), str(clone))
    return origin, nightly, person


def commit(clone, path, text, message):
    (clone / path).write_text(text, encoding="utf-8")
    git(clone, "add", ".")
    git(clone, "commit", "--quiet", "-m", message)


def test_a_push_meanwhile_is_fetched_and_the_data_commit_goes_on_top(tmp_path):
    origin, nightly, person = clone_pair(tmp_path)
    commit(nightly, "data/members.yaml", "- id: a\n", "Data: 1 anggota baru")
    commit(person, "README.md", "diubah\n", "README")
    git(person, "push", "--quiet", "origin", "HEAD:main")
    pushed = push.push(nightly, str(origin), "main")
    assert pushed.ok and pushed.tries == 2
    log = git(origin, "log", "--format=%s", "main").splitlines()
    assert log == ["Data: 1 anggota baru", "README", "awal"]


def test_a_change_to_the_same_data_is_a_clear_failure(tmp_path):
    origin, nightly, person = clone_pair(tmp_path)
    commit(nightly, "data/members.yaml", "- id: a\n", "Data: 1 anggota baru")
    commit(person, "data/members.yaml", "- id: b\n", "Data ditulis tangan")
    git(person, "push", "--quiet", "origin", "HEAD:main")
    pushed = push.push(nightly, str(origin), "main")
    assert not pushed.ok and "menyentuh data/" in pushed.message
    assert str(origin) not in pushed.message  # the address carries the job's token
    assert git(nightly, "status", "--porcelain") == ""  # the rebase was undone
    assert git(origin, "log", "-1", "--format=%s", "main").strip() == "Data ditulis tangan"


def test_an_unreachable_remote_fails_without_naming_it(tmp_path):
    _, nightly, _ = clone_pair(tmp_path)
    secret = "https://x-access-token:rahasia@127.0.0.1:9/tidak-ada.git"
    pushed = push.push(nightly, secret, "main")
    assert not pushed.ok and "rahasia" not in pushed.message
