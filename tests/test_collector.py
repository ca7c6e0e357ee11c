"""The garbage collector paused for a pull or a build, and back on after it."""

from __future__ import annotations

import gc

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
