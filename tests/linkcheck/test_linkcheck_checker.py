"""The online checker against a real HTTP server on loopback addresses."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import time
import uuid
from pathlib import Path

import pytest

from mlroadmap.linkcheck.checker import CheckRun, check_urls
from mlroadmap.linkcheck.config import CheckerConfig
from support.testserver import FakeSite, closed_port_url, loopback_hosts

from .conftest import HTTP_HOSTS, MAIN_HOST, SLOW_HOST

TOKEN = uuid.uuid4().hex[:8]

# path -> (status, http_status, requests that reached this very path, permanent redirect)
CASES: dict[str, tuple[str, int | None, int, bool]] = {
    f"ok/{TOKEN}": ("ok", 200, 1, False),
    f"redirect/301/2/{TOKEN}": ("redirected", 200, 1, True),
    f"redirect/308/1/{TOKEN}": ("redirected", 200, 1, True),
    f"redirect/302/1/{TOKEN}": ("redirected", 200, 1, False),
    f"loop/a/{TOKEN}": ("broken", None, 1, False),
    f"redirect/302/15/{TOKEN}": ("broken", None, 1, False),
    f"status/404/{TOKEN}": ("broken", 404, 2, False),
    f"status/410/{TOKEN}": ("broken", 410, 2, False),
    f"once/429/{TOKEN}": ("ok", 200, 2, False),
    f"once/500/{TOKEN}": ("ok", 200, 2, False),
    f"status/503/{TOKEN}": ("unverifiable", 503, 2, False),
    f"status/403/{TOKEN}": ("unverifiable", 403, 2, False),
    f"status/999/{TOKEN}": ("unverifiable", 999, 1, False),
    f"status/401/{TOKEN}": ("unverifiable", 401, 2, False),
    f"status/429/{TOKEN}": ("rate_limited", 429, 2, False),
    f"never/{TOKEN}": ("unverifiable", None, 3, False),  # HEAD, then GET twice
    f"reset/{TOKEN}": ("unverifiable", None, 3, False),  # HEAD, then GET twice
    f"head-hang/{TOKEN}": ("ok", 200, 2, False),
    f"trickle-body/{TOKEN}": ("ok", 200, 1, False),
    f"head/405/{TOKEN}": ("ok", 200, 2, False),
    f"head/501/{TOKEN}": ("ok", 200, 2, False),
    f"head-drop/{TOKEN}": ("ok", 200, 2, False),
    f"to/301/status/404/moved-{TOKEN}": ("broken", 404, 1, True),
}
# Temporary faults: unverifiable now, broken only once they last (see test_linkcheck_history.py).
TRANSIENT = {f"status/503/{TOKEN}", f"never/{TOKEN}", f"reset/{TOKEN}", "closed"}


@pytest.fixture(scope="module")
def batch(site: FakeSite) -> tuple[CheckRun, float, dict[str, str]]:
    """Check every case (plus a closed port and the slow host) in one concurrent run."""
    config = CheckerConfig(
        per_host=8,  # room beside the requests that hang (never, head-hang), so retries never queue
        interval=0.0,
        timeout=2.0,
        attempts=2,
        backoff_initial=0.05,
        backoff_max=0.2,
        allow_http_hosts=HTTP_HOSTS,
        trust_env=False,
    )
    urls = {path: site.url(path) for path in CASES}
    urls["closed"] = closed_port_url()
    urls["slow"] = site.url(f"ok/slow-{TOKEN}", SLOW_HOST)
    started = time.monotonic()
    run = asyncio.run(check_urls(urls.values(), config, deadline=30))
    return run, time.monotonic() - started, urls


@pytest.mark.parametrize("path", list(CASES))
def test_classification_and_request_count(
    batch: tuple[CheckRun, float, dict[str, str]], site: FakeSite, path: str
) -> None:
    run, _, urls = batch
    status, http_status, requests, permanent = CASES[path]
    result = run.results[urls[path]]
    assert (result.status, result.http_status, result.permanent_redirect) == (status, http_status, permanent), result
    assert site.count("/" + path, host=MAIN_HOST) == requests
    assert result.transient is (path in TRANSIENT), result
    if status == "broken":
        assert result.error


def test_a_hanging_head_falls_back_to_get(batch: tuple[CheckRun, float, dict[str, str]], site: FakeSite) -> None:
    run, _, urls = batch
    assert run.results[urls[f"head-hang/{TOKEN}"]].status == "ok"
    path = f"/head-hang/{TOKEN}"
    assert (site.count(path, method="HEAD"), site.count(path, method="GET")) == (1, 1)
    assert (site.count(f"/never/{TOKEN}", method="HEAD"), site.count(f"/never/{TOKEN}", method="GET")) == (1, 2), (
        "once HEAD has hung, the retries go straight to GET"
    )


def test_redirect_chains_are_recorded(batch: tuple[CheckRun, float, dict[str, str]]) -> None:
    run, _, urls = batch
    chain = run.results[urls[f"redirect/301/2/{TOKEN}"]]
    assert [hop.status for hop in chain.redirects] == [301, 301]
    assert chain.final_url == urls[f"redirect/301/2/{TOKEN}"].replace("/2/", "/0/")
    loop = run.results[urls[f"loop/a/{TOKEN}"]]
    assert [hop.status for hop in loop.redirects] == [302, 302]
    assert loop.error is not None and "redirect loop" in loop.error


def test_errors_name_the_cause(batch: tuple[CheckRun, float, dict[str, str]]) -> None:
    run, _, urls = batch
    assert run.results[urls["closed"]].error == "connection refused"
    assert run.results[urls["closed"]].status == "unverifiable"
    assert run.results[urls[f"never/{TOKEN}"]].error == "timed out after 2 attempts (2 s each)"
    assert run.results[urls[f"reset/{TOKEN}"]].error == "connection reset by peer after 2 attempts"
    assert run.results[urls[f"status/503/{TOKEN}"]].error == "HTTP 503 Service Unavailable after 2 attempts"
    assert run.results[urls[f"redirect/302/15/{TOKEN}"]].error == "too many redirects (more than 10)"
    assert len(run.results[urls[f"redirect/302/15/{TOKEN}"]].redirects) == 11


def test_slow_host_answers_within_the_timeout(batch: tuple[CheckRun, float, dict[str, str]]) -> None:
    run, _, urls = batch
    assert run.results[urls["slow"]].status == "ok"
    assert run.not_checked == ()


def test_retry_after_is_honoured(batch: tuple[CheckRun, float, dict[str, str]], site: FakeSite) -> None:
    first, second = site.arrival_times(f"/once/429/{TOKEN}")
    assert second - first >= 0.9, "the checker retried before Retry-After: 1 had passed"
    first, second = site.arrival_times(f"/once/500/{TOKEN}")
    assert second - first < 0.9, "a 500 without Retry-After should use the short backoff"


def test_retry_after_dates_and_the_cap(site: FakeSite, fast_config: CheckerConfig) -> None:
    config = dataclasses.replace(fast_config, retry_after_cap=0.3)
    capped, dated = site.url(f"retry-after/3600/{TOKEN}"), site.url(f"retry-after/date/{TOKEN}")
    started = time.monotonic()
    run = asyncio.run(check_urls([capped, dated], config, deadline=10))
    # Without the cap the retry would wait an hour and the 10 s deadline would end the run first;
    # the upper bounds are far above the 0.3 s cap, so a slow machine does not change the verdict.
    assert time.monotonic() - started < 9.0
    assert [run.results[url].status for url in (capped, dated)] == ["ok", "ok"]
    early, late = site.arrival_times(f"/retry-after/3600/{TOKEN}")
    assert 0.25 <= late - early < 5.0


def test_plain_http_is_refused_without_allow_http(site: FakeSite, fast_config: CheckerConfig) -> None:
    url = site.url(f"ok/http-{TOKEN}")
    run = asyncio.run(
        check_urls([url, "ftp://example.org/x"], dataclasses.replace(fast_config, allow_http_hosts=frozenset()))
    )
    assert [run.results[u].status for u in (url, "ftp://example.org/x")] == ["unverifiable", "unverifiable"]
    assert run.results[url].error == "plain http:// URL not checked; use the https:// address"
    assert run.requests == 0 and site.count(f"/ok/http-{TOKEN}") == 0


def test_allowed_http_hosts_and_ports(site: FakeSite, fast_config: CheckerConfig) -> None:
    url, port = site.url(f"ok/http-port-{TOKEN}"), site.port(MAIN_HOST)
    for allowed, checked in ((f"{MAIN_HOST}:{port}", True), (f"{MAIN_HOST}:1", False), (SLOW_HOST, False)):
        config = dataclasses.replace(fast_config, allow_http_hosts=frozenset({allowed}))
        assert config.allows_http(url) is checked, allowed
        run = asyncio.run(check_urls([url], config))
        assert run.results[url].status == ("ok" if checked else "unverifiable"), allowed


def test_a_ca_file_trusts_a_private_certificate(self_signed: tuple[Path, Path], fast_config: CheckerConfig) -> None:
    with FakeSite([MAIN_HOST], tls=self_signed) as secure:
        url = secure.url("ok/tls-trusted")
        run = asyncio.run(check_urls([url], dataclasses.replace(fast_config, ca_file=self_signed[0])))
    assert run.results[url].status == "ok"


def test_invalid_urls_are_broken_without_a_request(fast_config: CheckerConfig) -> None:
    run = asyncio.run(check_urls(["https://[::1/x"], fast_config))
    result = run.results["https://[::1/x"]
    assert (result.status, run.requests) == ("broken", 0)
    assert result.error is not None and result.error.startswith("invalid URL")


def test_tls_is_verified(self_signed: tuple[Path, Path], fast_config: CheckerConfig) -> None:
    with FakeSite([MAIN_HOST], tls=self_signed) as secure:
        url = secure.url("ok/tls")
        run = asyncio.run(check_urls([url], fast_config))
    result = run.results[url]
    assert url.startswith("https://")
    assert (result.status, result.transient) == ("unverifiable", True), "a TLS failure is a temporary fault"
    assert result.error is not None and result.error.startswith("TLS error"), result.error


def test_per_host_concurrency_and_interval() -> None:
    hosts = loopback_hosts(3, first=10)
    with FakeSite(hosts) as local:
        config = CheckerConfig(
            interval=0.0, per_host=2, timeout=5, attempts=1, allow_http_hosts=frozenset(hosts), trust_env=False
        )
        # Each answer waits until six requests (two per host) have been in flight at once: a checker
        # that took one host after another would time out instead, however fast the machine.
        urls = [local.url(f"gate/6/{index}", host) for host in hosts for index in range(6)]
        run = asyncio.run(check_urls(urls, config, deadline=20))
        assert all(result.status == "ok" for result in run.results.values()), "hosts should be checked in parallel"
        assert {host: local.peak_in_flight[host] for host in hosts} == dict.fromkeys(hosts, 2)
        assert local.peak_total == 6

        paced = dataclasses.replace(config, interval=0.25, per_host=4)
        asyncio.run(check_urls([local.url(f"ok/paced/{index}", hosts[0]) for index in range(4)], paced))
        times = local.arrival_times(host=hosts[0])[-4:]
        gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
        assert min(gaps) >= 0.15, gaps


def test_two_ports_of_one_host_have_separate_limits() -> None:
    with FakeSite([MAIN_HOST], ports=2, trickle_limit=10) as local:
        config = CheckerConfig(
            interval=0.0, per_host=1, timeout=15, attempts=1, allow_http_hosts=frozenset({MAIN_HOST}), trust_env=False
        )
        # Each answer waits until two requests are in flight at once: with one request at a time per
        # host, only a limit per host *and port* lets the two ports' requests overlap.
        urls = [local.url(f"gate/2/port-{index}", port_index=index) for index in range(2)]
        run = asyncio.run(check_urls(urls, config, deadline=30))
    assert [run.results[url].status for url in urls] == ["ok", "ok"], [run.results[url].error for url in urls]
    assert local.peak_total == 2


def test_the_run_keeps_its_deadline() -> None:
    slow = loopback_hosts(1, first=20)[0]
    with FakeSite([MAIN_HOST, slow], host_delays={slow: 1.5}) as local:
        config = CheckerConfig(
            interval=0.0,
            per_host=2,
            timeout=10,
            attempts=3,
            allow_http_hosts=frozenset({MAIN_HOST, slow}),
            trust_env=False,
        )
        never = [local.url(f"never/{index}") for index in range(2)]
        slow_urls = [local.url(f"ok/{index}", slow) for index in range(10)]
        deadline = 4.5  # room for several 1.5 s answers, far below the 30 s the hanging URLs would take
        started = time.monotonic()
        run = asyncio.run(check_urls([*never, *slow_urls], config, deadline=deadline))
        elapsed = time.monotonic() - started
    assert elapsed < deadline + 5.0, f"the run took {elapsed:.1f}s with a {deadline}s deadline"
    assert set(never) <= set(run.not_checked)
    finished = [url for url in slow_urls if url in run.results]
    assert 2 <= len(finished) < len(slow_urls)
    assert all(run.results[url].status == "ok" for url in finished)
    assert set(run.results) | set(run.not_checked) == {*never, *slow_urls}
