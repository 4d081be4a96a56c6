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
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from mlroadmap.linkcheck.history import advance
from mlroadmap.linkcheck.models import LINK_STATUSES, CacheEntry, CheckResult, History, LinkStatus

Cache = Mapping[str, CacheEntry]
"""URL -> its last known status."""


class CacheError(ValueError):
    """The cache file exists but cannot be read as a link status cache."""


def format_timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC to the second, e.g. ``2026-11-20T09:30:00Z``."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_timestamp(text: str) -> datetime:
    """Parse an ISO 8601 timestamp; one without an offset is taken as UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _stored_timestamp(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"must be an ISO 8601 string, got {value!r}")
    try:
        return parse_timestamp(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 timestamp") from None


Timestamp = Annotated[datetime, BeforeValidator(_stored_timestamp), PlainSerializer(format_timestamp, when_used="json")]
"""``checked_at`` on disk: an ISO 8601 string (``Z`` or an offset; none means UTC)."""


def _stored_day(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date (write YYYY-MM-DD)")


Day = Annotated[date, BeforeValidator(_stored_day), PlainSerializer(date.isoformat, when_used="json")]
"""A failure day on disk: ``YYYY-MM-DD`` (UTC)."""


class StoredHistory(BaseModel):
    """A URL's recent failures as the file stores them (see ``mlroadmap.linkcheck.models.History``)."""

    model_config = ConfigDict(strict=True, frozen=True)

    last_ok_at: Timestamp | None = None
    first_failed_at: Timestamp | None = None
    consecutive_failures: int = Field(default=0, ge=0)
    failure_days: list[Day] = []


class StoredEntry(BaseModel):
    """One URL's entry as the file stores it: strict JSON types, unknown keys ignored.

    ``transient`` and ``history`` came later: entries written before them load with no history.
    """

    model_config = ConfigDict(strict=True, frozen=True)

    status: LinkStatus
    http_status: int | None
    final_url: str | None
    permanent_redirect: bool
    checked_at: Timestamp
    error: str | None
    transient: bool = False
    history: StoredHistory = StoredHistory()


CACHE_FILE = TypeAdapter(dict[str, StoredEntry])
"""The whole file: a JSON object mapping each URL to its :class:`StoredEntry`."""

_EXPECTED = {
    "http_status": "an integer or null",
    "final_url": "a string or null",
    "error": "a string or null",
    "permanent_redirect": "true or false",
    "transient": "true or false",
}


def entry_to_json(entry: CacheEntry) -> dict[str, Any]:
    """The JSON object stored for one URL."""
    fields = asdict(entry)
    fields["history"]["failure_days"] = list(entry.history.failure_days)
    return StoredEntry.model_validate(fields).model_dump(mode="json")


def entry_from_stored(stored: StoredEntry) -> CacheEntry:
    """The cache entry a validated stored entry describes."""
    history = stored.history
    return CacheEntry(
        status=stored.status,
        http_status=stored.http_status,
        final_url=stored.final_url,
        permanent_redirect=stored.permanent_redirect,
        checked_at=stored.checked_at,
        error=stored.error,
        transient=stored.transient,
        history=History(
            last_ok_at=history.last_ok_at,
            first_failed_at=history.first_failed_at,
            consecutive_failures=history.consecutive_failures,
            failure_days=tuple(sorted(set(history.failure_days))),
        ),
    )


def cache_from_json(data: Any, *, source: str = "<cache>") -> dict[str, CacheEntry]:
    """Validate a decoded cache document; errors name ``source``, the offending URL and field."""
    try:
        stored = CACHE_FILE.validate_python(data)
    except ValidationError as error:
        raise CacheError(f"{source}: {_describe(error.errors(), data)}") from None
    return {url: entry_from_stored(entry) for url, entry in stored.items()}


def _describe(errors: list[ErrorDetails], data: Any) -> str:
    """The first invalid entry's problem, worded for a maintainer who opens the file."""
    first = errors[0]
    if not first["loc"]:
        return f"expected a JSON object mapping URLs to entries, got {type(data).__name__}"
    url = first["loc"][0]
    problem = _describe_entry([error for error in errors if error["loc"][0] == url])
    return f"entry for {url!r}: {problem} (fix it or delete the entry)"


def _describe_entry(errors: list[ErrorDetails]) -> str:
    missing = [str(error["loc"][1]) for error in errors if error["type"] == "missing"]
    if missing:
        return f"missing field(s) {', '.join(missing)}"
    first = errors[0]
    if len(first["loc"]) == 1:
        return f"expected an object, got {type(first['input']).__name__}"
    name, value = str(first["loc"][1]), first["input"]
    if len(first["loc"]) > 2 or name == "history":
        where = ".".join(str(part) for part in first["loc"][1:])
        reason = first.get("ctx", {}).get("error")
        return f"{where}: {reason}" if reason is not None else f"{where}: {first['msg']}, got {value!r}"
    if name == "status":
        return f"unknown status {value!r} (expected one of {', '.join(LINK_STATUSES)})"
    if name == "checked_at":
        return f"checked_at {first.get('ctx', {}).get('error', first['msg'])}"
    return f"{name} must be {_EXPECTED.get(name, 'valid')}, got {value!r}"


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
    """A new cache with each result replacing the URL's old entry, its history carried on
    (``mlroadmap.linkcheck.history.advance`` decides when a lasting fault becomes broken)."""
    merged = dict(cache)
    for result in results:
        merged[result.url] = advance(merged.get(result.url), result)
    return merged


def is_stale(entry: CacheEntry | None, now: datetime, max_age: timedelta) -> bool:
    """True when a URL needs a check: never checked, last checked ``max_age`` or longer ago, or
    last seen with a temporary fault (those are re-checked on every run)."""
    return entry is None or entry.transient or now - entry.checked_at >= max_age


def urls_due(cache: Cache, urls: Iterable[str], now: datetime, max_age: timedelta) -> list[str]:
    """The distinct URLs, in first-seen order, that need a check (see :func:`is_stale`)."""
    return [url for url in dict.fromkeys(urls) if is_stale(cache.get(url), now, max_age)]


def prune_cache(cache: Cache, urls: Iterable[str]) -> dict[str, CacheEntry]:
    """Only the entries for ``urls``: drops URLs that no page cites any more."""
    keep = set(urls)
    return {url: entry for url, entry in cache.items() if url in keep}
