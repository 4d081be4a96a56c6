"""The online checker: follow each URL's redirects, classify it, and run many checks concurrently
within a deadline."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from http import HTTPStatus

import httpx

from mlroadmap.linkcheck.classify import (
    PERMANENT_REDIRECT_STATUSES,
    classify_status,
    describe_error,
    is_lasting_error,
    is_redirect,
    is_timeout,
    is_transient_status,
)
from mlroadmap.linkcheck.config import CheckerConfig, utc_now
from mlroadmap.linkcheck.fetch import Answer, FetchError, fetch, make_client
from mlroadmap.linkcheck.limiter import HostLimiter
from mlroadmap.linkcheck.models import CheckResult, Hop, LinkStatus

ResultCallback = Callable[[CheckResult], None]

__all__ = ["CheckRun", "check_url", "check_urls", "utc_now"]


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


def attempts_note(attempts: int, error: BaseException | None, timeout: float) -> str:
    """How hard the checker tried, e.g. `` after 3 attempts (10 s each)`` for timeouts; empty for
    a single try that did not time out."""
    if error is not None and is_timeout(error):
        tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
        return f" after {tries} ({timeout:g} s{' each' if attempts > 1 else ''})"
    return f" after {attempts} attempts" if attempts > 1 else ""


def _request_url(url: str) -> str:
    return str(httpx.URL(url).copy_with(fragment=None))


def _result(
    url: str,
    status: LinkStatus,
    http_status: int | None,
    hops: list[Hop],
    checked_at: datetime,
    error: str | None,
    *,
    transient: bool = False,
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
        transient=transient,
    )


def _answered(url: str, answer: Answer, hops: list[Hop], config: CheckerConfig) -> CheckResult:
    """The result of a final (non-redirect) answer."""
    status = classify_status(answer.status, redirected=bool(hops))
    if status in ("ok", "redirected"):
        return _result(url, status, answer.status, hops, config.clock(), None)
    error = describe_status(answer.status) + attempts_note(answer.attempts, None, config.timeout)
    transient = is_transient_status(answer.status)
    return _result(url, status, answer.status, hops, config.clock(), error, transient=transient)


def _failed(url: str, error: BaseException, attempts: int, hops: list[Hop], config: CheckerConfig) -> CheckResult:
    """The result of a request that got no answer: broken if that lasts, else a temporary fault."""
    where = f" at {hops[-1].location}" if hops else ""
    reason = describe_error(error) + attempts_note(attempts, error, config.timeout) + where
    if is_lasting_error(error):
        return _result(url, "broken", None, hops, config.clock(), reason)
    return _result(url, "unverifiable", None, hops, config.clock(), reason, transient=True)


async def check_url(
    client: httpx.AsyncClient,
    url: str,
    limiter: HostLimiter,
    config: CheckerConfig,
) -> CheckResult:
    """Check one URL: follow redirects by hand (recording the chain), retry, and classify.

    Broken at once: 404/410, a host name that does not exist, a redirect loop or too many
    redirects, an invalid URL. A temporary fault (``transient``), unverifiable for now: a 5xx
    after retries, a timeout, a reset, a TLS failure, a refused connection. Unverifiable:
    401/403/999 and other 4xx. Rate limited: 429 after retries. Ok or redirected: a 2xx at the end.
    """
    hops: list[Hop] = []
    problem = scheme_problem(url, config.allows_http(url))
    if problem is not None:
        return _result(url, "unverifiable", None, hops, config.clock(), problem)
    try:
        current = _request_url(url)
        seen = {current}
        for _ in range(config.max_redirects + 1):
            answer = await fetch(client, current, limiter, config)
            if not (is_redirect(answer.status) and answer.location):
                return _answered(url, answer, hops, config)
            target = _request_url(str(httpx.URL(current).join(answer.location)))
            hops.append(Hop(current, answer.status, target))
            if target in seen:
                return _result(url, "broken", None, hops, config.clock(), f"redirect loop back to {target}")
            if scheme_problem(target, allow_http=True) is not None:
                message = f"redirects to unsupported URL {target}"
                return _result(url, "unverifiable", None, hops, config.clock(), message)
            seen.add(target)
            current = target
        message = f"too many redirects (more than {config.max_redirects})"
        return _result(url, "broken", None, hops, config.clock(), message)
    except FetchError as failed:
        return _failed(url, failed.error, failed.attempts, hops, config)
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, OSError) as error:
        return _failed(url, error, 1, hops, config)


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
