"""Offline: flag resources whose URL the committed cache last saw broken (no network)."""

from __future__ import annotations

from collections.abc import Iterable

from mlroadmap.linkcheck.cache import Cache
from mlroadmap.linkcheck.history import failing_since, lasting_fault
from mlroadmap.linkcheck.models import DEAD_RESOURCE, CacheEntry, ResourceRefLike, replace_advice
from mlroadmap.problems import Problem


def broken_reason(entry: CacheEntry) -> str:
    """Why and when a URL was seen broken, e.g. ``404 on 2026-11-20``, or for a lasting fault
    ``timed out after 3 attempts (10 s each), failing on 2 days since 2026-11-20``."""
    if lasting_fault(entry):
        days = len(entry.history.failure_days)
        return f"{entry.error or 'failed'}, failing on {days} days since {failing_since(entry)}"
    what = str(entry.http_status) if entry.http_status is not None else (entry.error or "unknown error")
    return f"{what} on {entry.checked_at.date().isoformat()}"


def broken_fix(url: str, entry: CacheEntry) -> str:
    """The advice for a broken link: it is gone, or it has kept failing."""
    if lasting_fault(entry):
        return f"it kept failing: {replace_advice(url)}, or re-run the link checker once it works again"
    return f"gone: {replace_advice(url)}"


def known_dead(cache: Cache, refs: Iterable[ResourceRefLike]) -> list[Problem]:
    """One problem per reference whose URL is cached as ``broken``, in the order given.

    The problem reads ``docs/core-ml/svm.md:14: resource 'Title' (URL) was last seen broken
    (404 on 2026-11-20) (gone: replace it or use the archived copy https://web.archive.org/web/*/URL)``.
    A temporary fault (``unverifiable``) is not reported until it has lasted (see
    ``mlroadmap.linkcheck.history``).
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
                fix=broken_fix(ref.url, entry),
                kind=DEAD_RESOURCE,
            )
        )
    return problems
