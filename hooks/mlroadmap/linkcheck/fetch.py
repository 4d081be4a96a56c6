"""One request's worth of HTTP: HEAD first, GET (headers only) when HEAD fails, with retries."""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass, replace

import httpx

from mlroadmap.linkcheck.classify import head_needs_get, is_head_failure
from mlroadmap.linkcheck.config import CheckerConfig
from mlroadmap.linkcheck.limiter import HostLimiter, host_key
from mlroadmap.linkcheck.retry import build_retrying


@dataclass(frozen=True)
class Answer:
    """The parts of an HTTP response the checker needs; the body is never read.

    ``attempts`` is how many tries it took (retries on 429, 5xx and temporary faults).
    """

    method: str
    status: int
    location: str | None
    retry_after: str | None
    attempts: int = 1


@dataclass
class Attempts:
    """What the tries of one request have learnt so far."""

    count: int = 0
    head_failed: bool = False
    """HEAD hung or was broken off once: the next tries go straight to GET."""


class FetchError(Exception):
    """Every try of a request failed at the network level; ``error`` is the last failure."""

    def __init__(self, error: BaseException, attempts: int) -> None:
        """Wrap the last ``error`` after ``attempts`` tries."""
        super().__init__(f"{error} (after {attempts} attempts)")
        self.error = error
        self.attempts = attempts


def make_client(config: CheckerConfig) -> httpx.AsyncClient:
    """An HTTP client that verifies TLS, does not follow redirects itself and times out each step.

    TLS is verified against ``config.ca_file`` when set, else the default bundle (which
    ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` replace when ``config.trust_env`` is true).
    """
    return httpx.AsyncClient(
        verify=ssl.create_default_context(cafile=config.ca_file) if config.ca_file is not None else True,
        follow_redirects=False,
        timeout=httpx.Timeout(config.timeout),
        limits=httpx.Limits(max_connections=config.max_in_flight, max_keepalive_connections=config.max_in_flight),
        headers={
            "User-Agent": config.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "en",
        },
        trust_env=config.trust_env,
    )


async def send_once(client: httpx.AsyncClient, method: str, url: str, timeout: float) -> Answer:
    """Send one request and return its status line and headers, never waiting for the body.

    The whole exchange up to the end of the headers must finish within ``timeout`` seconds,
    which also catches a server that trickles its answer a byte at a time.
    """
    async with asyncio.timeout(timeout):
        response = await client.send(client.build_request(method, url), stream=True)
        try:
            return Answer(
                method=method,
                status=response.status_code,
                location=response.headers.get("location"),
                retry_after=response.headers.get("retry-after"),
            )
        finally:
            await response.aclose()


async def head_then_get(
    client: httpx.AsyncClient, url: str, limiter: HostLimiter, config: CheckerConfig, tries: Attempts
) -> Answer:
    """HEAD ``url``; fall back to a streamed GET when HEAD is refused, broken off, not implemented
    or never answered (then later ``tries`` skip HEAD)."""
    key = host_key(url)
    tries.count += 1
    answer: Answer | None = None
    if not tries.head_failed:
        async with limiter.slot(key):
            try:
                answer = await send_once(client, "HEAD", url, config.timeout)
            except (httpx.HTTPError, OSError) as error:
                if not is_head_failure(error):
                    raise
                tries.head_failed = True
    if answer is not None and not head_needs_get(answer.status):
        return answer
    async with limiter.slot(key):
        return await send_once(client, "GET", url, config.timeout)


async def fetch(client: httpx.AsyncClient, url: str, limiter: HostLimiter, config: CheckerConfig) -> Answer:
    """:func:`head_then_get` with retries on 429, 5xx and temporary faults (honouring ``Retry-After``).

    Returns the last answer, with the number of tries, when retries run out.

    Raises:
        FetchError: the last try failed at the network level; it carries the error and the tries.
    """
    retrying = build_retrying(config.attempts, config.backoff_initial, config.backoff_max, config.retry_after_cap)
    tries = Attempts()
    try:
        answer: Answer = await retrying(head_then_get, client, url, limiter, config, tries)
    except (httpx.HTTPError, OSError) as error:
        raise FetchError(error, tries.count) from error
    return replace(answer, attempts=tries.count)
