"""Offline: flag resources whose URL the committed cache last saw broken (no network)."""

from __future__ import annotations

from collections.abc import Iterable

from mlroadmap.linkcheck.cache import Cache
from mlroadmap.linkcheck.models import DEAD_RESOURCE, CacheEntry, ResourceRefLike, archive_url
from mlroadmap.problems import Problem


def broken_reason(entry: CacheEntry) -> str:
    """Why and when a URL was seen broken, e.g. ``404 on 2026-11-20``."""
    what = str(entry.http_status) if entry.http_status is not None else (entry.error or "unknown error")
    return f"{what} on {entry.checked_at.date().isoformat()}"


def known_dead(cache: Cache, refs: Iterable[ResourceRefLike]) -> list[Problem]:
    """One problem per reference whose URL is cached as ``broken``, in the order given.

    The problem reads ``docs/core-ml/svm.md:14: resource 'Title' (URL) was last seen broken
    (404 on 2026-11-20) (replace it or try the archive: https://web.archive.org/web/*/URL)``.
    """
    problems: list[Problem] = []
    for ref in refs:
        entry = cache.get(ref.url)
        if entry is None or entry.status != "broken":
            continue
        problems.append(
            Problem(
                path=ref.page,
                line=ref.line,
                message=f"resource '{ref.title}' ({ref.url}) was last seen broken ({broken_reason(entry)})",
                fix=f"replace it or try the archive: {archive_url(ref.url)}",
                kind=DEAD_RESOURCE,
            )
        )
    return problems
