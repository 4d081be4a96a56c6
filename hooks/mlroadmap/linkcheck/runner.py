"""A refresh of the cache: check what is stale, saving results as they come so an interrupt loses nothing."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from mlroadmap.linkcheck.cache import load_cache, merge_results, prune_cache, save_cache, urls_due
from mlroadmap.linkcheck.checker import check_urls
from mlroadmap.linkcheck.config import CheckerConfig
from mlroadmap.linkcheck.models import CacheEntry, CheckResult


@dataclass(frozen=True)
class RefreshOutcome:
    """The cache after a refresh, what was checked now, and what the deadline left unchecked."""

    cache: dict[str, CacheEntry]
    checked: dict[str, CheckResult]
    not_checked: tuple[str, ...]
    fresh: tuple[str, ...]
    requests: int
    elapsed: float


class IncrementalSaver:
    """Merges results into the cache and saves it atomically every ``every`` results or ``seconds``."""

    def __init__(self, path: Path, cache: dict[str, CacheEntry], every: int, seconds: float) -> None:
        """Save ``cache`` plus new results to ``path``, batching by count and by time."""
        self.path = path
        self.cache = cache
        self.every = max(1, every)
        self.seconds = seconds
        self._unsaved: list[CheckResult] = []
        self._last_save = time.monotonic()

    def add(self, result: CheckResult) -> None:
        """Take one result; save when the batch is full or the last save is old enough."""
        self._unsaved.append(result)
        if len(self._unsaved) >= self.every or time.monotonic() - self._last_save >= self.seconds:
            self.flush()

    def flush(self) -> None:
        """Merge and save the unsaved results, if any."""
        if not self._unsaved:
            return
        self.cache = merge_results(self.cache, self._unsaved)
        save_cache(self.path, self.cache)
        self._unsaved = []
        self._last_save = time.monotonic()


async def refresh_cache(
    urls: Iterable[str],
    cache_path: Path,
    config: CheckerConfig,
    *,
    max_age: timedelta,
    deadline: float | None,
    save_every: int = 25,
    save_seconds: float = 10.0,
    prune: bool = False,
    force: bool = False,
) -> RefreshOutcome:
    """Check the URLs whose cache entry is due (missing, older than ``max_age``, or a temporary
    fault; with ``force``, all of ``urls``) and save the results; other entries stay as they are.

    The cache is saved atomically after each batch and once more on the way out, even when
    the run is cancelled or interrupted, so finished checks are kept and old entries untouched.
    With ``prune``, a run that completes drops entries for URLs no longer in ``urls``.
    """
    wanted = list(dict.fromkeys(urls))
    saver = IncrementalSaver(cache_path, load_cache(cache_path), save_every, save_seconds)
    due = wanted if force else urls_due(saver.cache, wanted, config.clock(), max_age)
    try:
        run = await check_urls(due, config, deadline=deadline, on_result=saver.add)
    finally:
        saver.flush()
    if prune:
        pruned = prune_cache(saver.cache, wanted)
        if pruned != saver.cache:
            saver.cache = pruned
            save_cache(cache_path, pruned)
    due_set = set(due)
    fresh = tuple(url for url in wanted if url not in due_set)
    return RefreshOutcome(saver.cache, run.results, run.not_checked, fresh, run.requests, run.elapsed)
