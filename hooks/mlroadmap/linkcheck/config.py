"""Settings of the online checker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

USER_AGENT = "Mozilla/5.0 (compatible; ml-roadmap-linkcheck/1.0; +https://github.com/ml-roadmap/ml-roadmap)"


def utc_now() -> datetime:
    """The current time, timezone-aware UTC, to the second (as the cache stores it)."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class CheckerConfig:
    """How politely and how long to check.

    Attributes:
        per_host: requests in flight at once to one host and port.
        interval: minimum seconds between the starts of two requests to one host and port.
        timeout: seconds one request may take, from sending to the end of the headers.
        attempts: tries per request on 429, 5xx and transient network errors.
        backoff_initial: first backoff in seconds; doubles per retry, plus jitter.
        backoff_max: longest backoff in seconds.
        retry_after_cap: longest ``Retry-After`` honoured, in seconds.
        max_redirects: redirects followed before giving up.
        max_in_flight: requests in flight across all hosts.
        allow_http_hosts: hosts whose plain ``http://`` URLs are checked too, each ``host`` (any
            port) or ``host:port`` as :func:`parse_http_host` writes it: a staging mirror, a
            local server. Every other ``http://`` URL is reported, not requested.
        ca_file: a PEM bundle of the certificate authorities to trust instead of the default
            ones (a TLS-inspecting proxy, a staging mirror with its own CA).
        trust_env: let the HTTP client read proxy and CA settings from the environment
            (``HTTPS_PROXY``, ``NO_PROXY``, ``SSL_CERT_FILE``, ``SSL_CERT_DIR``).
        user_agent: the ``User-Agent`` header sent.
        now: pretend the check runs at this UTC time (replays of a past run, and tests of the
            rule that a fault lasting two days is broken); None: the clock.
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
    allow_http_hosts: frozenset[str] = frozenset()
    ca_file: Path | None = None
    trust_env: bool = True
    user_agent: str = USER_AGENT
    now: datetime | None = None

    def clock(self) -> datetime:
        """The time a check is recorded at: :attr:`now` when set, else the current UTC time."""
        return self.now if self.now is not None else utc_now()

    def allows_http(self, url: str) -> bool:
        """True when ``url``'s host (or host and port) is one of :attr:`allow_http_hosts`."""
        try:
            parts = urlsplit(url)
            port = parts.port or 80
        except ValueError:  # not a URL at all; the check reports it
            return False
        if not parts.hostname:
            return False
        host = _bracketed(parts.hostname)
        return host in self.allow_http_hosts or f"{host}:{port}" in self.allow_http_hosts


def parse_http_host(value: str) -> str:
    """Normalise ``HOST`` or ``HOST:PORT`` (``[::1]:8000`` for IPv6) for ``allow_http_hosts``.

    Raises:
        ValueError: ``value`` is not a host with an optional port.
    """
    parts = urlsplit("//" + value.strip())
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"{value!r} has an invalid port (write HOST or HOST:PORT)") from None
    if not parts.hostname or parts.path or parts.query or parts.fragment or "@" in parts.netloc:
        raise ValueError(f"{value!r} is not a host name (write HOST or HOST:PORT, e.g. 127.0.0.1:8000)")
    host = _bracketed(parts.hostname)
    return f"{host}:{port}" if port is not None else host


def _bracketed(hostname: str) -> str:
    return f"[{hostname}]" if ":" in hostname else hostname.lower()
