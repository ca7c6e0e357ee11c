"""Every exception of the project, in one place.

Messages are Indonesian, for the secretariat and the maintainer, and never
contain a cell's value (it may be personal data).
"""


class ConfigError(Exception):
    """The configuration file is missing or malformed; the message names the key."""


class SourceError(Exception):
    """A source cannot be read, or lacks a required column: the pull stops (exit 1)."""


class StoreError(Exception):
    """A data file cannot be read back as the data contract's YAML."""


class PageError(Exception):
    """The site cannot be generated from this data (an id that is no slug, a clash)."""


class GitError(Exception):
    """A git command of the nightly failed; its output is in the message."""


class GaveUp(Exception):
    """Every allowed attempt of a retried request failed; the last failure is `__cause__`."""

    def __init__(self, attempts: int) -> None:
        super().__init__(f"gagal {attempts} kali")
        self.attempts = attempts


class InvalidValue(ValueError):
    """An answer that cannot be normalised without guessing: a data error, not a bug.

    ``code`` is a code of the catalogue (`scripts/model/codes.py`); ``message`` is
    Indonesian for the secretariat and never contains the rejected value.
    """

    def __init__(self, code: str, message: str) -> None:
        # Both in args so the exception pickles (e.g. across worker processes).
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"
