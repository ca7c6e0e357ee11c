"""The Content Security Policy of every page: only the site's own code runs.

Every value from data/ is escaped (see pages.py); the policy is the second wall,
should escaping ever fail: an injected <script>, event handler or `javascript:`
link does not run, and nothing is loaded from another host. Scripts run from the
site's own files and as the theme's own inline scripts, each allowed by its
SHA-256. Those hashes are computed at every build from the installed theme's
templates, so a theme upgrade that changes its scripts changes the policy too.

GitHub Pages sets no response headers, so the policy is a <meta> element, first
in <head>: a meta policy governs only what follows it. A meta policy cannot carry
`frame-ancestors` (nor `report-uri` or `sandbox`), so framing by other sites
stays allowed; a host that can send headers should add
`Content-Security-Policy: frame-ancestors 'none'`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import material

# Material's inline scripts, one template each (base.html includes them).
THEME_SCRIPTS = Path(material.__file__).parent / "templates"
SCRIPT_PARTIALS = "partials/javascripts"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def base_urls(docs_dir: Path, site_url: str | None) -> set[str]:
    """The `base_url` MkDocs renders each page with: the way back to the site root
    (".", "..", "../.." … by the depth of its directory URL), and on the error page
    the site's absolute path."""
    depths = {0}
    for page in docs_dir.rglob("*.md"):
        parts = page.relative_to(docs_dir).with_suffix("").parts
        depths.add(len(parts) - 1 if parts[-1] in ("index", "README") else len(parts))
    urls = {"/".join([".."] * depth) or "." for depth in depths}
    urls.add(urlsplit(site_url or "/").path)
    return urls


def script_hashes(urls: set[str], extra: dict, features: list[str]) -> list[str]:
    """CSP sources for every inline script the theme can write on these pages."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME_SCRIPTS), autoescape=True)
    found = set()
    for template in sorted((THEME_SCRIPTS / SCRIPT_PARTIALS).glob("*.html")):
        for base_url in urls:
            rendered = env.get_template(f"{SCRIPT_PARTIALS}/{template.name}").render(
                config={"extra": extra}, base_url=base_url, features=features
            )
            for body in INLINE_SCRIPT.findall(rendered):
                digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest())
                found.add(f"'sha256-{digest.decode('ascii')}'")
    return sorted(found)


def policy(hashes: list[str]) -> str:
    """The policy: the site's own files only; inline, only the hashed theme scripts."""
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *hashes]),
            # Material styles through its stylesheets and the CSSOM, never inline markup.
            "style-src 'self'",
            # The theme's icons are SVG data: URLs in its stylesheets.
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )
