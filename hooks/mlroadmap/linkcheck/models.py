"""The records the link checker passes around: cache entries and check results (problems are
``mlroadmap.problems.Problem``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

LinkStatus = Literal["ok", "redirected", "broken", "unverifiable", "rate_limited"]
"""What the last check of a URL found; only ``broken`` fails a run."""

LINK_STATUSES: tuple[LinkStatus, ...] = ("ok", "redirected", "broken", "unverifiable", "rate_limited")

DEAD_RESOURCE = "dead-resource"
"""``Problem.kind`` of a cited resource the committed cache last saw broken."""

INTERNAL_LINK = "internal-link"
"""``Problem.kind`` of a link or anchor inside the built site that leads nowhere."""

ARCHIVE_PREFIX = "https://web.archive.org/web/*/"
"""Prefix of the Wayback Machine's list of snapshots of a URL."""


class ResourceRefLike(Protocol):
    """Where a resource URL is cited; ``mlroadmap.load.ResourceRef`` has this shape."""

    @property
    def page(self) -> str:
        """Source page relative to the docs directory, e.g. ``core-ml/svm.md``."""
        ...

    @property
    def line(self) -> int:
        """1-based line of the ``url`` field in that page."""
        ...

    @property
    def title(self) -> str:
        """The resource's title."""
        ...

    @property
    def url(self) -> str:
        """The resource's URL."""
        ...


@dataclass(frozen=True)
class CacheEntry:
    """What the committed cache remembers about one URL.

    ``final_url`` is the address reached after redirects, ``None`` when there were none;
    ``checked_at`` is timezone-aware UTC.
    """

    status: LinkStatus
    http_status: int | None
    final_url: str | None
    permanent_redirect: bool
    checked_at: datetime
    error: str | None


@dataclass(frozen=True)
class Hop:
    """One redirect response: ``url`` answered ``status`` and pointed to ``location``."""

    url: str
    status: int
    location: str


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one URL online, with the redirect chain that led there."""

    url: str
    status: LinkStatus
    http_status: int | None
    final_url: str | None
    redirects: tuple[Hop, ...]
    permanent_redirect: bool
    checked_at: datetime
    error: str | None

    def to_entry(self) -> CacheEntry:
        """The part of this result the cache keeps."""
        return CacheEntry(
            status=self.status,
            http_status=self.http_status,
            final_url=self.final_url,
            permanent_redirect=self.permanent_redirect,
            checked_at=self.checked_at,
            error=self.error,
        )


def archive_url(url: str) -> str:
    """The Wayback Machine address listing the snapshots of ``url``."""
    return ARCHIVE_PREFIX + url
