"""The committed link status cache: a JSON object mapping each URL to its last check.

The file is written atomically (a temporary file in the same directory, then ``os.replace``)
with sorted keys and one entry per block, so an interrupted run never leaves it half written
and a re-check changes only the lines of the URLs whose status moved.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from mlroadmap.linkcheck.models import LINK_STATUSES, CacheEntry, CheckResult, LinkStatus

Cache = Mapping[str, CacheEntry]
"""URL -> its last known status."""

_FIELDS = ("status", "http_status", "final_url", "permanent_redirect", "checked_at", "error")


class CacheError(ValueError):
    """The cache file exists but cannot be read as a link status cache."""


def format_timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC to the second, e.g. ``2026-11-20T09:30:00Z``."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_timestamp(text: str) -> datetime:
    """Parse an ISO 8601 timestamp; one without an offset is taken as UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def entry_to_json(entry: CacheEntry) -> dict[str, Any]:
    """The JSON object stored for one URL."""
    return {
        "status": entry.status,
        "http_status": entry.http_status,
        "final_url": entry.final_url,
        "permanent_redirect": entry.permanent_redirect,
        "checked_at": format_timestamp(entry.checked_at),
        "error": entry.error,
    }


def entry_from_json(data: Any) -> CacheEntry:
    """Validate one stored entry; raises ``ValueError`` saying which field is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"expected an object, got {type(data).__name__}")
    missing = [name for name in _FIELDS if name not in data]
    if missing:
        raise ValueError(f"missing field(s) {', '.join(missing)}")
    status = data["status"]
    if status not in LINK_STATUSES:
        raise ValueError(f"unknown status {status!r} (expected one of {', '.join(LINK_STATUSES)})")
    http_status = data["http_status"]
    if http_status is not None and (not isinstance(http_status, int) or isinstance(http_status, bool)):
        raise ValueError(f"http_status must be an integer or null, got {http_status!r}")
    for name in ("final_url", "error"):
        if data[name] is not None and not isinstance(data[name], str):
            raise ValueError(f"{name} must be a string or null, got {data[name]!r}")
    if not isinstance(data["permanent_redirect"], bool):
        raise ValueError(f"permanent_redirect must be true or false, got {data['permanent_redirect']!r}")
    if not isinstance(data["checked_at"], str):
        raise ValueError(f"checked_at must be an ISO 8601 string, got {data['checked_at']!r}")
    try:
        checked_at = parse_timestamp(data["checked_at"])
    except ValueError:
        raise ValueError(f"checked_at {data['checked_at']!r} is not an ISO 8601 timestamp") from None
    return CacheEntry(
        status=_as_status(status),
        http_status=http_status,
        final_url=data["final_url"],
        permanent_redirect=data["permanent_redirect"],
        checked_at=checked_at,
        error=data["error"],
    )


def cache_from_json(data: Any, *, source: str = "<cache>") -> dict[str, CacheEntry]:
    """Validate a decoded cache document; errors name ``source`` and the offending URL."""
    if not isinstance(data, dict):
        raise CacheError(f"{source}: expected a JSON object mapping URLs to entries, got {type(data).__name__}")
    cache: dict[str, CacheEntry] = {}
    for url, value in data.items():
        try:
            cache[url] = entry_from_json(value)
        except ValueError as error:
            raise CacheError(f"{source}: entry for {url!r}: {error} (fix it or delete the entry)") from None
    return cache


def cache_to_json(cache: Cache) -> str:
    """Serialise a cache deterministically: sorted keys, two-space indent, final newline."""
    document = {url: entry_to_json(cache[url]) for url in sorted(cache)}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load_cache(path: Path) -> dict[str, CacheEntry]:
    """Read the cache file; a missing or empty file is an empty cache.

    Raises:
        CacheError: the file is not valid JSON or not a link status cache; the message
            names the file.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CacheError(
            f"{path}: corrupt link status cache: {error.msg} at line {error.lineno} column {error.colno} "
            "(restore it with git or delete it to start afresh)"
        ) from None
    return cache_from_json(data, source=str(path))


def save_cache(path: Path, cache: Cache) -> None:
    """Write the cache atomically: a temporary file in the same directory, then ``os.replace``.

    A crash or interrupt at any point leaves either the old file or the new one, never a mix.
    """
    text = cache_to_json(cache)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def merge_results(cache: Cache, results: Iterable[CheckResult]) -> dict[str, CacheEntry]:
    """A new cache with each result's entry replacing the URL's old one."""
    merged = dict(cache)
    for result in results:
        merged[result.url] = result.to_entry()
    return merged


def is_stale(entry: CacheEntry | None, now: datetime, max_age: timedelta) -> bool:
    """True when a URL has never been checked or was last checked ``max_age`` or longer ago."""
    return entry is None or now - entry.checked_at >= max_age


def urls_due(cache: Cache, urls: Iterable[str], now: datetime, max_age: timedelta) -> list[str]:
    """The distinct URLs, in first-seen order, that need a check: unknown or stale."""
    return [url for url in dict.fromkeys(urls) if is_stale(cache.get(url), now, max_age)]


def prune_cache(cache: Cache, urls: Iterable[str]) -> dict[str, CacheEntry]:
    """Only the entries for ``urls``: drops URLs that no page cites any more."""
    keep = set(urls)
    return {url: entry for url, entry in cache.items() if url in keep}


def _as_status(value: str) -> LinkStatus:
    for status in LINK_STATUSES:
        if status == value:
            return status
    raise ValueError(f"unknown status {value!r}")
