"""The public history of data/ from git: each update's additions, changes and
removals, the "Pembaruan Data" page and the Atom feed of new programs."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from scripts import config
from scripts.model import reference, store
from scripts.site import build, history, pages, render, stats
from scripts.site import feed as feed_module

from .helpers import FIXTURES, FORMS, Page, config_with_forms

ATOM = "{http://www.w3.org/2005/Atom}"


def commit(repo, day: str, message: str) -> None:
    moment = f"{day}T10:00:00+07:00"
    env = os.environ | {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": moment,
        "GIT_COMMITTER_DATE": moment,
    }
    for command in (
        ["add", "data"],
        ["-c", "commit.gpgsign=false", "commit", "-q", "-m", message],
    ):
        subprocess.run(["git", *command], cwd=repo, env=env, check=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A repository whose data/ had three updates: the first version; a program
    added, one edited and one withdrawn; a member's address edited."""
    root = tmp_path_factory.mktemp("history")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    data_dir = root / "data"
    shutil.copytree(FIXTURES / "site", data_dir)
    commit(root, "2025-07-02", "first")
    data = store.load(data_dir)
    programs = data["programs"]
    added = copy.deepcopy(programs[0]) | {"id": "cv-maju-bersama-program-baru", "need": None}
    added["title"] = "Program Baru"
    withdrawn = programs.pop(1)
    programs[0]["amount"] = 6_000_000
    programs.append(added)
    store.save(data_dir, data)
    commit(root, "2025-08-01", "second")
    data["members"][0]["address"] = "Jl. Baru No. 1"
    store.save(data_dir, data)
    commit(root, "2025-09-01", "third")
    return data_dir, withdrawn


def test_updates_list_what_changed_newest_first(repo):
    data_dir, withdrawn = repo
    data = store.load(data_dir)
    past = history.read(data_dir, data)
    assert past.available and not past.older
    assert [u.date for u in past.updates] == [
        datetime.date(2025, 9, 1),
        datetime.date(2025, 8, 1),
        datetime.date(2025, 7, 2),
    ]
    third, second, first = past.updates
    assert [c.fields for c in third.files["members"].updated] == [["Alamat kantor"]]
    programs = second.files["programs"]
    assert (programs.counts.added, programs.counts.updated, programs.counts.removed) == (1, 1, 1)
    assert [p["id"] for p in programs.added] == ["cv-maju-bersama-program-baru"]
    assert [c.fields for c in programs.updated] == [["Nilai kontribusi (Rp)"]]
    assert first.first and first.files["programs"].counts.added == 6
    assert not third.first and not second.first
    assert withdrawn["id"] not in str(past)  # counted, never named


def test_pages_and_feed(repo, tmp_path):
    data_dir, withdrawn = repo
    site = tmp_path / "site"
    config = config_with_forms(tmp_path, FORMS)
    assert build.build(data_dir, site, tmp_path / "build", config) == 0
    page = Page(site / "pembaruan" / "index.html")
    assert page.find("a", href="../program/cv-maju-bersama-program-baru/")
    assert "1 Agustus 2025" in page.text and "Alamat kantor" in page.text
    # Issue 12, defect 9: plain words for readers, not the tools behind the page.
    article = page.text[page.text.index("Pembaruan Data") :]
    for jargon in ("git", "commit", "Atom", "data/"):
        assert jargon not in article, jargon
    published = (site / "pembaruan" / "index.html").read_text("utf-8")
    published += (site / "feed.xml").read_text("utf-8")
    assert withdrawn["title"] not in published and withdrawn["id"] not in published

    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert entries[0].findtext(f"{ATOM}title") == "Program Baru"
    assert entries[0].findtext(f"{ATOM}updated") == "2025-08-01T00:00:00Z"
    assert (
        entries[0]
        .find(f"{ATOM}link")
        .get("href")
        .endswith("/program/cv-maju-bersama-program-baru/")
    )
    assert len(entries) == 1 + 5  # the new program, then the first version's still published
    updates = (site / "pembaruan" / "index.html").read_text("utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in updates
    # Elsewhere none: the theme would fetch sitemap.xml for it on every page.
    assert 'rel="alternate"' not in (site / "index.html").read_text("utf-8")


def figures_with_site(url: str):
    """The figures of no data, for a forum whose site is at `url`."""
    settings = config.load()
    forum = dataclasses.replace(settings.forum, site_url=url)
    empty = {"members": [], "programs": [], "needs": []}
    return stats.compute(empty, None, dataclasses.replace(settings, forum=forum))


def test_without_git_the_page_says_so(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURES / "site", data_dir)
    past = history.read(data_dir, store.load(data_dir))
    assert not past.available and past.updates == []
    feed = feed_module.feed(past, {}, figures_with_site("https://x.example/"))
    assert ET.fromstring(feed).findall(f"{ATOM}entry") == []
    page = pages.Page("pembaruan.md", "updates.md.j2", "Pembaruan Data", {"history": past})
    assert "Riwayat pembaruan belum tersedia" in pages.render(
        render.environment(config.load(), reference.of(config.load())), page
    )


def test_records_are_read_by_id_from_their_text():
    data = store.load(FIXTURES / "site")
    text = store.dump(data["needs"])
    chunks = history.records_by_id("# a comment\n" + text)
    assert list(chunks) == [n["id"] for n in data["needs"]]
    assert [store.parse(chunk, "t")[0] for chunk in chunks.values()] == data["needs"]
    quoted = history.records_by_id(store.dump([{"id": "2025-01-01", "title": "x"}]))
    assert list(quoted) == ["2025-01-01"]  # YAML quotes an id that looks like a date
