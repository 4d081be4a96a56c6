"""The online checker: follow each URL's redirects, classify it, and run many checks concurrently
within a deadline."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus

import httpx

from mlroadmap.linkcheck.classify import (
    PERMANENT_REDIRECT_STATUSES,
    classify_status,
    describe_error,
    is_redirect,
    is_retryable_status,
)
from mlroadmap.linkcheck.config import CheckerConfig
from mlroadmap.linkcheck.fetch import fetch, make_client
from mlroadmap.linkcheck.limiter import HostLimiter
from mlroadmap.linkcheck.models import CheckResult, Hop, LinkStatus

ResultCallback = Callable[[CheckResult], None]


def utc_now() -> datetime:
    """The current time, timezone-aware UTC, to the second (as the cache stores it)."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class CheckRun:
    """What a run of checks produced: results by URL (in completion order) and URLs not reached."""

    results: dict[str, CheckResult]
    not_checked: tuple[str, ...]
    requests: int
    elapsed: float


def describe_status(status: int) -> str:
    """``HTTP 404 Not Found``; just ``HTTP 999`` for codes outside the standard."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def scheme_problem(url: str, allow_http: bool) -> str | None:
    """Why ``url`` is not checked (not https, or plain http where ``allow_http`` is false), or None."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "https" or (scheme == "http" and allow_http):
        return None
    if scheme == "http":
        return "plain http:// URL not checked; use the https:// address"
    return f"unsupported URL scheme {scheme + ':' if scheme else '(none)'}"


def _request_url(url: str) -> str:
    return str(httpx.URL(url).copy_with(fragment=None))


def _result(
    url: str,
    status: LinkStatus,
    http_status: int | None,
    hops: list[Hop],
    checked_at: datetime,
    error: str | None,
) -> CheckResult:
    return CheckResult(
        url=url,
        status=status,
        http_status=http_status,
        final_url=hops[-1].location if hops else None,
        redirects=tuple(hops),
        permanent_redirect=bool(hops) and hops[0].status in PERMANENT_REDIRECT_STATUSES,
        checked_at=checked_at,
        error=error,
    )


async def check_url(
    client: httpx.AsyncClient,
    url: str,
    limiter: HostLimiter,
    config: CheckerConfig,
) -> CheckResult:
    """Check one URL: follow redirects by hand (recording the chain), retry, and classify.

    Broken: 404/410, lasting 5xx, DNS failure, refused connection, TLS failure, timeout after
    retries, a redirect loop or too many redirects. Unverifiable: 401/403/999 and other 4xx.
    Rate limited: 429 after retries. Ok or redirected: a 2xx at the end.
    """
    hops: list[Hop] = []
    problem = scheme_problem(url, config.allows_http(url))
    if problem is not None:
        return _result(url, "unverifiable", None, hops, utc_now(), problem)
    current = url
    try:
        current = _request_url(url)
        seen = {current}
        for _ in range(config.max_redirects + 1):
            answer = await fetch(client, current, limiter, config)
            if not (is_redirect(answer.status) and answer.location):
                status = classify_status(answer.status, redirected=bool(hops))
                error = None if status in ("ok", "redirected") else describe_status(answer.status)
                if error is not None and is_retryable_status(answer.status):
                    error += f" after {config.attempts} attempts"
                return _result(url, status, answer.status, hops, utc_now(), error)
            target = _request_url(str(httpx.URL(current).join(answer.location)))
            hops.append(Hop(current, answer.status, target))
            if target in seen:
                return _result(url, "broken", None, hops, utc_now(), f"redirect loop back to {target}")
            if scheme_problem(target, allow_http=True) is not None:
                return _result(url, "unverifiable", None, hops, utc_now(), f"redirects to unsupported URL {target}")
            seen.add(target)
            current = target
        return _result(url, "broken", None, hops, utc_now(), f"too many redirects (more than {config.max_redirects})")
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, OSError) as error:
        where = f" at {current}" if hops else ""
        return _result(url, "broken", None, hops, utc_now(), describe_error(error) + where)


async def check_urls(
    urls: Iterable[str],
    config: CheckerConfig,
    *,
    deadline: float | None = None,
    on_result: ResultCallback | None = None,
) -> CheckRun:
    """Check distinct URLs concurrently, politely per host, and stop at ``deadline`` seconds.

    ``on_result`` is called with each result as it completes (the caller saves the cache
    there). URLs unfinished at the deadline are cancelled and listed in ``not_checked``.
    """
    started = time.monotonic()
    pending_urls = list(dict.fromkeys(urls))
    limiter = HostLimiter(config.per_host, config.interval, config.max_in_flight)
    results: dict[str, CheckResult] = {}
    async with make_client(config) as http:
        tasks = {asyncio.create_task(check_url(http, url, limiter, config)) for url in pending_urls}
        pending: set[asyncio.Task[CheckResult]] = set(tasks)
        try:
            while pending:
                remaining = None if deadline is None else started + deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    break
                done, pending = await asyncio.wait(pending, timeout=remaining, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    result = task.result()
                    results[result.url] = result
                    if on_result is not None:
                        on_result(result)
        finally:
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
    not_checked = tuple(url for url in pending_urls if url not in results)
    return CheckRun(results, not_checked, limiter.requests, time.monotonic() - started)
