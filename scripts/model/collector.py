"""Python's cyclic garbage collector, paused for work that only accumulates.

A pull or a build allocates millions of objects that all stay alive until it ends
(rows, records, pages). Each full collection rescans every one of them and frees
nothing: at 100,000 rows that was a third of a pull. The records hold no cycles, so
reference counting frees what is dropped; the collector runs again after the block.

What the block made has piled up in the youngest generation; the collector's first
pass after it would scan all of it at once (half a second at 100,000 rows), so it is
handed to the oldest generation unscanned (freeze, then unfreeze), where the
collector's usual thresholds decide when it is next looked at.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    """The collector off inside the block (nested blocks: the outermost restores it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
