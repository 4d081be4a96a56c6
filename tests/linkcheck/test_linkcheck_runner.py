"""Refreshing the cache: only stale URLs are requested, and interrupts lose nothing."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from mlroadmap.linkcheck.cache import load_cache, save_cache
from mlroadmap.linkcheck.config import CheckerConfig
from mlroadmap.linkcheck.models import CacheEntry, CheckResult
from mlroadmap.linkcheck.runner import IncrementalSaver, refresh_cache
from support.testserver import FakeSite

from .conftest import HTTP_HOSTS, write_pages

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
    site: FakeSite, tmp_path: Path, entry: EntryFactory, monkeypatch: pytest.MonkeyPatch
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
    config = CheckerConfig(interval=0.0, timeout=30, allow_http_hosts=HTTP_HOSTS, trust_env=False)

    handed_over: list[str] = []
    add = IncrementalSaver.add

    def spy(saver: IncrementalSaver, result: CheckResult) -> None:
        handed_over.append(result.url)
        add(saver, result)

    monkeypatch.setattr(IncrementalSaver, "add", spy)

    async def cancel_midway() -> None:
        task = asyncio.create_task(
            refresh_cache(
                [*quick, hanging], cache_path, config, max_age=WEEK, deadline=60, save_every=100, save_seconds=600
            )
        )
        # Cancel once the quick checks are finished (in memory, not saved yet) and the hanging one is in flight.
        while site.count(f"/never/{token}") == 0 or len(handed_over) < len(quick):
            await asyncio.sleep(0.02)
        assert [entry.name for entry in tmp_path.iterdir()] == ["link-status.json"]
        assert load_cache(cache_path) == old, "nothing saved yet: the batch holds the results"
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(asyncio.wait_for(cancel_midway(), timeout=15))
    saved = load_cache(cache_path)
    assert saved["https://unrelated.example/"] == old["https://unrelated.example/"]
    assert saved[hanging] == old[hanging], "an unfinished check must leave the old entry as it was"
    assert all(saved[url].status == "ok" for url in quick), "finished checks must be saved on cancellation"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["link-status.json"]


def test_sigint_during_the_command_keeps_the_cache(
    secure_site: FakeSite, self_signed: tuple[Path, Path], tmp_path: Path, entry: EntryFactory, Ref: Any
) -> None:
    site = secure_site
    token = uuid.uuid4().hex[:8]
    cache_path = tmp_path / "link-status.json"
    keep = {"https://unrelated.example/": entry("broken", 410, error="HTTP 410 Gone")}
    save_cache(cache_path, keep)
    quick = site.url(f"ok/sigint-{token}")
    hanging = site.url(f"never/sigint-{token}")
    docs = write_pages(tmp_path / "docs", [Ref("a.md", 3, "Quick", quick), Ref("a.md", 4, "Hanging", hanging)])
    # One request at a time to the host: the hanging request starts only once the quick check is done.
    command = [sys.executable, "-m", "mlroadmap.linkcheck", "--docs", str(docs), "--cache", str(cache_path)]
    command += ["--ca-file", str(self_signed[0]), "--interval", "0", "--timeout", "30", "--per-host", "1"]
    environment = {**os.environ, "PYTHONPATH": str(HOOKS), "NO_PROXY": "*"}
    # Python turns SIGINT into KeyboardInterrupt only if it was not ignored when the process started,
    # and a shell ignores it for its background jobs: restore it, so the test also runs from one.
    restore_sigint = partial(signal.signal, signal.SIGINT, signal.SIG_DFL)
    process = subprocess.Popen(command, env=environment, stderr=subprocess.PIPE, text=True, preexec_fn=restore_sigint)
    try:
        ends = time.monotonic() + 30
        # Interrupt once the hanging request is in flight (an event, not a pause): with one request per
        # host, the quick check is done by then, but not yet saved (results are saved in batches).
        # Waiting for it in the cache instead waited out the hanging request's 30 s timeout, and
        # raced the interrupt against the run's normal end.
        while time.monotonic() < ends and process.poll() is None and not site.count(f"/never/sigint-{token}"):
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert site.count(f"/ok/sigint-{token}") == 1
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    document = json.loads(cache_path.read_text(encoding="utf-8"))
    saved = load_cache(cache_path)
    assert saved["https://unrelated.example/"] == keep["https://unrelated.example/"]
    assert saved[quick].status == "ok"
    assert hanging not in document
