"""What the program explorer and the site search cost a phone, measured in Debian's
Chromium over a built site: bytes sent (gzip, as a web server sends them) for the
explorer's first view with everything it loads, for one filter change, and for one
search query with its first results (apart: opening the search, which fetches
Pagefind's program and its list of the site's pages once, when the reader opens
the search page); the time a filter change takes to show its result with the CPU
slowed 4x; and the seconds Pagefind takes to index the site.

Targets (issue 13), at 1,000 members and 10,000 programs: explorer first view at
most 300 KB, a filter change at most 50 KB, a search query at most 150 KB, a filter
change shown within 300 ms at 4x CPU slowdown.
Run: python bench/explorer_search.py [SITE_DIR] (without a folder it builds the
bundled sample); bench/build_site.py runs it over its 1,000/10,000 site.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from browse import KB, browse, main

from scripts.site import search

TARGETS = {"first view": 300 * KB, "filter change": 50 * KB, "search query": 150 * KB}
# Fetched once when the search page opens, whatever is searched: Pagefind's code,
# its WebAssembly and its list of every page of the site.
OPENING = ("pagefind.js", "pagefind-entry.json", ".pagefind", ".pf_meta")
# Resolves once the explorer has shown a selection newer than the one before.
CHANGE = """async (value) => {
  const root = document.getElementById('explorer'), before = root.dataset.shown;
  const select = document.getElementById('f-sektor');
  const began = performance.now();
  select.value = value;
  select.dispatchEvent(new Event('change', {bubbles: true}));
  await new Promise(done => {
    const watch = new MutationObserver(() => {
      if (root.dataset.shown !== before) { watch.disconnect(); done(); }
    });
    watch.observe(root, {attributes: true});
  });
  return performance.now() - began;
}"""


def total(sizes: list[tuple[str, int]]) -> int:
    return sum(size for _, size in sizes)


def measure(site: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    with browse(site) as view:
        page = view.page
        page.goto(view.base + "program/")
        page.wait_for_selector("#explorer[data-shown]")
        figures["first view"] = total(view.weigh())
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        sector = page.locator("#f-sektor option").nth(1).get_attribute("value")
        figures["filter change ms"] = page.evaluate(CHANGE, sector)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        figures["filter change"] = total(view.weigh())
        page.goto(view.base + "cari/")
        page.wait_for_function(
            "() => /^Ketik/.test(document.getElementById('search-status').textContent)"
        )
        page.wait_for_load_state("networkidle")  # Pagefind's worker fetches on after init
        opening = view.weigh(lambda url: "/pagefind/" in url)
        figures["opening the search"] = total(opening)
        assert all(name.endswith(OPENING) for name, _ in opening), opening
        page.fill("#cari-q", "posyandu")
        page.wait_for_function(
            "() => /hasil/.test(document.getElementById('search-status').textContent)"
        )
        figures["search query"] = total(view.weigh())
    began = time.perf_counter()
    indexed = search.index(site)
    figures["index seconds"] = time.perf_counter() - began
    if indexed.returncode:
        raise SystemExit(indexed.stderr)
    return figures


def report(site: Path) -> dict[str, float]:
    figures = measure(site)
    for name, target in TARGETS.items():
        verdict = "within" if figures[name] <= target else "OVER"
        print(f"  {name}, gzip: {figures[name] / KB:,.1f} KB ({verdict} {target // KB} KB)")
    ms = figures["filter change ms"]
    verdict = "within" if ms <= 300 else "OVER"
    print(f"  filter change shown in {ms:,.0f} ms at 4x CPU slowdown ({verdict} 300 ms)")
    opening = figures["opening the search"]
    print(f"  opening the search page (Pagefind and its page list), gzip: {opening / KB:,.1f} KB")
    both = opening + figures["search query"]
    print(f"  opening and one query together, gzip: {both / KB:,.1f} KB")
    print(f"  search index build (Pagefind): {figures['index seconds']:.1f} s")
    return figures


if __name__ == "__main__":
    main(report)
