"""A built site served on 127.0.0.1 and opened in Debian's Chromium, for the
benchmarks that weigh what a phone downloads: every file the browser requests is
counted, each at its gzip size (as a web server sends it)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import sync_playwright

KB = 1024
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The browser dropped a request it no longer needed (it left the page).
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Browse:
    """The site in one browser page; `requested` collects the URLs it fetches."""

    def __init__(self, site: Path, page, base: str):
        self.site, self.page, self.base = site, page, base
        self.requested: list[str] = []
        page.on("request", lambda request: self.requested.append(request.url))

    def file(self, url: str) -> Path:
        path = unquote(urlsplit(url).path).lstrip("/")
        file = self.site / path
        return file / "index.html" if file.is_dir() or not path else file

    def weigh(self, keep=lambda url: True) -> list[tuple[str, int]]:
        """(file, gzip bytes) of what was requested since the last weighing."""
        urls, self.requested = sorted(set(self.requested)), []
        return [
            (str(self.file(url).relative_to(self.site)), gzip_size(self.file(url)))
            for url in urls
            if keep(url)
        ]


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


@contextlib.contextmanager
def browse(site: Path, width: int = 360, height: int = 800) -> Iterator[Browse]:
    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": width, "height": height})
            yield Browse(site, page, f"http://127.0.0.1:{server.server_port}/")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def sample_site(root: Path) -> Path:
    """The bundled sample pulled and built under root."""
    from scripts.intake import pull
    from scripts.site import build

    assert pull.pull("sample", root / "data").ok
    assert build.build(root / "data", root / "site") == 0
    return root / "site"


def main(report) -> None:
    """`report(site)` over the folder named on the command line, else over the sample
    built in a temporary folder."""
    if len(sys.argv) > 1:
        report(Path(sys.argv[1]))
        return
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print("Data contoh:")
        report(sample_site(Path(tmp)))
