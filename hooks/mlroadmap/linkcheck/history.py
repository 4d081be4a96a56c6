"""The rule that tells a passing fault from a lasting one, decided from each URL's history.

- A URL that answers (``ok``, ``redirected``) clears its history.
- A URL that is gone (404, 410, a host name that does not exist, a redirect loop) is ``broken``
  at once.
- A temporary fault (a timeout, a reset, a 5xx after retries, a TLS failure, a refused
  connection) leaves the URL ``unverifiable``, which fails nothing, until it has failed on
  :data:`BROKEN_AFTER_DAYS` distinct UTC days with no answer in between: then it is ``broken``.
- A refusal (401, 403, 999: the site blocks automated checks) or a rate limit (429) proves
  nothing either way and leaves the history as it was.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

from mlroadmap.linkcheck.models import BROKEN_AFTER_DAYS, CacheEntry, CheckResult, History

KEPT_FAILURE_DAYS = 7
"""How many failure days an entry remembers (the history stays short)."""


def is_failure(result: CheckResult) -> bool:
    """True for a check that failed: the URL is gone, or a temporary fault hit it."""
    return result.status == "broken" or result.transient


def advance(previous: CacheEntry | None, result: CheckResult) -> CacheEntry:
    """The cache entry after ``result``, given the URL's ``previous`` entry (None when new)."""
    history = previous.history if previous is not None else History()
    if result.status in ("ok", "redirected"):
        return result.to_entry(History(last_ok_at=result.checked_at))
    if not is_failure(result):
        return result.to_entry(history)
    day = result.checked_at.astimezone(UTC).date()
    failed = History(
        last_ok_at=history.last_ok_at,
        first_failed_at=history.first_failed_at or result.checked_at,
        consecutive_failures=history.consecutive_failures + 1,
        failure_days=tuple(sorted({*history.failure_days, day}))[-KEPT_FAILURE_DAYS:],
    )
    entry = result.to_entry(failed)
    if result.transient and len(failed.failure_days) >= BROKEN_AFTER_DAYS:
        return replace(entry, status="broken")
    return entry


def lasting_fault(entry: CacheEntry) -> bool:
    """True for an entry made broken by a temporary fault that lasted, not by a gone page."""
    return entry.status == "broken" and entry.transient


def failing_since(entry: CacheEntry) -> str:
    """When the current run of failures began, e.g. ``2026-11-20`` (the check date when unknown)."""
    moment = entry.history.first_failed_at or entry.checked_at
    return moment.astimezone(UTC).date().isoformat()
