"""Benchmark the link checker on loopback: concurrent vs serial throughput, and a warm re-run.

Starts a local server on 20 loopback hosts (127.0.0.2-127.0.0.21), each answering after a
small delay, and checks 500 URLs spread over them: once with the concurrent checker (2 requests
per host), once serially (the same settings with one request per host and one in flight), then
refreshes a cache twice to count the requests a warm second run makes (target 0). The server is
the tests' own (``tests/support/testserver.py``). Nothing leaves this machine.

    python scripts/bench_links.py [--urls 500] [--hosts 20] [--delay 0.02] [--per-host 2]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))
sys.path.insert(0, str(REPO / "tests"))

from mlroadmap.linkcheck.checker import CheckRun, check_urls  # noqa: E402 (after the path set-up above)
from mlroadmap.linkcheck.config import CheckerConfig  # noqa: E402
from mlroadmap.linkcheck.runner import refresh_cache  # noqa: E402
from support.testserver import FakeSite, loopback_hosts  # noqa: E402


def spread(site: FakeSite, hosts: Sequence[str], count: int, label: str) -> list[str]:
    """``count`` distinct URLs dealt round-robin over ``hosts``."""
    return [site.url(f"ok/{label}/{index}", hosts[index % len(hosts)]) for index in range(count)]


def rate(run: CheckRun) -> float:
    """Links checked per second in a run."""
    return len(run.results) / run.elapsed if run.elapsed > 0 else float("inf")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures; 1 if a check failed or the warm run made requests."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--urls", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.02, help="seconds each host waits before answering")
    parser.add_argument("--per-host", type=int, default=2)
    args = parser.parse_args(argv)

    hosts = loopback_hosts(args.hosts, first=2)
    config = CheckerConfig(
        per_host=args.per_host,
        interval=0.0,
        timeout=10.0,
        max_in_flight=64,
        allow_http_hosts=frozenset(hosts),
        trust_env=False,
    )
    one_at_a_time = replace(config, per_host=1, max_in_flight=1)
    with FakeSite(hosts, host_delays=dict.fromkeys(hosts, args.delay)) as site:
        concurrent = asyncio.run(check_urls(spread(site, hosts, args.urls, "concurrent"), config, deadline=120))
        serial = asyncio.run(check_urls(spread(site, hosts, args.urls, "serial"), one_at_a_time, deadline=600))
        with tempfile.TemporaryDirectory() as folder:
            cache = Path(folder) / "link-status.json"
            urls = spread(site, hosts, args.urls, "warm")
            cold = asyncio.run(refresh_cache(urls, cache, config, max_age=timedelta(days=7), deadline=120))
            before = site.count()
            warm = asyncio.run(refresh_cache(urls, cache, config, max_age=timedelta(days=7), deadline=120))
            warm_requests = site.count() - before

    failures = sum(result.status != "ok" for run in (concurrent, serial) for result in run.results.values()) + sum(
        entry.status != "ok" for entry in cold.cache.values()
    )
    print(
        f"{args.urls} URLs over {args.hosts} loopback hosts, {args.delay * 1000:.0f} ms per answer, "
        f"{args.per_host} per host"
    )
    print(f"concurrent: {rate(concurrent):8.1f} links/s ({concurrent.elapsed:.2f} s, {concurrent.requests} requests)")
    print(f"serial:     {rate(serial):8.1f} links/s ({serial.elapsed:.2f} s, {serial.requests} requests)")
    print(f"speed-up:   {rate(concurrent) / rate(serial):8.1f}x")
    print(
        f"warm run:   {warm_requests} requests (cold run: {cold.requests}; target 0), "
        f"{len(warm.fresh)} URLs served from the cache"
    )
    if failures:
        print(f"{failures} checks did not come back ok", file=sys.stderr)
    return 1 if failures or warm_requests else 0


if __name__ == "__main__":
    raise SystemExit(main())
