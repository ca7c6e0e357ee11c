"""The raw HTML build hook: a block is set aside only when Markdown would copy it, and
every generated page renders the same with the hook as without it."""

from __future__ import annotations

import markdown
import pytest
import yaml
from mkdocs.utils import meta

from scripts.site import build
from scripts.site.hooks import raw_html

# The site's Markdown, as mkdocs.yml sets it up.
EXTENSIONS = yaml.safe_load(build.MKDOCS_CONFIG.read_text("utf-8"))["markdown_extensions"]


@pytest.mark.parametrize(
    ("lines", "certain"),
    [
        (["<p>Teks</p>"], True),
        (['<dl class="facts">', "<dt>Status</dt> <dd>Berjalan</dd>", "</dl>"], True),
        (['<div class="description"><p>a</p></div>'], True),
        (["<table>", "<tr><td>1</td></tr>", "</table>"], True),
        (["<span>inline</span>"], False),  # not block-level: Markdown makes a paragraph
        (['<a href="x">tautan</a>'], False),
        (["<p>a</p>", "teks Markdown"], False),  # a line Markdown reads
        (["<div>", "  <p>a</p>", "</div>"], False),  # an indented line
        (["<div>", "<p>a</p>"], False),  # closed after a blank line, if at all
        (["<p>a</p>", "</div>"], False),  # closes another element
        (["## Judul"], False),
        (["<!-- komentar -->"], False),
    ],
)
def test_a_block_is_set_aside_only_when_markdown_copies_it(lines, certain):
    assert raw_html.certain(lines) is certain


def test_a_page_with_a_fenced_code_block_is_left_to_markdown():
    page = "Contoh:\n\n```html\n\n<p>a</p>\n\n```\n"
    assert raw_html.set_aside(page) == (page, [])


def test_blocks_come_back_in_one_pass():
    page = "<p>a</p>\n\n## Judul\n\n<div>b</div>\n"
    text, blocks = raw_html.set_aside(page)
    assert blocks == ["<p>a</p>", "<div>b</div>"]
    assert "<p>" not in text and "## Judul" in text
    assert raw_html.put_back(markdown.markdown(text), blocks) == markdown.markdown(page)


def test_a_page_of_blocks_only_skips_markdown():
    page = "<p>a</p>\n\n\n<div>b</div>\n"
    text, blocks = raw_html.for_markdown(page)
    assert text == ""
    assert raw_html.from_markdown(markdown.markdown(text), blocks) == markdown.markdown(page)
    assert raw_html.for_markdown("<p>a</p>\n\n## Judul\n")[0] != ""


def test_the_ids_of_blocks_still_count_as_anchors():
    blocks = ['<h2 id="ringkasan">R</h2><a name="lama"></a>', '<input name="q" id="a&amp;b">']
    assert raw_html.anchors(blocks) == {"ringkasan", "lama", "a&b"}


def _pages(build_dir):
    return sorted((build_dir / "docs").rglob("*.md"))


def _same_with_and_without(page) -> None:
    body, _ = meta.get_data(page.read_text(encoding="utf-8"))
    plain = markdown.markdown(body, extensions=EXTENSIONS)
    text, blocks = raw_html.for_markdown(body)
    hooked = raw_html.from_markdown(markdown.markdown(text, extensions=EXTENSIONS), blocks)
    assert hooked == plain, page


def test_every_sample_page_renders_the_same_with_the_hook(sample_site):
    data_dir, site = sample_site
    pages = _pages(data_dir.parent / "build")
    assert len(pages) > 200
    for page in pages:
        _same_with_and_without(page)
    built = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "forum-raw-" not in built


def test_every_hostile_page_renders_the_same_with_the_hook(hostile_site):
    data_dir, _ = hostile_site
    pages = _pages(data_dir.parent / "build")
    assert pages
    for page in pages:
        _same_with_and_without(page)
