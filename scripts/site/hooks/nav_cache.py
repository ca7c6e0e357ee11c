"""Build hook: the theme's navigation rendered once per folder, not once per page.

MkDocs puts the navigation into every page, and Material's template for it was a
quarter of the engine's time at 10,000 programs. A page outside the navigation (a
program, a member, a sector, a year) shows it with nothing marked as current, its
links relative to the page's folder: every page of one folder gets the same HTML.
So the first such page of a folder renders it and the others reuse it; pages in
the navigation are rendered as the theme does (tests/test_nav_cache.py builds the
sample both ways and compares every page).

A plain module named in the generated config's `hooks:`: MkDocs and ProperDocs
both run it; an engine without hooks renders the navigation on every page itself.
"""

from __future__ import annotations

NAV = "partials/nav.html"


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
    return env
