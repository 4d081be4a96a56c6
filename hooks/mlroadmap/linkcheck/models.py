"""The records the link checker passes around: cache entries and check results (problems are
``mlroadmap.problems.Problem``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol

LinkStatus = Literal["ok", "redirected", "broken", "unverifiable", "rate_limited"]
"""What the checks of a URL found; only ``broken`` fails a run or a build.

``broken`` is decided at once for a URL that is gone (404, 410, a host name that does not
exist, a redirect loop), and for a temporary fault only once it has lasted: see
``mlroadmap.linkcheck.history``.
"""

LINK_STATUSES: tuple[LinkStatus, ...] = ("ok", "redirected", "broken", "unverifiable", "rate_limited")

MAX_AGE_DAYS = 7
"""Days a cached answer stays fresh before the checker requests the URL again (``--max-age-days``)."""

BROKEN_AFTER_DAYS = 2
"""Distinct UTC days a temporary fault must be seen on, with no answer between, to count as broken."""


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
class History:
    """A URL's recent failures, enough to tell a passing fault from a lasting one.

    Attributes:
        last_ok_at: the last check that got an answer (2xx after any redirects), if any.
        first_failed_at: the first failed check since then; None while the URL works.
        consecutive_failures: failed checks since the last answer.
        failure_days: the distinct UTC days of those failures, oldest first (the last few).
    """

    last_ok_at: datetime | None = None
    first_failed_at: datetime | None = None
    consecutive_failures: int = 0
    failure_days: tuple[date, ...] = ()


@dataclass(frozen=True)
class CacheEntry:
    """What the committed cache remembers about one URL.

    ``final_url`` is the address reached after redirects, ``None`` when there were none;
    ``checked_at`` is timezone-aware UTC. ``transient`` is true when the status comes from a
    fault that may pass (a timeout, a reset, a 5xx after retries, a TLS failure, a refused
    connection): such an entry is re-checked on every run.
    """

    status: LinkStatus
    http_status: int | None
    final_url: str | None
    permanent_redirect: bool
    checked_at: datetime
    error: str | None
    transient: bool = False
    history: History = field(default_factory=History)


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
    transient: bool = False

    def to_entry(self, history: History | None = None) -> CacheEntry:
        """The part of this result the cache keeps, with the URL's ``history`` (empty by default)."""
        return CacheEntry(
            status=self.status,
            http_status=self.http_status,
            final_url=self.final_url,
            permanent_redirect=self.permanent_redirect,
            checked_at=self.checked_at,
            error=self.error,
            transient=self.transient,
            history=history or History(),
        )


def archive_url(url: str) -> str:
    """The Wayback Machine address listing the snapshots of ``url``."""
    return ARCHIVE_PREFIX + url


def replace_advice(url: str) -> str:
    """What to do about a link that is gone: ``replace it or use the archived copy ARCHIVE``."""
    return f"replace it or use the archived copy {archive_url(url)}"


TEMPORARY_ADVICE = "temporary: re-run later"
"""What to do about a temporary fault: nothing yet, the next run checks it again."""
