"""Refreshing the cache: only stale URLs are requested, and interrupts lose nothing."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlroadmap.linkcheck.cache import load_cache, save_cache
from mlroadmap.linkcheck.config import CheckerConfig
from mlroadmap.linkcheck.models import CacheEntry
from mlroadmap.linkcheck.runner import refresh_cache
from mlroadmap.linkcheck.testserver import FakeSite

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
WEEK = timedelta(days=7)
EntryFactory = Callable[..., CacheEntry]


def test_a_warm_cache_makes_zero_requests(site: FakeSite, fast_config: CheckerConfig, tmp_path: Path) -> None:
    token = uuid.uuid4().hex[:8]
    urls = [site.url(f"ok/{token}/{index}") for index in range(3)] + [site.url(f"status/404/{token}")]
    cache_path = tmp_path / "link-status.json"
    first = asyncio.run(refresh_cache(urls, cache_path, fast_config, max_age=WEEK, deadline=20))
    before = site.count()
    assert first.requests == 5 and set(first.checked) == set(urls)
    second = asyncio.run(refresh_cache(urls, cache_path, fast_config, max_age=WEEK, deadline=20))
    assert second.requests == 0 and site.count() == before
    assert second.checked == {} and set(second.fresh) == set(urls)
    assert second.cache == first.cache == load_cache(cache_path)


def test_only_stale_entries_are_rechecked(
    site: FakeSite, fast_config: CheckerConfig, tmp_path: Path, entry: EntryFactory
) -> None:
    token = uuid.uuid4().hex[:8]
    fresh, stale = site.url(f"ok/fresh-{token}"), site.url(f"ok/stale-{token}")
    now = datetime.now(UTC)
    cache_path = tmp_path / "link-status.json"
    save_cache(
        cache_path,
        {fresh: entry("broken", 404, checked_at=now - timedelta(days=6)), stale: entry(checked_at=now - WEEK * 2)},
    )
    outcome = asyncio.run(refresh_cache([fresh, stale], cache_path, fast_config, max_age=WEEK, deadline=20))
    assert list(outcome.checked) == [stale]
    assert site.count(f"/ok/fresh-{token}") == 0 and site.count(f"/ok/stale-{token}") == 1
    saved = load_cache(cache_path)
    assert saved[fresh].status == "broken" and saved[stale].checked_at > now - timedelta(minutes=1)


def test_prune_drops_uncited_urls(
    site: FakeSite, fast_config: CheckerConfig, tmp_path: Path, entry: EntryFactory
) -> None:
    cache_path = tmp_path / "link-status.json"
    cited = site.url(f"ok/cited-{uuid.uuid4().hex[:8]}")
    save_cache(cache_path, {"https://old.example/": entry()})
    asyncio.run(refresh_cache([cited], cache_path, fast_config, max_age=WEEK, deadline=20, prune=True))
    assert list(load_cache(cache_path)) == [cited]


def test_cancelling_mid_run_keeps_old_and_finished_entries(
    site: FakeSite, fast_config: CheckerConfig, tmp_path: Path, entry: EntryFactory
) -> None:
    token = uuid.uuid4().hex[:8]
    cache_path = tmp_path / "link-status.json"
    hanging = site.url(f"never/{token}")
    old = {
        "https://unrelated.example/": entry(
            "redirected", 200, final_url="https://new.example/", permanent_redirect=True
        ),
        hanging: entry("ok", 200, checked_at=datetime(2020, 1, 1, tzinfo=UTC)),
    }
    save_cache(cache_path, old)
    quick = [site.url(f"ok/{token}/{index}") for index in range(3)]
    config = CheckerConfig(interval=0.0, timeout=30, allow_http=True, trust_env=False)

    async def cancel_midway() -> None:
        task = asyncio.create_task(
            refresh_cache([*quick, hanging], cache_path, config, max_age=WEEK, deadline=60, save_every=100)
        )
        paths = [f"/never/{token}", *(f"/ok/{token}/{index}" for index in range(3))]
        while any(site.count(path) == 0 for path in paths):
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(asyncio.wait_for(cancel_midway(), timeout=15))
    saved = load_cache(cache_path)
    assert saved["https://unrelated.example/"] == old["https://unrelated.example/"]
    assert saved[hanging] == old[hanging], "an unfinished check must leave the old entry as it was"
    assert all(saved[url].status == "ok" for url in quick), "finished checks must be saved on cancellation"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["link-status.json"]


def test_sigint_during_the_command_keeps_the_cache(site: FakeSite, tmp_path: Path, entry: EntryFactory) -> None:
    token = uuid.uuid4().hex[:8]
    cache_path = tmp_path / "link-status.json"
    keep = {"https://unrelated.example/": entry("broken", 410, error="HTTP 410 Gone")}
    save_cache(cache_path, keep)
    quick = site.url(f"ok/sigint-{token}")
    hanging = site.url(f"never/sigint-{token}")
    script = textwrap.dedent(
        f"""
        import sys
        from types import SimpleNamespace as Ref
        from mlroadmap.linkcheck.cli import main
        refs = [Ref(page="a.md", line=1, title="Quick", url={quick!r}),
                Ref(page="a.md", line=2, title="Hanging", url={hanging!r})]
        sys.exit(main(["--cache", {str(cache_path)!r}, "--interval", "0", "--timeout", "30"],
                      refs=refs, allow_http=True))
        """
    )
    environment = {**os.environ, "PYTHONPATH": str(HOOKS), "NO_PROXY": "*"}
    process = subprocess.Popen([sys.executable, "-c", script], env=environment, stderr=subprocess.PIPE, text=True)
    try:
        ends = time.monotonic() + 10
        while (site.count(f"/ok/sigint-{token}") == 0 or site.count(f"/never/sigint-{token}") == 0) and (
            time.monotonic() < ends
        ):
            time.sleep(0.05)
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    document = json.loads(cache_path.read_text(encoding="utf-8"))
    saved = load_cache(cache_path)
    assert saved["https://unrelated.example/"] == keep["https://unrelated.example/"]
    assert saved[quick].status == "ok"
    assert hanging not in document
