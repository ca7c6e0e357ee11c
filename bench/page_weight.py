"""What a phone downloads to show the home page: the page and everything it loads at
first view (stylesheets, scripts, icon; the search index is fetched only on the
search page), each gzip-compressed as a web server sends it.

Run: python bench/page_weight.py [SITE_DIR] (part of `make bench`); without a folder
it builds the bundled sample in a temporary one. bench/build_site.py prints the same
figure for its 1,000/10,000 site. Target: 150 KB.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

TARGET = 150 * 1024
# What the home page loads by itself: <link rel=stylesheet|icon href>, <script src>, <img src>.
LOADED = re.compile(
    r'<link rel="(?:stylesheet|icon)" href="([^"]+)"|<script src="([^"]+)"|<img[^>]* src="([^"]+)"'
)


def first_view(site: Path) -> list[tuple[str, int, int]]:
    """(file, bytes, gzip bytes) of the home page and what it loads at first view."""
    home = site / "index.html"
    files = ["index.html"]
    for match in LOADED.finditer(home.read_text(encoding="utf-8")):
        path = next(group for group in match.groups() if group)
        if "://" not in path and not path.startswith("data:"):
            files.append(path.split("?")[0])
    sizes = []
    for name in dict.fromkeys(files):
        raw = (site / name).read_bytes()
        sizes.append((name, len(raw), len(gzip.compress(raw, compresslevel=6, mtime=0))))
    return sizes


def report(site: Path) -> int:
    sizes = first_view(site)
    for name, raw, packed in sizes:
        print(f"  {name}: {raw / 1024:,.1f} KB, gzip {packed / 1024:,.1f} KB")
    total = sum(packed for _, _, packed in sizes)
    verdict = "within" if total <= TARGET else "OVER"
    print(f"home first view, gzip: {total / 1024:,.1f} KB ({verdict} the 150 KB target)")
    return total


def sample_site(root: Path) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from scripts.intake import pull
    from scripts.site import build

    assert pull.pull("sample", root / "data").ok
    assert build.build(root / "data", root / "site") == 0
    return root / "site"


if __name__ == "__main__":
    if len(sys.argv) > 1:
        report(Path(sys.argv[1]))
    else:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            print("Data contoh:")
            report(sample_site(Path(tmp)))
