"""Retry policy: exponential backoff with jitter that honours a capped ``Retry-After``."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, retry_if_result, stop_after_attempt
from tenacity.wait import wait_base

from mlroadmap.linkcheck.classify import is_retryable_error, is_retryable_status


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta seconds or an HTTP date).

    None when the header is absent or unreadable; a date in the past gives 0.
    """
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - now).total_seconds())


def backoff_delay(attempt: int, initial: float, maximum: float) -> float:
    """Exponential backoff before retry number ``attempt`` (1-based): initial, 2x, 4x ... capped."""
    return min(maximum, initial * 2.0 ** max(0, attempt - 1))


class RetryAfterWait(wait_base):
    """A tenacity wait: the server's ``Retry-After`` (capped) when it sent one, else backoff + jitter."""

    def __init__(
        self,
        initial: float,
        maximum: float,
        retry_after_cap: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """Wait ``initial * 2**n`` (at most ``maximum``) or ``Retry-After`` up to ``retry_after_cap``."""
        self.initial = initial
        self.maximum = maximum
        self.retry_after_cap = retry_after_cap
        self.clock = clock

    def __call__(self, retry_state: RetryCallState) -> float:
        """Seconds to sleep before the next attempt."""
        outcome = retry_state.outcome
        if outcome is not None and not outcome.failed:
            delay = parse_retry_after(getattr(outcome.result(), "retry_after", None), self.clock())
            if delay is not None:
                return min(delay, self.retry_after_cap)
        backoff = backoff_delay(retry_state.attempt_number, self.initial, self.maximum)
        return backoff + random.uniform(0, self.initial / 2)


def should_retry_answer(answer: Any) -> bool:
    """Retry an answer whose ``status`` is 429 or a transient 5xx."""
    return is_retryable_status(int(answer.status))


def build_retrying(
    attempts: int,
    initial: float,
    maximum: float,
    retry_after_cap: float,
) -> AsyncRetrying:
    """The tenacity policy for one request: up to ``attempts`` tries on 429/5xx and transient errors.

    After the last try the final answer is returned (so a lasting 503 is classified) and the
    final exception re-raised.
    """
    return AsyncRetrying(
        stop=stop_after_attempt(max(1, attempts)),
        wait=RetryAfterWait(initial, maximum, retry_after_cap),
        retry=retry_if_result(should_retry_answer) | retry_if_exception(is_retryable_error),
        retry_error_callback=_last_outcome,
        reraise=True,
    )


def _last_outcome(retry_state: RetryCallState) -> Any:
    outcome = retry_state.outcome
    assert outcome is not None
    return outcome.result()
