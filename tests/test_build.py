"""Builds that cannot collide: each build writes its generated Markdown into a scratch
folder of its own, so two builds at once (a preview and a test) each get their pages."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from scripts.model import store
from scripts.site import build

from .helpers import FIXTURES, FORMS, REPO, Page, config_with_forms


def test_two_builds_at_once_each_build_their_own_data(sample_site, tmp_path):
    sample_data, _ = sample_site
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
