"""Fixtures for the link checker's tests: a loopback server, fast settings, references and entries."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mlroadmap.linkcheck.config import CheckerConfig
from mlroadmap.linkcheck.models import CacheEntry, LinkStatus
from mlroadmap.linkcheck.testserver import FakeSite

MAIN_HOST = "127.0.0.1"
SLOW_HOST = "127.0.0.3"


@dataclass(frozen=True)
class Ref:
    """A resource reference shaped like ``mlroadmap.load.ResourceRef``."""

    page: str
    line: int
    title: str
    url: str


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
    """Settings for a local server: plain HTTP allowed, short timeouts and backoff."""
    return CheckerConfig(
        per_host=2,
        interval=0.0,
        timeout=0.6,
        attempts=3,
        backoff_initial=0.05,
        backoff_max=0.2,
        retry_after_cap=2.0,
        allow_http=True,
        trust_env=False,
    )


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate and key for 127.0.0.1, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key
