"""Builds that cannot collide: each build writes its generated Markdown into a scratch
folder of its own, so two builds at once (a preview and a test) each get their pages."""

from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor

from scripts.model import store
from scripts.site import build

from .helpers import FIXTURES, FORMS, REPO, Page, config_with_forms


def test_two_builds_at_once_each_build_their_own_data(sample_site, tmp_path, monkeypatch):
    sample_data, _ = sample_site
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    runs = {"sample": sample_data, "fixture": FIXTURES / "site"}
    config = config_with_forms(tmp_path, FORMS)
    repo_build = REPO / "build"
    before = sorted(repo_build.rglob("*")) if repo_build.exists() else None
    with ThreadPoolExecutor(max_workers=2) as pool:
        codes = dict(
            zip(
                runs,
                pool.map(
                    lambda name: build.build(runs[name], tmp_path / name, config_path=config),
                    runs,
                ),
                strict=True,
            )
        )
    assert codes == {"sample": 0, "fixture": 0}
    for name, data_dir in runs.items():
        programs = store.load(data_dir)["programs"]
        assert Page(tmp_path / name / "index.html").figures["programs"] == str(len(programs))
    # Nothing was written into the repository's own build/.
    after = sorted(repo_build.rglob("*")) if repo_build.exists() else None
    assert after == before
    assert not list(scratch.iterdir())  # each build's own folder removed at its end


def test_a_hand_written_page_where_a_generated_one_goes_stops_the_build(
    tmp_path, monkeypatch, capsys
):
    # The sector overview is rendered by the other core, the kebutuhan page by this one.
    for path in ("sektor/index.md", "kebutuhan.md"):
        content = tmp_path / path.replace("/", "-") / "content"
        shutil.copytree(build.CONTENT, content)
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text("# Halaman tulisan tangan\n", encoding="utf-8")
        monkeypatch.setattr(build, "CONTENT", content)
        site = tmp_path / path.replace("/", "-") / "site"
        assert (
            build.build(FIXTURES / "site", site, config_path=config_with_forms(tmp_path, FORMS))
            == 1
        )
        assert f"content/{path} bertabrakan" in capsys.readouterr().err
        assert not site.exists()


def test_the_generated_markdown_goes_to_memory_only_where_there_is_room(monkeypatch, tmp_path):
    monkeypatch.setattr(build, "MEMORY", tmp_path)
    monkeypatch.setattr(build, "MEMORY_FREE", 1)
    assert build._memory_folder() == str(tmp_path)
    with build.scratch(None) as (folder, _):
        assert folder.parent == tmp_path
    monkeypatch.setattr(build, "MEMORY_FREE", shutil.disk_usage(tmp_path).free + 1)
    assert build._memory_folder() is None  # a small /dev/shm (a container's): /tmp
    monkeypatch.setattr(build, "MEMORY", tmp_path / "none")
    assert build._memory_folder() is None
