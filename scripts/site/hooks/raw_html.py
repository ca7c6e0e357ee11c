"""Build hook: the raw HTML blocks of a page go past Markdown untouched and unparsed.

The generated pages are mostly raw HTML blocks (see `pages.py`: every template
line starts with a tag, every value is escaped on one line), which Python-Markdown
and MkDocs both run through `html.parser` only to copy them to the page as they
are. At 10,000 programs that was a third of the engine's time, most of it on the
sector and annual report pages. This hook sets each such block aside before
Markdown runs, leaves a comment in its place and puts the block back into the
HTML afterwards: the page is the same (tests/test_raw_html.py compares every
generated page with and without it), and the ids in the blocks still count for
MkDocs' anchor checks.

A block is set aside only when it is certain that Markdown would copy it: its
lines are not blank, each starts with `<`, the first opens a block-level element
and the last closes that same element. Anything else is left to Markdown, and so
is a page with a fenced code block (a hand-written page may show HTML in one).
A page that is nothing but such blocks (a program's) skips Markdown altogether:
Markdown is given nothing, and the blocks are joined as it would join them.

A plain module named in the generated config's `hooks:`: MkDocs and ProperDocs
both run it; an engine without hooks renders the same blocks itself.
"""

from __future__ import annotations

import html
import re
import secrets

from markdown.util import BLOCK_LEVEL_ELEMENTS

BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)
OPENING = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
# What MkDocs collects as anchors: any element's id, an <a>'s name.
ANCHOR = re.compile(r'<(?:[a-z][^>]*?\sid|a\s[^>]*?\bname)="([^"]*)"')
FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)
# Unguessable per build: no text of a page can spell a placeholder of this run.
MARK = f"forum-raw-{secrets.token_hex(8)}"
PLACEHOLDER = re.compile(rf"<!--{MARK}-(\d+)-->")

_set_aside: dict[str, list[str]] = {}


def certain(chunk: list[str]) -> bool:
    """Whether Markdown would copy these lines (one blank-line-separated chunk) as they are."""
    opening = OPENING.match(chunk[0])
    if not opening or opening[1] not in BLOCK_LEVEL:
        return False
    return chunk[-1].endswith(f"</{opening[1]}>") and all(line[:1] == "<" for line in chunk)


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each certain raw block replaced by a placeholder, and the blocks."""
    blocks: list[str] = []
    if FENCE.search(markdown):
        return markdown, blocks
    out: list[str] = []
    chunk: list[str] = []

    def flush() -> None:
        if chunk and certain(chunk):
            out.append(f"<!--{MARK}-{len(blocks)}-->")
            blocks.append("\n".join(chunk))
        else:
            out.extend(chunk)
        chunk.clear()

    for line in markdown.split("\n"):
        if line.strip():
            chunk.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out), blocks


def put_back(content: str, blocks: list[str]) -> str:
    """The HTML with each placeholder replaced by its block, in one pass."""
    return PLACEHOLDER.sub(lambda match: blocks[int(match[1])], content)


def anchors(blocks: list[str]) -> set[str]:
    """The ids (and <a name>s) of the blocks, which MkDocs would have collected."""
    return {html.unescape(found) for block in blocks for found in ANCHOR.findall(block)}


def for_markdown(markdown: str) -> tuple[str, list[str]]:
    """(what Markdown is given, the blocks set aside): nothing at all when the page
    is blocks only, as Python-Markdown then returns at once."""
    text, blocks = set_aside(markdown)
    if blocks and not PLACEHOLDER.sub("", text).strip():
        return "", blocks
    return text, blocks


def from_markdown(content: str, blocks: list[str]) -> str:
    """The page's HTML from what Markdown made of for_markdown's text."""
    if blocks and not content:
        return "\n\n".join(blocks)  # as Markdown joins blocks
    return put_back(content, blocks)


def on_page_markdown(markdown, page, config, files):
    text, _set_aside[page.file.src_uri] = for_markdown(markdown)
    return text


def on_page_content(content, page, config, files):
    blocks = _set_aside.pop(page.file.src_uri)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= anchors(blocks)
    return from_markdown(content, blocks)
