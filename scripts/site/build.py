"""Building the site: the pages generated from data/ as plain Markdown next to a copy
of content/, in a scratch folder of this build's own, then a site engine (MkDocs,
or ProperDocs, which reads the same config) with the CSP hook.

Page generation is a plain step before the engine runs, so the site needs no
plugin that only one engine has.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from itertools import chain
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts import config, paths
from scripts.checks import schema
from scripts.errors import ConfigError, PageError, StoreError
from scripts.model import git, parallel, progress, reference, store
from scripts.site import (
    annual_pdf,
    explorer,
    exports,
    feed,
    formats,
    history,
    pages,
    posters,
    previews,
    search,
)
from scripts.site import stats as fig
from scripts.site.render import environment

CONTENT = config.REPO_ROOT / "content"
OVERRIDES = config.REPO_ROOT / "overrides"
MKDOCS_CONFIG = config.REPO_ROOT / "mkdocs.yml"
HOOKS = Path(__file__).resolve().parent / "hooks"
# Plain modules both engines run: the pages split between two cores, raw HTML past
# Markdown unparsed, the navigation rendered once per folder, then the CSP.
ENGINE_HOOKS = [
    HOOKS / "two_cores.py",
    HOOKS / "raw_html.py",
    HOOKS / "nav_cache.py",
    HOOKS / "csp.py",
]
# The share of the pages needing no download that another core renders (see generate).
GIVEN_SHARE = 0.8
ENGINES = {"mkdocs": "mkdocs", "properdocs": "properdocs"}  # --engine → Python module
# The phases of a build, as `build(timings=…)` names them, in order.
PHASES = {
    "load": "membaca data/ dan config.yml",
    "check": "memeriksa data terhadap skema",
    "figures": "menghitung angka, riwayat git",
    "pages": "menulis halaman dan unduhan",
    "engine": "MkDocs + Material",
    "search": "indeks pencarian Pagefind; sisa XLSX dan PDF laporan tahunan",
}


def generate(
    data: dict[str, list[dict]],
    figures: fig.Figures,
    docs_dir: Path,
    cfg: config.Config,
    forms: dict[str, posters.Form],
    updates: history.History,
) -> int:
    """Write the docs tree: content/ copied, the downloads and the feed, then every
    generated page. Returns the page count."""
    pages.check_ids(data)
    shutil.rmtree(docs_dir, ignore_errors=True)
    shutil.copytree(CONTENT, docs_dir)
    env = environment(cfg, figures.ref)
    # Another core renders and writes most of the pages that need no download, while
    # this one writes the posters, the downloads and the rest (the share keeps both
    # about as busy at 10,000 programs: bench/build_site.py). The annual reports'
    # files are made meanwhile at the lowest priority (`build`).
    site = list(pages.site_pages(figures, data))
    cut = int(len(site) * GIVEN_SHARE)
    given, kept = site[:cut], site[cut:]
    with parallel.background(
        [partial(_render_page, docs_dir, env, page) for page in given]
    ) as done:
        posters.write_assets(forms, cfg.forum, docs_dir, figures.updated)
        downloads = exports.write(docs_dir / paths.OPEN_DATA, data, figures)
        explorer.write(docs_dir, figures)
        previews.write(figures, docs_dir)
        members = {m["id"]: m for m in data["members"]}
        (docs_dir / paths.FEED).write_bytes(feed.feed(updates, members, figures))
        rest = list(
            chain(
                kept,
                pages.data_pages(figures, data, downloads, updates),
                pages.form_pages(cfg, forms),
                pages.content_pages(cfg),
            )
        )

        def written() -> Iterator[None]:
            """This core's pages as it writes them, then the other's as they come."""
            for page in rest:
                yield _render_page(docs_dir, env, page)
            yield from done.each()

        count = len(given) + len(rest)
        for _ in progress.counted(written(), "Menulis halaman", "halaman", count):
            pass
    return count


def write_documents(site_dir: Path, yearly: list[tuple[str, Callable]], contents: list) -> None:
    """Each annual report's workbook and PDF into the built site: after the engine,
    which needs none of them (the pages link them in raw HTML, which it does not check)."""
    for (path, _), content in zip(yearly, contents, strict=True):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def yearly_documents(figures: fig.Figures, cfg: config.Config) -> list[tuple[str, Callable]]:
    """(path under the site root, how to make its bytes) of each annual report's files."""
    return [
        document
        for report in figures.reports
        for document in (
            (exports.report_path(report.year), partial(exports.report_book, report, figures)),
            (
                exports.report_pdf_path(report.year),
                partial(annual_pdf.document, report, figures, cfg),
            ),
        )
    ]


def _render_page(docs_dir: Path, env, page: pages.Page) -> None:
    target = docs_dir / page.path
    if target.exists():
        raise PageError(f"content/{page.path} bertabrakan dengan halaman yang dibuat dari data.")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(pages.render(env, page), encoding="utf-8")


