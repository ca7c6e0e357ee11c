"""Retrying the network sources' requests: exponential backoff with jitter, bounded.

Google's quota (60 reads per minute per user), its occasional 5xx answers and a
flaky connection are transient: waiting and asking again usually works. The
waiting is bounded in attempts and in total time, so a nightly job fails with a
message instead of hanging.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from scripts.errors import GaveUp

log = logging.getLogger("scripts.retry")

T = TypeVar("T")


@dataclass(frozen=True)
class Policy:
    """The timeouts of one HTTP request, and how often and how long it is retried."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    attempts: int = 5
    total_seconds: float = 60.0  # no retry starts whose wait would end after this
    first_delay: float = 1.0
    max_delay: float = 20.0
    # What the waiting is made of, replaceable so that tests need no wall clock.
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    uniform: Callable[[float, float], float] = field(default=random.uniform, repr=False)

    @property
    def timeout(self) -> tuple[float, float]:
        """As `requests` takes it: (connect, read)."""
        return (self.connect_timeout, self.read_timeout)

    def delay(self, failures: int) -> float:
        """The wait after the `failures`-th failed attempt: doubling, half of it random.

        The fixed half keeps a quota error from being retried at once; the random
        half keeps clients that failed together from retrying in lockstep."""
        ceiling = min(self.max_delay, self.first_delay * 2 ** (failures - 1))
        return ceiling / 2 + self.uniform(0, ceiling / 2)


def call(
    action: Callable[[], T],
    policy: Policy,
    errors: tuple[type[Exception], ...],
    transient: Callable[[Exception], bool],
    what: str,
) -> T:
    """`action()`, retried while it raises one of `errors` that `transient` accepts.

    Other failures propagate at once; when the attempts or the time run out the
    last failure is raised as the cause of `GaveUp`.
    """
    started = policy.clock()
    failures = 0
    while True:
        try:
            return action()
        except errors as exc:
            if not transient(exc):
                raise
            failures += 1
            delay = policy.delay(failures)
            if (
                failures >= policy.attempts
                or policy.clock() - started + delay > policy.total_seconds
            ):
                raise GaveUp(failures) from exc
            log.info(
                "%s: percobaan ke-%d gagal (%s); mencoba lagi dalam %.1f detik.",
                what,
                failures,
                type(exc).__name__,
                delay,
            )
            policy.sleep(delay)
