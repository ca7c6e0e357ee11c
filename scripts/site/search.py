"""The site search: Pagefind's index of the built site, written to site/pagefind/.

Pagefind reads the pages MkDocs wrote and indexes only the parts marked
`data-pagefind-body` (overrides/main.html: pages with an `Index`, see pages.py),
leaving out what is marked `data-pagefind-ignore` (tables, charts, figures,
contacts). It stems Indonesian words (the pages say `lang="id"`), so "mendidik"
finds "pendidikan". The browser fetches the index in small chunks, and only on
the search page (templates/search.md.j2, content/assets/javascripts/search.js).

Pagefind starts reading each page at the theme's article (ROOT), which holds the
search body: the header and navigation around it were most of its time at 10,000
programs, and it indexes the same (tests/test_search.py). A theme without that
article leaves Pagefind nothing to index, and the build fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"  # under the site root
ROOT = "article.md-content__inner"  # Material's article, around every page's content


def index(
    site_dir: Path, root: str | None = ROOT, bundle: str = BUNDLE
) -> subprocess.CompletedProcess:
    """Index site_dir into its `bundle` folder, each page read from its `root`
    element; the finished process (its output says what failed)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir)]
    command += ["--output-subdir", bundle, "--force-language", "id", "--silent"]
    if root is not None:
        command += ["--root-selector", root]
    return subprocess.run(command, capture_output=True, text=True, check=False)
