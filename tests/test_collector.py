"""The garbage collector paused for a pull or a build, and back on after it."""

from __future__ import annotations

import gc
import weakref

import pytest

from scripts.model import collector


@pytest.fixture
def collecting():
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after(collecting):
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # a pull's reading inside the pull
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves the outer one's pause
    assert gc.isenabled()


def test_the_collector_is_on_again_after_a_failure(collecting):
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("lembar rusak")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off(collecting):
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_what_the_block_made_is_not_all_scanned_at_once_after_it(collecting):
    with collector.paused():
        kept = [[i] for i in range(50_000)]  # rows, records: alive until the pull ends
    # In the oldest generation, unscanned: not all in the youngest, which the first
    # collection after the block would scan in one go.
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(kept[0]) in oldest and id(kept[-1]) in oldest


def test_a_cycle_made_in_the_block_is_still_collected_later(collecting):
    class Node:
        pass

    with collector.paused():
        node = Node()
        node.me = node
        alive = weakref.ref(node)
        del node
    assert alive() is not None  # only the collector frees a cycle
    gc.collect()
    assert alive() is None
