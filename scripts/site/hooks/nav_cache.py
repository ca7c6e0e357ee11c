"""Build hook: the theme's navigation rendered once per folder, not once per page,
and the blocks of its base template that only link to the site's own files once
per depth.

MkDocs puts the navigation into every page, and Material's template for it was a
quarter of the engine's time at 10,000 programs. A page outside the navigation (a
program, a member, a sector, a year) shows it with nothing marked as current, its
links relative to the page's folder: every page of one folder gets the same HTML.
So the first such page of a folder renders it and the others reuse it; pages in
the navigation are rendered as the theme does. The theme's settings for its
scripts (`config`), its style sheets and its scripts depend on nothing but the
config and the way back to the site's root (`base_url`): rendered once for each.
tests/test_nav_cache.py builds the sample both ways and compares every page.

A plain module named in the generated config's `hooks:`: MkDocs and ProperDocs
both run it; an engine without hooks renders the navigation on every page itself.
"""

from __future__ import annotations

NAV = "partials/nav.html"
BASE = "base.html"
SHARED_BLOCKS = ("config", "styles", "scripts")  # a renamed block stops the build


def folder(url: str) -> str:
    """The folder a page's relative links start from: "program/a/" → "program/"."""
    return url.rstrip("/").rpartition("/")[0]


def on_env(env, config, files):
    template = env.get_template(NAV)  # Jinja's include finds this same object in its cache
    render = template.root_render_func
    rendered: dict[str, str] = {}

    def cached(context):
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or page in nav.pages:
            yield from render(context)
            return
        key = folder(page.url)
        if key not in rendered:
            rendered[key] = "".join(render(context))
        yield rendered[key]

    template.root_render_func = cached
    base = env.get_template(BASE)  # every page's template extends this same object
    for name in SHARED_BLOCKS:
        base.blocks[name] = _once_per_depth(base.blocks[name])
    return env


def _once_per_depth(render):
    rendered: dict[str, str] = {}

    def cached(context):
        key = context.get("base_url")
        if key not in rendered:
            rendered[key] = "".join(render(context))
        yield rendered[key]

    return cached
