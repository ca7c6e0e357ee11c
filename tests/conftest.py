"""Shared fixtures. Helpers are plain functions in helpers.py."""

from __future__ import annotations

import socket

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from scripts.sources import files

from .google import ENV
from .helpers import build_fixture, build_sample


@pytest.fixture
def sample() -> dict:
    return files.read_sample()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> tuple:
    """(data dir, site dir) of the sample, built once per test worker; read-only."""
    return build_sample(tmp_path_factory.mktemp("sample-site"))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> tuple:
    """(data dir, site dir) of tests/fixtures/hostile, built once per test worker;
    read-only. Its Markdown is in the data dir's sibling build/docs."""
    return build_fixture("hostile", tmp_path_factory.mktemp("hostile-site"))


@pytest.fixture
def local_network_only(monkeypatch):
    """No test reaches Google: name lookups of anything but the loopback address fail."""
    lookup = socket.getaddrinfo

    def guarded(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost"):
            raise OSError(f"test: jaringan di luar 127.0.0.1 ditutup ({host})")
        return lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv(ENV, raising=False)


@pytest.fixture(scope="session")
def signing_key() -> rsa.RSAPrivateKey:
    """The fake service account's key (the fake Google checks its signatures)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="session")
def sample_tables() -> dict:
    return files.read_sample()
