"""Shared fixtures. Helpers are plain functions in helpers.py."""

from __future__ import annotations

import pytest

from scripts.sources import files

from .helpers import build_sample


@pytest.fixture
def sample() -> dict:
    return files.read_sample()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> tuple:
    """(data dir, site dir) of the sample, built once per test worker; read-only."""
    return build_sample(tmp_path_factory.mktemp("sample-site"))
