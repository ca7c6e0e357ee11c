"""Pure work over many items split across the machine's cores, or done on another
core while the caller goes on.

A pull of 100,000 rows spends most of its time reading answers one row at a time,
each row on its own: that work is cut into batches, which the caller takes from
the front and forked children from the back until they meet, so no core waits for
another while work is left (a child is slower: what it sends back is pickled).
The children inherit the function and the items (readers hold closures that
cannot be pickled), so only results travel back. Results come back in the items'
order: the same list as a plain loop gives (tests/test_parallel.py).

`background` hands a list of calls to one forked child (a build writes most of
its pages there while it writes the downloads), or to a child per core with
`spread=True`; `idle=True` makes the children yield the cores to everything else
(a build makes its annual workbooks and PDFs so, in the moments its other steps
leave a core unused, and on both cores at its end).

Small inputs, a machine of one core and a system without `fork` get the plain loop.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MINIMUM = 4_000  # fewer items than this: forking costs more than it saves
_work: tuple | None = None
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
    function, items = _work[:2]
    return [function(item) for item in items[bounds[0] : bounds[1]]]


class _Batches:
    """Batches of the items, claimed one at a time from the front (the caller) or the
    back (the children) through counters shared with the forked children."""

    def __init__(self, total: int, size: int) -> None:
        context = multiprocessing.get_context("fork")
        self.total, self.size, self.count = total, size, -(-total // size)
        self._lock = context.Lock()
        self._ends = context.RawArray("q", [0, self.count])  # [first, end) unclaimed

    def claim(self, front: bool) -> int | None:
        with self._lock:
            first, end = self._ends
            if first >= end:
                return None
            self._ends[0 if front else 1] = first + 1 if front else end - 1
            return first if front else end - 1

    def bounds(self, batch: int) -> tuple[int, int]:
        return batch * self.size, min((batch + 1) * self.size, self.total)


def _from_back(most: int) -> list[tuple[int, list]]:
    """In a child: up to `most` batches claimed from the back, done (fewer when none
    is left). A message per batch would wait each time for the busy caller to read
    it (its reading thread needs the interpreter's lock), so they travel back in a
    few large ones."""
    batches = _work[2]
    done = []
    while len(done) < most and (batch := batches.claim(front=False)) is not None:
        done.append((batch, _slice(batches.bounds(batch))))
    return done


# How many messages each child's share of the work travels back in, about.
MESSAGES = 8
# The interpreter's switch interval while children send results: the caller's thread
# that reads them waits for the lock up to this long per 64 KB (Python's 5 ms kept a
# child waiting to send, and its core idle, a fifth of the time).
SWITCHING = 0.0005


# The children's niceness with `idle`: the lowest priority, run when no other work waits.
IDLE = 19


def _pool(work: tuple, processes: int, idle: bool = False):
    """A pool of forked children that inherit `work`: (function, items, anything they
    share). One fork at a time: two builds in two threads must not hand each other's
    work to their children."""
    global _work
    with _forking:
        _work = work
        settings = {"initializer": os.nice, "initargs": (IDLE,)} if idle else {}
        try:
            return multiprocessing.get_context("fork").Pool(processes, **settings)  # forks now
        finally:
            _work = None


# Items per batch: the cores share the work out in these, and a background child
# sends its results back this many at a time (the caller counts them).
BATCH = 200


def mapped(function: Callable[[T], R], items: Sequence[T], minimum: int | None = None) -> list[R]:
    """[function(item) for item in items], the work shared with children (`streamed`)."""
    return list(streamed(function, items, minimum))


def streamed(
    function: Callable[[T], R], items: Sequence[T], minimum: int | None = None
) -> Iterator[R]:
    """function(item) for each item, in order, as they are done: the caller's batches
    as it asks for them, then the children's. Forked only with at least `minimum`
    (MINIMUM) items per worker."""
    count = min(workers(), len(items) // max(minimum or MINIMUM, 1))
    if count < 2 or not _forks():
        yield from map(function, items)
        return
    size = max(1, min(BATCH, len(items) // (4 * count)))  # a few batches per core at least
    batches = _Batches(len(items), size)
    switching = sys.getswitchinterval()
    sys.setswitchinterval(SWITCHING)
    try:
        with _pool((function, items, batches), count - 1) as pool:
            most = max(1, batches.count // (2 * MESSAGES * (count - 1)))  # a child does half
            later = pool.imap_unordered(_from_back, [most] * -(-batches.count // most))
            while (batch := batches.claim(front=True)) is not None:
                start, end = batches.bounds(batch)
                yield from map(function, items[start:end])
            for _, results in sorted((d for done in later for d in done), key=lambda d: d[0]):
                yield from results
    finally:
        sys.setswitchinterval(switching)


class Pending:
    """Calls running in children; `each()` yields their values in order as they come,
    `results()` waits for all of them. `size`: calls per batch a child takes."""

    def __init__(self, calls: list[Callable[[], R]], pool, size: int = BATCH) -> None:
        self._calls = calls
        batches = [(start, min(start + size, len(calls))) for start in range(0, len(calls), size)]
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
def background(
    calls: Sequence[Callable[[], R]], idle: bool = False, spread: bool = False
) -> Iterator[Pending]:
    """The calls started in one forked child (on a machine of two cores or more), to be
    collected with `.results()` inside the block; the child is stopped at its end.
    `idle`: the child runs only when the cores have nothing else to do. `spread`: a
    child per core, each taking one call at a time (a few long calls, such as the
    annual reports' files, which a build may end up waiting for)."""
    calls = list(calls)
    if not calls or workers() < 2 or not _forks():
        yield Pending(calls, None)
        return
    processes = min(workers(), len(calls)) if spread else 1
    pool = _pool((_call, calls), processes, idle)
    try:
        yield Pending(calls, pool, 1 if spread else BATCH)
    finally:
        pool.terminate()
        pool.join()
