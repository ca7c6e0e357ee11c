"""Progress bars: off unless the command line turns them on, and then drawn only on a
terminal; what goes through is unchanged."""

from __future__ import annotations

import io

import pytest

from scripts.model import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def enabled(monkeypatch):
    monkeypatch.setattr(progress, "_enabled", True)


def test_off_until_the_command_line_turns_it_on(monkeypatch):
    monkeypatch.setattr(progress, "_enabled", False)  # as imported; scripts.cli.main enables
    items = [1, 2, 3]
    assert progress.counted(items, "Membaca", "baris") is items


def test_on_a_terminal_a_bar_counts(enabled):
    screen = Terminal()
    assert list(
        progress.counted(range(2500), "Membaca Form Responses 1", "baris", 2500, screen)
    ) == list(range(2500))
    drawn = screen.getvalue()
    assert "Membaca Form Responses 1:" in drawn and "0/2500" in drawn  # so far, of all


def test_nothing_is_written_where_the_output_is_not_a_terminal(enabled):
    log = io.StringIO()  # a CI log, a pipe, a job summary
    assert list(progress.counted(range(10), "Menulis halaman", "halaman", 10, log)) == list(
        range(10)
    )
    assert log.getvalue() == ""
