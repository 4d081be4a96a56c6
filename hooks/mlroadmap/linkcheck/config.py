"""Settings of the online checker."""

from __future__ import annotations

from dataclasses import dataclass

USER_AGENT = "Mozilla/5.0 (compatible; ml-roadmap-linkcheck/1.0; +https://github.com/ml-roadmap/ml-roadmap)"


@dataclass(frozen=True)
class CheckerConfig:
    """How politely and how long to check.

    Attributes:
        per_host: requests in flight at once to one host.
        interval: minimum seconds between the starts of two requests to one host.
        timeout: seconds one request may take, from sending to the end of the headers.
        attempts: tries per request on 429, 5xx and transient network errors.
        backoff_initial: first backoff in seconds; doubles per retry, plus jitter.
        backoff_max: longest backoff in seconds.
        retry_after_cap: longest ``Retry-After`` honoured, in seconds.
        max_redirects: redirects followed before giving up.
        max_in_flight: requests in flight across all hosts.
        allow_http: check plain ``http://`` URLs too (tests against a local server only).
        trust_env: let the HTTP client read proxy and CA settings from the environment.
        user_agent: the ``User-Agent`` header sent.
    """

    per_host: int = 2
    interval: float = 0.5
    timeout: float = 10.0
    attempts: int = 3
    backoff_initial: float = 1.0
    backoff_max: float = 30.0
    retry_after_cap: float = 60.0
    max_redirects: int = 10
    max_in_flight: int = 32
    allow_http: bool = False
    trust_env: bool = True
    user_agent: str = USER_AGENT
