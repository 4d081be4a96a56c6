"""Fixtures for the link checker's tests: loopback servers, fast settings, references, pages and entries."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mlroadmap.linkcheck.config import CheckerConfig
from mlroadmap.linkcheck.models import CacheEntry, LinkStatus
from support.pages import Ref, write_pages
from support.testserver import FakeSite, self_signed_certificate

__all__ = ["Ref", "write_pages"]  # the tests import them from here too

MAIN_HOST = "127.0.0.1"
SLOW_HOST = "127.0.0.3"
HTTP_HOSTS = frozenset({MAIN_HOST, SLOW_HOST})
"""The hosts of the ``site`` fixture, whose plain http:// URLs the fast settings check."""


def entry(
    status: LinkStatus = "ok",
    http_status: int | None = 200,
    *,
    checked_at: datetime = datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    final_url: str | None = None,
    permanent_redirect: bool = False,
    error: str | None = None,
) -> CacheEntry:
    """A cache entry with sensible defaults."""
    return CacheEntry(status, http_status, final_url, permanent_redirect, checked_at, error)


@pytest.fixture(name="entry")
def entry_factory() -> Callable[..., CacheEntry]:
    """Build cache entries: ``entry("broken", 404, error=...)``."""
    return entry


@pytest.fixture(name="Ref")
def ref_class() -> type[Ref]:
    """The stand-in resource reference class."""
    return Ref


@pytest.fixture(scope="module")
def site() -> Iterator[FakeSite]:
    """A loopback server on two hosts; 127.0.0.3 takes 1 s to answer anything."""
    with FakeSite([MAIN_HOST, SLOW_HOST], host_delays={SLOW_HOST: 1.0}) as server:
        yield server


@pytest.fixture
def fast_config() -> CheckerConfig:
    """Settings for the local server: its plain HTTP allowed, short timeouts and backoff."""
    return CheckerConfig(
        per_host=2,
        interval=0.0,
        timeout=0.6,
        attempts=3,
        backoff_initial=0.05,
        backoff_max=0.2,
        retry_after_cap=2.0,
        allow_http_hosts=HTTP_HOSTS,
        trust_env=False,
    )


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate and key for 127.0.0.1, made with the openssl command."""
    try:
        return self_signed_certificate(tmp_path_factory.mktemp("tls"))
    except FileNotFoundError as error:
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def secure_site(self_signed: tuple[Path, Path]) -> Iterator[FakeSite]:
    """The loopback server over HTTPS on 127.0.0.1, with the self-signed certificate (``--ca-file``)."""
    with FakeSite([MAIN_HOST], tls=self_signed) as server:
        yield server
