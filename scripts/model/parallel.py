"""Pure work over many items split across the machine's cores, or done on another
core while the caller goes on.

A pull of 100,000 rows spends most of its time reading answers one row at a time,
each row on its own: that work is cut into one contiguous slice per core. The
slices after the first go to forked children, which inherit the function and the
items (readers hold closures that cannot be pickled), so only results travel
back; the parent reads the first slice meanwhile. Results come back in the
items' order: the same list as a plain loop gives (tests/test_parallel.py).

`background` hands a list of calls to one forked child (a build writes most of
its pages there while it writes the downloads); `idle=True` makes that child
yield the cores to everything else (a build makes its annual workbooks and PDFs
so, in the moments its other steps leave a core unused).

Small inputs, a machine of one core and a system without `fork` get the plain loop.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MINIMUM = 4_000  # fewer items than this: forking costs more than it saves
_work: tuple[Callable, Sequence] | None = None
_workers: int | None = None  # None: one per core
_forking = threading.Lock()


def _forks() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def workers() -> int:
    if _workers is not None:
        return _workers
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@contextmanager
def limited(count: int):
    """At most `count` workers inside the block (a benchmark measuring one core)."""
    global _workers
    before, _workers = _workers, count
    try:
        yield
    finally:
        _workers = before


def _slice(bounds: tuple[int, int]) -> list:
    """In a child: its slice of the work it inherited."""
    function, items = _work
    return [function(item) for item in items[bounds[0] : bounds[1]]]


# The children's niceness with `idle`: the lowest priority, run when no other work waits.
IDLE = 19


def _pool(function: Callable, items: Sequence, processes: int, idle: bool = False):
    """A pool of forked children that inherit (function, items). One fork at a time:
    two builds in two threads must not hand each other's work to their children."""
    global _work
    with _forking:
        _work = (function, items)
        settings = {"initializer": os.nice, "initargs": (IDLE,)} if idle else {}
        try:
            return multiprocessing.get_context("fork").Pool(processes, **settings)  # forks now
        finally:
            _work = None


def mapped(function: Callable[[T], R], items: Sequence[T], minimum: int | None = None) -> list[R]:
    """[function(item) for item in items], the slices after the first in children;
    forked only with at least `minimum` (MINIMUM) items per worker."""
    count = min(workers(), len(items) // max(minimum or MINIMUM, 1))
    if count < 2 or not _forks():
        return [function(item) for item in items]
    size = -(-len(items) // count)
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    with _pool(function, items, len(bounds) - 1) as pool:
        later = pool.map_async(_slice, bounds[1:])
        results = [function(item) for item in items[: bounds[0][1]]]
        for part in later.get():
            results.extend(part)
    return results


# The child sends its results back this many at a time, so the caller can count them.
BATCH = 200


class Pending:
    """Calls running in a child; `each()` yields their values in order as they come,
    `results()` waits for all of them."""

    def __init__(self, calls: list[Callable[[], R]], pool) -> None:
        self._calls = calls
        batches = [(start, min(start + BATCH, len(calls))) for start in range(0, len(calls), BATCH)]
        self._later = pool.imap(_slice, batches) if pool else None

    def each(self) -> Iterator:
        if self._later is None:
            yield from (call() for call in self._calls)
            return
        for batch in self._later:
            yield from batch

    def results(self) -> list:
        return list(self.each())


def _call(call: Callable[[], R]) -> R:
    return call()


@contextmanager
def background(calls: Sequence[Callable[[], R]], idle: bool = False) -> Iterator[Pending]:
    """The calls started in one forked child (on a machine of two cores or more), to be
    collected with `.results()` inside the block; the child is stopped at its end.
    `idle`: the child runs only when the cores have nothing else to do."""
    calls = list(calls)
    if not calls or workers() < 2 or not _forks():
        yield Pending(calls, None)
        return
    pool = _pool(_call, calls, 1, idle)
    try:
        yield Pending(calls, pool)
    finally:
        pool.terminate()
        pool.join()
