"""Fixtures for the link checker's tests: loopback servers, fast settings, references, pages and entries."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mlroadmap.linkcheck.config import CheckerConfig
from mlroadmap.linkcheck.models import CacheEntry, LinkStatus
from support.testserver import FakeSite

MAIN_HOST = "127.0.0.1"
SLOW_HOST = "127.0.0.3"
HTTP_HOSTS = frozenset({MAIN_HOST, SLOW_HOST})
"""The hosts of the ``site`` fixture, whose plain http:// URLs the fast settings check."""


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


def write_pages(docs: Path, refs: Iterable[Ref]) -> Path:
    """Write pages under ``docs`` that cite ``refs``, each ``url`` on the ref's line when it can be.

    A page is a phase page (it may cite any number of resources) whose resources come first, one
    per line, with comment lines as padding; the rest of its front matter follows. Returns ``docs``.
    """
    by_page: dict[str, list[Ref]] = {}
    for ref in refs:
        by_page.setdefault(ref.page, []).append(ref)
    for page, cited in by_page.items():
        lines = ["---", "resources:"]
        for ref in cited:
            lines += ["  # padding"] * max(0, ref.line - 1 - len(lines))
            item = {"title": ref.title, "kind": "article", "cost": "free", "note": "Cited by a test.", "url": ref.url}
            lines.append(f"  - {json.dumps(item)}")
        lines += [
            "type: phase",
            "title: Cited resources",
            "number: 1",
            "summary: A page that cites the resources a link checker test needs.",
            "duration: 1 week",
            "weeks_min: 1",
            "goal: Cite resources.",
            "---",
            "",
        ]
        target = docs / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines), encoding="utf-8")
    return docs


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


@pytest.fixture(scope="module")
def secure_site(self_signed: tuple[Path, Path]) -> Iterator[FakeSite]:
    """The loopback server over HTTPS on 127.0.0.1, with the self-signed certificate (``--ca-file``)."""
    with FakeSite([MAIN_HOST], tls=self_signed) as server:
        yield server
