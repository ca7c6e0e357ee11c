"""The build hook that splits the pages outside the navigation between two cores:
the site is the same either way, and what goes wrong on the other core stops the
build."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from scripts.site import build, exports
from scripts.site.hooks import two_cores


@pytest.mark.parametrize(
    ("files", "parent", "child"),
    [
        (["a", "b", "c", "d", "e"], ["a", "c", "e"], ["b", "d"]),
        (["a", "b"], ["a"], ["b"]),
        ([], [], []),
    ],
)
def test_every_other_page_goes_to_the_other_core(files, parent, child):
    assert two_cores.share(files) == (parent, child)


def test_every_sample_file_is_the_same_when_split(sample_site, tmp_path, monkeypatch):
    data_dir, site = sample_site
    settings = yaml.safe_load((data_dir.parent / "build" / "mkdocs.yml").read_text("utf-8"))
    assert any(hook.endswith("two_cores.py") for hook in settings["hooks"])
    settings["site_dir"] = str(tmp_path / "site")
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("FORUM_SPLIT_MINIMUM", "0")  # the sample is below the threshold
    assert build.run_engine(config) == 0
    split = sorted(path.relative_to(tmp_path / "site") for path in (tmp_path / "site").rglob("*"))
    # The engine's output only: Pagefind's index and the annual reports' files come after it.
    later = {
        path
        for pattern in (exports.report_path("*"), exports.report_pdf_path("*"))
        for path in site.glob(pattern)
    }
    assert later
    whole = sorted(
        path.relative_to(site)
        for path in site.rglob("*")
        if "pagefind" not in path.parts and path not in later
    )
    assert split == whole
    assert sum(1 for path in split if path.suffix == ".html") > 200
    for path in split:
        if (site / path).is_file():
            assert (tmp_path / "site" / path).read_bytes() == (site / path).read_bytes(), path


def _project(tmp_path, linked: str) -> tuple:
    """A site of one page in the navigation and four outside it; the second of those
    (the other core's) links to `linked`."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Beranda\n", encoding="utf-8")
    for name in "abcd":
        (docs / f"{name}.md").write_text(f"# Halaman {name}\n", encoding="utf-8")
    (docs / "b.md").write_text(f"# Halaman b\n\n[tautan]({linked})\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    settings = {
        "site_name": "Uji",
        "site_url": "https://uji.example/",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "nav": ["index.md"],
        "hooks": [str(build.HOOKS / "two_cores.py")],
        "validation": {"omitted_files": "ignore"},
    }
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    env = {"FORUM_SPLIT_MINIMUM": "0", "NO_MKDOCS_2_WARNING": "1"}
    return command, env, tmp_path / "site"


def _run(command, env, monkeypatch):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_a_split_build_writes_both_shares(tmp_path, monkeypatch):
    command, env, site = _project(tmp_path, "c.md")
    result = _run(command, env, monkeypatch)
    assert result.returncode == 0, result.stderr
    for name in ("index", "a", "b", "c", "d"):
        page = site / ("index.html" if name == "index" else f"{name}/index.html")
        assert f"Halaman {name}" in page.read_text("utf-8") or name == "index"
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "https://uji.example/b/" in sitemap  # the other core's page is listed


def test_a_warning_on_the_other_core_stops_a_strict_build(tmp_path, monkeypatch):
    command, env, _ = _project(tmp_path, "tidak-ada.md")
    result = _run(command, env, monkeypatch)
    assert result.returncode != 0
    assert "tidak-ada.md" in result.stderr
    assert "inti kedua" in result.stderr
