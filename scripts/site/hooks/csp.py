"""Build hook: the Content Security Policy of every page, so only the site's own code runs.

Every value from data/ is escaped (see `render.py`); the policy is the second wall,
should escaping ever fail: an injected <script>, event handler or `javascript:`
link does not run, and nothing is loaded from another host. Scripts run from the
site's own files and as the theme's inline scripts, each allowed by the SHA-256 of
exactly the script the page contains, read from the page as it was written.

Only the theme's scripts are hashed: an inline script inside the page content
(the `<article>`, where data/ lands) stops the build, since hashing it would let
it run. So does a <script> element this hook does not understand.

GitHub Pages sets no response headers, so the policy is a <meta> element, first
in <head>: a meta policy governs only what follows it. A meta policy cannot carry
`frame-ancestors` (nor `report-uri` or `sandbox`), so framing by other sites
stays allowed; a host that can send headers should add
`Content-Security-Policy: frame-ancestors 'none'`.

A plain module named in the generated config's `hooks:`: MkDocs and ProperDocs
both run it.
"""

from __future__ import annotations

import base64
import hashlib
import re

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
# Data the browser never runs: no policy needed (Material's __config JSON).
DATA_TYPE = re.compile(r'\btype="application/json"')
CONTENT = re.compile(r"<article\b.*?</article>", re.DOTALL | re.IGNORECASE)
HEAD = re.compile(r"<head>", re.IGNORECASE)


class UnknownScript(Exception):
    """A page holds a script the policy must not allow; the build stops."""


def policy(hashes: list[str]) -> str:
    """The policy: the site's own files only; inline, only the hashed theme scripts."""
    return "; ".join(
        [
            "default-src 'self'",
            # WebAssembly: the site search (Pagefind) runs its index reader as wasm.
            " ".join(["script-src 'self' 'wasm-unsafe-eval'", *hashes]),
            # Material styles through its stylesheets and the CSSOM, never inline markup.
            "style-src 'self'",
            # The theme's icons are SVG data: URLs in its stylesheets.
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def _digest(body: str) -> str:
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def inline_hashes(html: str, where: str) -> list[str]:
    """The hashes of the theme's inline scripts of one page."""
    for content in CONTENT.findall(html):
        if SCRIPT.search(content):
            raise UnknownScript(f"{where}: ada <script> di dalam isi halaman; build dihentikan.")
    hashes = set()
    for attributes, body in SCRIPT.findall(html):
        attributes = " ".join(attributes.split())
        if attributes.startswith("src="):
            continue  # a file of the site: 'self'
        if DATA_TYPE.search(attributes):
            continue
        if attributes:
            raise UnknownScript(f"{where}: <script {attributes}> tidak dikenal; build dihentikan.")
        hashes.add(_digest(body))
    return sorted(hashes)


def with_policy(html: str, where: str) -> str:
    """The page with its policy first in <head>."""
    head = HEAD.search(html)
    if head is None:
        raise UnknownScript(f"{where}: halaman tanpa <head>; build dihentikan.")
    meta = (
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{policy(inline_hashes(html, where))}">'
    )
    return html[: head.end()] + meta + html[head.end() :]


def on_post_page(output: str, page, config) -> str:
    return with_policy(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config) -> str:
    """The theme's own pages (404.html); sitemap.xml is no page."""
    if not template_name.endswith(".html"):
        return output_content
    return with_policy(output_content, template_name)
