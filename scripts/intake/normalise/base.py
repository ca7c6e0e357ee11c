"""What every normaliser shares: a cache for the answers that repeat, and the
message for an answer that is too long."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from scripts.errors import InvalidValue
from scripts.model.codes import invalid

CACHE_SIZE = 4096
# A cached argument stays referenced by the cache: 4096 pasted 50 KB cells
# would pin 200 MB, so long cells bypass the cache (they are rare and usually
# invalid anyway).
MAX_CACHED = 256

_F = TypeVar("_F", bound=Callable)


def cached(func: _F) -> _F:
    """lru_cache for short first arguments; long ones are computed uncached."""
    cached = functools.lru_cache(maxsize=CACHE_SIZE)(func)

    if func.__code__.co_argcount == 1:
        # The common one-argument case without *args packing: this wrapper runs
        # about a million times per 100,000-row pull.
        def wrapper(value):
            return cached(value) if len(value) <= MAX_CACHED else func(value)

    else:

        def wrapper(value, *args, **kwargs):
            if len(value) > MAX_CACHED:
                return func(value, *args, **kwargs)
            return cached(value, *args, **kwargs)

    functools.update_wrapper(wrapper, func)
    wrapper.cache_info = cached.cache_info  # type: ignore[attr-defined]
    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def too_long(max_length: int) -> InvalidValue:
    return invalid("too_long", max_length=max_length)
