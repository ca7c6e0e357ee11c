"""Build hook: the pages outside the navigation read, rendered and written on two cores.

MkDocs builds its pages one after another, and at 10,000 programs that was most of
a build while the machine's second core waited. So once the navigation is known,
a `build` of many pages forks: the child takes every other page outside the
navigation, the parent keeps the rest and everything else (the pages of the
navigation, the theme's files, 404.html, sitemap.xml). Each process marks the
other's pages as excluded, so it neither reads nor writes them but still resolves
a link to them as before (MkDocs links to an excluded page as to any other, with a
note at INFO level); the sitemap still lists every page. The child writes into the
same site folder; the parent waits for it at the end of the build and stops the
build if the child failed, or warned in a strict build. The site is the same
either way (tests/test_two_cores.py builds the sample both ways, split forced, and
compares every file).

Not split: `mkdocs serve` (it rebuilds inside a server with threads), a machine
of one core or without `fork`, fewer pages than MINIMUM (forking costs more than
it saves; FORUM_SPLIT_MINIMUM overrides it, as the test does). One thing is
checked less than in one process: a link with an #anchor into the other
process's pages, which MkDocs checks at INFO level only.

A plain module named in the generated config's `hooks:`: MkDocs and ProperDocs
both run it; an engine without hooks builds every page on one core.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import threading

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

MINIMUM = 1_000  # pages outside the navigation
_split = {"command": None, "child": None, "every": None, "warnings": None}


class _Counter(logging.Handler):
    """The child's warnings: a strict build fails on them, as MkDocs does on its own."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def share(files: list) -> tuple[list, list]:
    """(the parent's, the child's): every other file, so both get each kind of page."""
    return files[0::2], files[1::2]


def on_startup(command, dirty):
    _split["command"] = command


def _minimum() -> int:
    return int(os.environ.get("FORUM_SPLIT_MINIMUM", MINIMUM))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _can_fork() -> bool:
    return (
        _split["command"] == "build"
        and hasattr(os, "fork")
        and _cores() > 1
        and threading.active_count() == 1  # a fork copies only the calling thread
    )


def on_nav(nav, config, files):
    in_nav = {page.file for page in nav.pages}
    outside = [file for file in files.documentation_pages() if file not in in_nav]
    if len(outside) < max(_minimum(), 2) or not _can_fork():
        return nav
    _, given = share(outside)
    page_type = type(nav.pages[0])
    for file in given:
        page_type(None, file, config)  # as MkDocs would: the sitemap lists it
    _split["every"] = files.documentation_pages()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    gc.freeze()  # the collector would otherwise touch, and so copy, every inherited object
    child = os.fork()
    if child:
        _split["child"] = child
        for file in given:
            file.inclusion = InclusionLevel.EXCLUDED
        return nav
    # The child: its share of the pages only; no theme files, no theme templates.
    mine = set(given)
    for file in files:
        if file not in mine:
            file.inclusion = InclusionLevel.EXCLUDED
    config.theme.static_templates.clear()
    config.extra_templates.clear()
    counter = _Counter()
    logging.getLogger(type(config).__module__.partition(".")[0]).addHandler(counter)
    _split["warnings"] = counter
    return nav


def on_template_context(context, template_name, config):
    if template_name == "sitemap.xml" and _split["every"] is not None:
        context["pages"] = _split["every"]
    return context


def _exit_child(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)


def on_post_build(config):
    if _split["warnings"] is not None:
        _exit_child(1 if config.strict and _split["warnings"].count else 0)
    child, _split["child"] = _split["child"], None
    if child is None:
        return
    _, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise PluginError("Sebagian halaman (dibangun di inti kedua) gagal; lihat pesan di atas.")


def on_build_error(error):
    if _split["warnings"] is not None:
        _exit_child(1)
    child, _split["child"] = _split["child"], None
    if child is not None:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
