"""Pure rules: status classification, error description, Retry-After and backoff."""

from __future__ import annotations

import errno
import socket
import ssl
from datetime import UTC, datetime

import httpx
import pytest

from mlroadmap.linkcheck.classify import (
    classify_status,
    describe_error,
    head_needs_get,
    is_retryable_error,
    is_retryable_status,
)
from mlroadmap.linkcheck.retry import backoff_delay, parse_retry_after

NOW = datetime(2026, 11, 20, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "redirected", "expected"),
    [
        (200, False, "ok"),
        (204, False, "ok"),
        (200, True, "redirected"),
        (404, False, "broken"),
        (410, True, "broken"),
        (500, False, "broken"),
        (503, False, "broken"),
        (429, False, "rate_limited"),
        (401, False, "unverifiable"),
        (403, False, "unverifiable"),
        (999, False, "unverifiable"),
        (400, False, "unverifiable"),
        (451, False, "unverifiable"),
        (304, False, "unverifiable"),
    ],
)
def test_classify_status(status: int, redirected: bool, expected: str) -> None:
    assert classify_status(status, redirected) == expected


def test_which_answers_are_retried_or_confirmed_with_get() -> None:
    assert [code for code in (200, 404, 429, 500, 501, 502, 503) if is_retryable_status(code)] == [429, 500, 502, 503]
    assert [code for code in (200, 403, 404, 405, 429, 500, 501) if head_needs_get(code)] == [403, 404, 405, 501]


def _connect_error(cause: BaseException) -> httpx.ConnectError:
    try:
        try:
            raise cause
        except BaseException as inner:
            raise httpx.ConnectError(str(inner)) from inner
    except httpx.ConnectError as error:
        return error


@pytest.mark.parametrize(
    ("error", "description", "retryable"),
    [
        (_connect_error(socket.gaierror(socket.EAI_NONAME, "Name or service not known")), "DNS lookup failed", False),
        (_connect_error(socket.gaierror(socket.EAI_AGAIN, "Temporary failure")), "DNS lookup failed", True),
        (_connect_error(ConnectionRefusedError(111, "Connection refused")), "connection refused", False),
        (_connect_error(OSError(errno.ECONNREFUSED, "Connect call failed")), "connection refused", False),
        (httpx.ConnectError("[Errno 111] Connection refused"), "ConnectError", True),
        (_connect_error(ssl.SSLCertVerificationError("certificate verify failed")), "TLS error", False),
        (httpx.ReadTimeout("slow"), "timed out", True),
        (TimeoutError(), "timed out", True),
        (httpx.RemoteProtocolError("Server disconnected"), "RemoteProtocolError: Server disconnected", True),
        (httpx.TooManyRedirects("too many"), "too many redirects", False),
    ],
)
def test_describe_and_retry_errors(error: BaseException, description: str, retryable: bool) -> None:
    assert describe_error(error).startswith(description)
    assert is_retryable_error(error) is retryable


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (None, None),
        ("1", 1.0),
        (" 120 ", 120.0),
        ("Fri, 20 Nov 2026 12:00:30 GMT", 30.0),
        ("Fri, 20 Nov 2026 11:00:00 GMT", 0.0),
        ("soon", None),
        ("-5", None),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, NOW) == seconds


def test_backoff_doubles_up_to_the_cap() -> None:
    assert [backoff_delay(attempt, 0.5, 3.0) for attempt in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]
