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
    is_lasting_error,
    is_retryable_error,
    is_retryable_status,
    is_transient_status,
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
        (500, False, "unverifiable"),
        (503, False, "unverifiable"),
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


def test_server_errors_are_temporary_and_gone_pages_are_not() -> None:
    assert [code for code in (200, 403, 404, 410, 429, 500, 501, 503) if is_transient_status(code)] == [500, 501, 503]


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


def _read_error(cause: BaseException) -> httpx.ReadError:
    try:
        try:
            raise cause
        except BaseException as inner:
            raise httpx.ReadError("") from inner
    except httpx.ReadError as error:
        return error


# error, how it is described, retried?, lasting (broken at once) rather than temporary?
@pytest.mark.parametrize(
    ("error", "description", "retryable", "lasting"),
    [
        (
            _connect_error(socket.gaierror(socket.EAI_NONAME, "Name or service not known")),
            "DNS lookup failed: the host name does not exist",
            False,
            True,
        ),
        (_connect_error(socket.gaierror(socket.EAI_AGAIN, "Temporary failure")), "DNS lookup failed", True, False),
        (_connect_error(ConnectionRefusedError(111, "Connection refused")), "connection refused", False, False),
        (_connect_error(OSError(errno.ECONNREFUSED, "Connect call failed")), "connection refused", False, False),
        (httpx.ConnectError("[Errno 111] Connection refused"), "ConnectError", True, False),
        (_connect_error(ssl.SSLCertVerificationError("certificate verify failed")), "TLS error", False, False),
        (httpx.ReadTimeout("slow"), "timed out", True, False),
        (TimeoutError(), "timed out", True, False),
        (_read_error(ConnectionResetError(104, "Connection reset by peer")), "connection reset by peer", True, False),
        (httpx.RemoteProtocolError("Server disconnected"), "RemoteProtocolError: Server disconnected", True, False),
        (httpx.TooManyRedirects("too many"), "too many redirects", False, True),
        (httpx.InvalidURL("bad"), "invalid URL", False, True),
    ],
)
def test_describe_and_retry_errors(error: BaseException, description: str, retryable: bool, lasting: bool) -> None:
    assert describe_error(error).startswith(description)
    assert is_retryable_error(error) is retryable
    assert is_lasting_error(error) is lasting


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
