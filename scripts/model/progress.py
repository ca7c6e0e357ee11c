"""Progress of long runs on a terminal: a bar with counts (tqdm) for the rows of a
pull and the pages of a build.

Only the command line turns it on (`enable`), and tqdm draws only on a terminal:
CI logs, job summaries, tests and anything piped stay as quiet as before.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO, TypeVar

from tqdm import tqdm

T = TypeVar("T")
_enabled = False


def enable() -> None:
    """Show bars from now on, where the output is a terminal (the CLI's choice)."""
    global _enabled
    _enabled = True


def counted(
    items: Iterable[T], label: str, unit: str, total: int | None = None, file: TextIO | None = None
) -> Iterable[T]:
    """`items`, with a bar "label: 12.000/100.000 unit" while they are gone through."""
    if not _enabled:
        return items
    stream = file or sys.stderr
    return tqdm(
        items,
        desc=label,
        total=total,
        unit=f" {unit}",
        file=stream,
        disable=not stream.isatty(),
        leave=False,  # the command's own summary follows
        mininterval=0.5,
        dynamic_ncols=True,
    )