def write_config(build_dir: Path, site_dir: Path, updated, cfg: config.Config) -> Path:
    """The generated engine config: the repo's mkdocs.yml plus this build's paths,
    the forum's names, the data date and the CSP hook."""
    forum = cfg.forum
    contact = {k: v for k, v in vars(forum.contact).items() if v}
    root = urlsplit(forum.site_url).path or "/"
    settings = {
        "INHERIT": str(MKDOCS_CONFIG),
        "docs_dir": str((build_dir / "docs").resolve()),
        "site_dir": str(site_dir.resolve()),
        "site_name": forum.name,
        "site_description": (
            f"Situs transparansi {forum.full_name}: anggota, program, nilai kontribusi "
            "dan kebutuhan daerah."
        ),
        "copyright": f"{forum.full_name}. Data terbuka di bawah lisensi CC BY 4.0.",
        # Relative paths of an inherited config resolve against this file: made absolute.
        "theme": {"custom_dir": str(OVERRIDES)},
        "hooks": [str(hook) for hook in ENGINE_HOOKS],
        "extra": {
            "data_updated": {
                "iso": updated.isoformat() if updated else None,
                "text": formats.date(updated),
            },
            # The secretariat's address for questions, corrections and removals: every footer.
            "contact": contact,
            # The link preview of every page that has none of its own.
            "og_image": previews.home_path(),
            # The error page (overrides/404.html) is served at any address, so it
            # links from the site's root path.
            "routes": {
                "home": root,
                "programs": root + paths.PROGRAMS,
                "members": root + paths.MEMBERS,
            },
            # The header's search form opens this page (overrides/partials/site-search.html).
            "search_page": paths.SEARCH,
        },
    }
    if forum.site_url:
        settings["site_url"] = forum.site_url
    path = build_dir / "mkdocs.yml"
    store.write_atomic(path, yaml.safe_dump(settings, allow_unicode=True, sort_keys=False))
    return path


def run_engine(config_path: Path, engine: str = "mkdocs") -> int:
    command = [sys.executable, "-m", ENGINES[engine], "build", "--clean", "--strict", "--quiet"]
    # Material's end-of-life notice is known (see DESIGN.md); it would bury real warnings.
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    command += ["--config-file", str(config_path)]
    return subprocess.run(command, env=env, check=False).returncode


# A folder in memory (tmpfs) for the generated Markdown, where the system has one with
# room to spare: creating 11,000 files on a disk costs ten times as long.
MEMORY = Path("/dev/shm")
MEMORY_FREE = 2**30


def _memory_folder() -> str | None:
    """MEMORY if it can take this build's Markdown, else None (the usual temporary folder)."""
    try:
        usable = os.access(MEMORY, os.W_OK | os.X_OK) and (
            shutil.disk_usage(MEMORY).free >= MEMORY_FREE
        )
    except OSError:
        return None
    return str(MEMORY) if usable else None


@contextmanager
def scratch(build_dir: Path | None):
    """(the folder of the generated Markdown, release): the folder asked for, or this
    build's own temporary one, so two builds at once never overwrite each other's
    pages. `release()` starts removing a temporary folder on a thread: its 12,000
    files cost seconds of waiting on the disk, which the search index's run covers.
    The block's end waits for that, or removes the folder itself."""
    if build_dir is not None:
        build_dir.mkdir(parents=True, exist_ok=True)
        yield build_dir, lambda: None
        return
    folder = Path(tempfile.mkdtemp(prefix="forum-csr-build-", dir=_memory_folder()))
    removal = threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True})
    try:
        yield folder, removal.start
    finally:
        if removal.ident is None:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            removal.join()


@contextmanager
def _phase(timings: dict[str, float] | None, name: str):
    """Adds the seconds of the block to timings[name] (bench/build_site.py reads them)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - started


def build(
    data_dir: Path,
    site_dir: Path,
    build_dir: Path | None = None,
    config_path: Path | None = None,
    engine: str = "mkdocs",
    timings: dict[str, float] | None = None,
) -> int:
    """Generate the pages from data_dir and build the site into site_dir; exit code.
    `timings`, if given, gets the seconds of each phase (PHASES)."""
    try:
        with _phase(timings, "load"):
            data = store.load(data_dir)
            cfg = config.load(config_path)
            forms = posters.forms(cfg)
    except (StoreError, ConfigError) as exc:
        print(f"Situs tidak dibangun: {exc}", file=sys.stderr)
        return 1
    with _phase(timings, "check"):
        problems = schema.problems(data_dir, data, reference.of(cfg))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(
            f"Situs tidak dibangun: {len(problems)} masalah di {data_dir} "
            "(periksa dengan `python -m scripts check`).",
            file=sys.stderr,
        )
        return 1
    with scratch(build_dir) as (folder, release):
        try:
            with _phase(timings, "figures"):
                updated = git.data_updated(data_dir, data)
                figures = fig.compute(data, updated, cfg)
                updates = history.read(data_dir, data)
            yearly = yearly_documents(figures, cfg)
            # The annual reports' files are made from here on at the lowest priority, in
            # what the steps below leave of the two cores (before each forks, and beside
            # Pagefind); what is left, at the end, on both.
            makers = [make for _, make in yearly]
            with parallel.background(makers, idle=True, spread=True) as reports:
                with _phase(timings, "pages"):
                    count = generate(data, figures, folder / "docs", cfg, forms, updates)
                with _phase(timings, "engine"):
                    code = run_engine(write_config(folder, site_dir, updated, cfg), engine)
                if code != 0:
                    print(
                        f"Situs tidak dibangun: {engine} gagal (lihat pesan di atas).",
                        file=sys.stderr,
                    )
                    return 1
                release()  # the Markdown is no longer needed
                with _phase(timings, "search"):
                    indexed = search.index(site_dir)
                    if indexed.returncode == 0:
                        write_documents(site_dir, yearly, reports.results())
        except PageError as exc:
            print(f"Situs tidak dibangun: {exc}", file=sys.stderr)
            return 1
    if indexed.returncode != 0:
        print(indexed.stdout + indexed.stderr, file=sys.stderr)
        print("Situs tidak dibangun: indeks pencarian (Pagefind) gagal.", file=sys.stderr)
        return 1
    print(f"Situs dibangun di {site_dir}: {count} halaman dari {data_dir}.")
    return 0
