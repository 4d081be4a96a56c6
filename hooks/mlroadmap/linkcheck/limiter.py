"""Politeness: a per-host concurrency limit, a minimum interval between requests to a host,
and a global cap on requests in flight (kept below the HTTP client's connection pool).

A "host" is a host name and port (:func:`host_key`): two servers on one machine, such as a
site and its staging mirror on another port, are limited separately.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from httpx import URL

DEFAULT_PORTS = {"http": 80, "https": 443}


def host_key(url: str) -> str:
    """The host and port a request to ``url`` goes to, e.g. ``example.org:443``."""
    parts = URL(url)
    port = parts.port or DEFAULT_PORTS.get(parts.scheme, 0)
    return f"{parts.host.lower()}:{port}"


@dataclass
class _HostState:
    slots: asyncio.Semaphore
    pacing: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_start: float = float("-inf")


class HostLimiter:
    """Grants request slots: at most ``per_host`` at once per host key, starts ``interval`` s apart.

    Create one per run, inside the running event loop; it counts the slots it granted in
    ``requests``.
    """

    def __init__(self, per_host: int, interval: float, max_in_flight: int) -> None:
        """Limit each host to ``per_host`` concurrent requests started ``interval`` s apart."""
        if per_host < 1 or max_in_flight < 1:
            raise ValueError("per_host and max_in_flight must be at least 1")
        self.per_host = per_host
        self.interval = max(0.0, interval)
        self.requests = 0
        self._in_flight = asyncio.Semaphore(max_in_flight)
        self._hosts: dict[str, _HostState] = {}

    def _state(self, host: str) -> _HostState:
        key = host.lower()
        state = self._hosts.get(key)
        if state is None:
            state = self._hosts[key] = _HostState(asyncio.Semaphore(self.per_host))
        return state

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one request slot for ``host`` (a :func:`host_key`); waits for its limit, interval and the global cap."""
        state = self._state(host)
        async with state.slots:
            async with state.pacing:
                delay = state.last_start + self.interval - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                state.last_start = time.monotonic()
            async with self._in_flight:
                state.last_start = max(state.last_start, time.monotonic())
                self.requests += 1
                yield
