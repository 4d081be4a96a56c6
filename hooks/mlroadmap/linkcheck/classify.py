"""Pure rules: which HTTP answers and network errors mean ok, broken, unverifiable or rate limited."""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Iterator

import httpx

from mlroadmap.linkcheck.models import LinkStatus

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECT_STATUSES = frozenset({301, 308})
GONE_STATUSES = frozenset({404, 410})
"""Answers that mean the page is gone for everyone."""


def is_redirect(status: int) -> bool:
    """True for the redirect statuses a browser follows with a ``Location`` header."""
    return status in REDIRECT_STATUSES


def is_retryable_status(status: int) -> bool:
    """429 and 5xx (except 501 Not Implemented) are worth another try after a pause."""
    return status == 429 or (500 <= status < 600 and status != 501)


def head_needs_get(status: int) -> bool:
    """A HEAD answer that a GET should confirm: client errors (not 429) and 501.

    Many servers reject or mishandle HEAD (405, 403, 501, even 404) while serving GET.
    """
    return (400 <= status < 500 and status != 429) or status == 501


def classify_status(status: int, redirected: bool) -> LinkStatus:
    """Classify the final HTTP status of a check (after redirects and retries)."""
    if 200 <= status < 300:
        return "redirected" if redirected else "ok"
    if status in GONE_STATUSES or 500 <= status < 600:
        return "broken"
    if status == 429:
        return "rate_limited"
    return "unverifiable"


def _causes(error: BaseException) -> Iterator[BaseException]:
    """``error``, then its ``__cause__`` (or ``__context__``), and so on: httpx wraps httpcore, which
    wraps the ``OSError`` the socket raised."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_timeout(error: BaseException) -> bool:
    """True for a request that took too long, at any stage."""
    return isinstance(error, httpx.TimeoutException | TimeoutError)


def is_dns_failure(error: BaseException) -> bool:
    """True when the host name could not be resolved."""
    return any(isinstance(cause, socket.gaierror) for cause in _causes(error))


def is_temporary_dns_failure(error: BaseException) -> bool:
    """True for a resolver that failed for now (``EAI_AGAIN``) rather than a missing name."""
    return any(isinstance(cause, socket.gaierror) and cause.errno == socket.EAI_AGAIN for cause in _causes(error))


def is_connection_refused(error: BaseException) -> bool:
    """True when nothing listens on the host's port (``ECONNREFUSED`` anywhere in the cause chain)."""
    return any(
        isinstance(cause, ConnectionRefusedError) or getattr(cause, "errno", None) == errno.ECONNREFUSED
        for cause in _causes(error)
    )


def is_tls_failure(error: BaseException) -> bool:
    """True when the TLS handshake or certificate verification failed."""
    return any(isinstance(cause, ssl.SSLError | ssl.CertificateError) for cause in _causes(error))


def is_retryable_error(error: BaseException) -> bool:
    """Transient network failures worth another try: timeouts, resets, a resolver hiccup."""
    if is_timeout(error):
        return True
    if isinstance(error, httpx.ConnectError):
        return is_temporary_dns_failure(error) or not (
            is_dns_failure(error) or is_connection_refused(error) or is_tls_failure(error)
        )
    return isinstance(error, httpx.NetworkError | httpx.RemoteProtocolError)


def is_head_failure(error: BaseException) -> bool:
    """A HEAD request the server broke off (reset, malformed answer): try GET instead."""
    return isinstance(error, httpx.ReadError | httpx.WriteError | httpx.RemoteProtocolError)


def describe_error(error: BaseException) -> str:
    """A short human reason for a failed request, e.g. ``DNS lookup failed``."""
    if is_timeout(error):
        return "timed out"
    if is_dns_failure(error):
        return "DNS lookup failed"
    if is_connection_refused(error):
        return "connection refused"
    if is_tls_failure(error):
        detail = str(error).strip()
        return f"TLS error: {detail}" if detail else "TLS error"
    if isinstance(error, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(error, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return f"invalid URL: {error}"
    detail = str(error).strip()
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__
