"""Errors that stop a run. Their messages are Indonesian, for the secretariat,
and never contain a cell's value."""


class SourceError(Exception):
    """A source cannot be read, or lacks a required column: the pull stops (exit 1)."""
