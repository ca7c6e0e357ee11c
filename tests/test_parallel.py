"""Work split over cores: the same list as a plain loop, in order, with or without children."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from scripts.model import parallel


@pytest.mark.parametrize(
    ("count", "workers", "minimum", "children"),
    [
        (0, 2, 10, False),
        (9, 2, 10, False),  # under the minimum: the plain loop
        (20, 2, 10, True),
        (21, 3, 7, True),  # uneven slices
        (100, 1, 10, False),  # one core
    ],
)
def test_results_come_back_in_order(count, workers, minimum, children):
    items = list(range(count))
    caller, started = os.getpid(), multiprocessing.get_context("fork").Event()

    def pid_and_square(item: int) -> tuple[int, int]:
        # The caller's first item waits for a child's, or the caller, fast, would take
        # every batch before a child started.
        if os.getpid() != caller:
            started.set()
        elif children and item == 0:
            started.wait(timeout=60)
        return os.getpid(), item * item

    with parallel.limited(workers):
        found = parallel.mapped(pid_and_square, items, minimum=minimum)
    assert [square for _, square in found] == [i * i for i in items]
    pids = [pid for pid, _ in found]
    assert (len(set(pids)) > 1) is children
    assert pids[:1] in ([], [os.getpid()])  # the first slice is read by the caller


def test_a_closure_runs_in_the_children_without_being_pickled():
    offset = 5
    with parallel.limited(2):
        assert parallel.mapped(lambda item: item + offset, list(range(50)), minimum=10) == list(
            range(5, 55)
        )


def test_a_failure_in_a_child_reaches_the_caller():
    def fail(item: int) -> int:
        if item == 40:
            raise ValueError("baris 40")
        return item

    with parallel.limited(2), pytest.raises(ValueError, match="baris 40"):
        parallel.mapped(fail, list(range(50)), minimum=10)


@pytest.mark.parametrize(("workers", "in_child"), [(2, True), (1, False)])
def test_calls_in_the_background_come_back_in_order(workers, in_child):
    calls = [lambda i=i: (os.getpid(), i) for i in range(5)]
    with parallel.limited(workers), parallel.background(calls) as pending:
        found = pending.results()
    assert [i for _, i in found] == list(range(5))
    assert all((pid != os.getpid()) is in_child for pid, _ in found)


def test_a_failure_in_the_background_reaches_the_caller():
    def fail() -> None:
        raise ValueError("PDF tahun 2025")

    with (
        parallel.limited(2),
        parallel.background([fail]) as pending,
        pytest.raises(ValueError, match="PDF tahun 2025"),
    ):
        pending.results()


@pytest.mark.parametrize(("workers", "niceness"), [(2, parallel.IDLE), (1, 0)])
def test_an_idle_background_runs_at_the_lowest_priority(workers, niceness):
    with parallel.limited(workers), parallel.background([lambda: os.nice(0)], idle=True) as pending:
        assert pending.results() == [min(os.nice(0) + niceness, 19)]  # 19: the lowest


def test_spread_calls_run_on_a_child_per_core_and_come_back_in_order():
    started = multiprocessing.get_context("fork").Barrier(2, timeout=30)

    def call(i: int) -> tuple[int, int]:
        if i < 2:
            started.wait()  # the first two run at once: one child cannot pass this
        return os.getpid(), i

    calls = [lambda i=i: call(i) for i in range(4)]
    with parallel.limited(2), parallel.background(calls, spread=True) as pending:
        found = pending.results()
    assert [i for _, i in found] == list(range(4))
    assert len({pid for pid, _ in found[:2]}) == 2 and os.getpid() not in dict(found)
