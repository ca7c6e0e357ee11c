"""What a phone downloads to show the home page: the page and every file the browser
fetches for it at first view (Debian's Chromium, 360x800), each gzip-compressed as a
web server sends it. The search index is fetched only on the search page.

Run: python bench/page_weight.py [SITE_DIR] (part of `make bench`); without a folder
it builds the bundled sample in a temporary one. bench/build_site.py prints the same
figure for its 1,000/10,000 site. Target: 150 KB, nothing from another host.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from browse import KB, browse, main

TARGET = 150 * KB


def report(site: Path) -> int:
    with browse(site) as view:
        view.page.goto(view.base, wait_until="networkidle")
        offsite = [url for url in view.requested if not url.startswith(view.base)]
        sizes = view.weigh(lambda url: url.startswith(view.base))
    for name, packed in sizes:
        print(f"  {name}: gzip {packed / KB:,.1f} KB")
    total = sum(packed for _, packed in sizes)
    verdict = "within" if total <= TARGET and not offsite else "OVER"
    print(f"home first view, gzip: {total / KB:,.1f} KB ({verdict} the 150 KB target)")
    print(f"requests to other hosts: {len(offsite)}")
    return total


if __name__ == "__main__":
    main(report)
