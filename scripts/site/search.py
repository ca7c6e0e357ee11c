"""The site search: Pagefind's index of the built site, written to site/pagefind/.

Pagefind reads the pages MkDocs wrote and indexes only the parts marked
`data-pagefind-body` (overrides/main.html: pages with an `Index`, see pages.py),
leaving out what is marked `data-pagefind-ignore` (tables, charts, figures,
contacts). It stems Indonesian words (the pages say `lang="id"`), so "mendidik"
finds "pendidikan". The browser fetches the index in small chunks, and only on
the search page (templates/search.md.j2, content/assets/javascripts/search.js).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"  # under the site root


def index(site_dir: Path) -> subprocess.CompletedProcess:
    """Index site_dir in place; the finished process (its output says what failed)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir)]
    command += ["--output-subdir", BUNDLE, "--force-language", "id", "--silent"]
    return subprocess.run(command, capture_output=True, text=True, check=False)
