"""The CSP build hook: the hashes of exactly the theme's inline scripts of a page, the
policy first in <head>, and a build stopped by a script it must not allow."""

from __future__ import annotations

import base64
import hashlib

import pytest

from scripts.site.hooks import csp

THEME = '<script>var __md_scope=new URL(".",location)</script>'
PAGE = (
    "<html><head><meta charset=utf-8>" + THEME + "</head><body>"
    '<article class="md-content__inner">&lt;script&gt;alert(1)&lt;/script&gt;</article>'
    '<script id="__config" type="application/json">{"base": "."}</script>'
    '<script src="assets/javascripts/bundle.js"></script></body></html>'
)


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_only_the_pages_own_theme_scripts_are_hashed():
    assert csp.inline_hashes(PAGE, "x.html") == [_hash('var __md_scope=new URL(".",location)')]


def test_the_policy_comes_first_in_head():
    out = csp.with_policy(PAGE, "x.html")
    assert out.startswith('<html><head><meta http-equiv="Content-Security-Policy" ')
    policy = out.split('content="', 1)[1].split('"', 1)[0]
    assert (
        "script-src 'self' 'wasm-unsafe-eval' " + _hash('var __md_scope=new URL(".",location)')
        in policy
    )
    assert "object-src 'none'" in policy and "unsafe-inline" not in policy


@pytest.mark.parametrize(
    "page",
    [
        PAGE.replace("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
        PAGE.replace(THEME, '<script type="module">import("x")</script>'),
        "<html><body><script>x()</script></body></html>",
    ],
)
def test_a_script_it_must_not_allow_stops_the_build(page):
    with pytest.raises(csp.UnknownScript):
        csp.with_policy(page, "x.html")


def test_the_sitemap_is_left_alone():
    assert csp.on_post_template("<urlset/>", "sitemap.xml", None) == "<urlset/>"
