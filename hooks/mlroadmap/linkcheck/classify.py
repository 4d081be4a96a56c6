"""Pure rules: which HTTP answers and network errors mean ok, broken, unverifiable or rate limited,
and which of them are temporary faults (see ``mlroadmap.linkcheck.history`` for when those count)."""

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
    """Classify the final HTTP status of a check (after redirects and retries).

    Gone (404, 410) is broken; a 5xx is unverifiable (a temporary fault, see
    :func:`is_transient_status`); 429 is rate limited; other answers (401, 403, 999...) are
    unverifiable: the site refuses automated checks.
    """
    if 200 <= status < 300:
        return "redirected" if redirected else "ok"
    if status in GONE_STATUSES:
        return "broken"
    if status == 429:
        return "rate_limited"
    return "unverifiable"


def is_transient_status(status: int) -> bool:
    """A server error that may pass: every 5xx still there after the retries."""
    return 500 <= status < 600


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


NAME_NOT_FOUND = frozenset({socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)})
"""Resolver answers that mean the host name does not exist (NXDOMAIN, no address)."""


def is_unknown_host(error: BaseException) -> bool:
    """True when the resolver said the host name does not exist (not that it failed for now)."""
    return any(isinstance(cause, socket.gaierror) and cause.errno in NAME_NOT_FOUND for cause in _causes(error))


def is_connection_reset(error: BaseException) -> bool:
    """True when the server reset the connection (``ECONNRESET`` anywhere in the cause chain)."""
    return any(
        isinstance(cause, ConnectionResetError) or getattr(cause, "errno", None) == errno.ECONNRESET
        for cause in _causes(error)
    )


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
    """A HEAD request the server broke off (reset, malformed answer) or never answered: try GET instead."""
    return is_timeout(error) or isinstance(error, httpx.ReadError | httpx.WriteError | httpx.RemoteProtocolError)


def is_lasting_error(error: BaseException) -> bool:
    """A failure that will not pass by itself: the host name does not exist, a redirect loop or an
    endless chain, an invalid URL. Every other network failure is a temporary fault."""
    return is_unknown_host(error) or isinstance(
        error, httpx.TooManyRedirects | httpx.InvalidURL | httpx.UnsupportedProtocol | UnicodeError
    )


def describe_error(error: BaseException) -> str:
    """A short human reason for a failed request, e.g. ``connection reset by peer``."""
    if is_timeout(error):
        return "timed out"
    if is_unknown_host(error):
        return "DNS lookup failed: the host name does not exist"
    if is_dns_failure(error):
        return "DNS lookup failed: resolver error (temporary)"
    if is_connection_refused(error):
        return "connection refused"
    if is_connection_reset(error):
        return "connection reset by peer"
    if is_tls_failure(error):
        detail = str(error).strip()
        return f"TLS error: {detail}" if detail else "TLS error"
    if isinstance(error, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(error, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return f"invalid URL: {error}"
    detail = str(error).strip()
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__
