"""A loopback-only HTTP server that misbehaves on request, for the checker's tests and benchmark.

Paths (first segment picks the behaviour; anything after the documented parts is free, so a
test can use a fresh path per case):

- ``/ok/...``: 200.
- ``/status/CODE/...``: always CODE (403 and 999 with a bot-wall page).
- ``/redirect/CODE/N/...``: a chain of N redirects with CODE, then 200.
- ``/to/CODE/PATH``: one CODE redirect to ``/PATH``.
- ``/loop/a/...`` and ``/loop/b/...``: redirect to each other.
- ``/once/CODE/...``: CODE the first time (429 with ``Retry-After: 1``), 200 afterwards.
- ``/retry-after/VALUE/...``: 429 with ``Retry-After: VALUE`` the first time, 200 afterwards
  (``VALUE`` ``date`` sends an HTTP date one second ahead).
- ``/head/CODE/...``: HEAD answers CODE, GET 200; ``/head-drop/...``: HEAD gets the connection
  closed without an answer, GET 200.
- ``/head-hang/...``: HEAD never answers (until the trickle limit), GET 200.
- ``/reset/...``: the connection is reset (TCP RST) instead of an answer, every time.
- ``/never/...``: the status line, then one header line every 0.1 s, never ending.
- ``/trickle-body/...``: full headers, then a body that trickles forever.
- ``/slow/SECONDS/...``: waits, then 200.
- ``/gate/N/...``: waits until the site has had N requests in flight at once (at most the
  trickle limit), then 200; 504 if that never happened. Proves concurrency without timing it.

Every request is counted per (host, method, path) and timed; the most requests a host (and the
whole site) had in flight at once is kept. Hosts must be loopback addresses; ``ports=N`` serves
each host on N ports (``url(path, host, port_index)``), which share the host's counts.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import struct
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

LOOPBACK = ipaddress.ip_network("127.0.0.0/8")


def loopback_hosts(count: int, first: int = 2) -> list[str]:
    """``count`` loopback addresses from ``127.0.0.<first>`` on (all reach this machine on Linux)."""
    if not first >= 1 or first + count - 1 > 254:
        raise ValueError("loopback hosts must stay within 127.0.0.1-127.0.0.254")
    return [f"127.0.0.{first + offset}" for offset in range(count)]


def self_signed_certificate(folder: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """Make a certificate and key for ``host`` in ``folder`` with the openssl command, valid one day.

    Raises:
        FileNotFoundError: openssl is not installed.
    """
    if shutil.which("openssl") is None:
        raise FileNotFoundError("openssl is not installed")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={host}", "-addext", f"subjectAltName=IP:{host}",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def closed_port_url(host: str = "127.0.0.1") -> str:
    """A URL on a port nothing listens on: bind an ephemeral port, then close it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port = probe.getsockname()[1]
    return f"http://{host}:{port}/closed"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128


class FakeSite:
    """One HTTP server per loopback host, each on an ephemeral port, sharing request counts.

    Use as a context manager: ``with FakeSite(["127.0.0.1"]) as site: site.url("/ok/1")``.
    """

    def __init__(
        self,
        hosts: Iterable[str] = ("127.0.0.1",),
        *,
        host_delays: Mapping[str, float] | None = None,
        trickle_limit: float = 30.0,
        tls: tuple[Path, Path] | None = None,
        ports: int = 1,
    ) -> None:
        """Serve on ``hosts`` (loopback only); ``host_delays`` slows every answer of a host.

        ``tls`` (certificate file, key file) serves HTTPS instead of HTTP; ``ports`` servers per host.
        """
        self.hosts = list(dict.fromkeys(hosts))
        for host in self.hosts:
            if ipaddress.ip_address(host) not in LOOPBACK:
                raise ValueError(f"{host} is not a loopback address")
        self.host_delays = dict(host_delays or {})
        self.trickle_limit = trickle_limit
        self.tls = tls
        self.ports = max(1, ports)
        self.hits: Counter[tuple[str, str, str]] = Counter()
        self.arrivals: dict[str, list[tuple[float, str]]] = {}
        self.peak_in_flight: Counter[str] = Counter()
        self.peak_total = 0
        self._in_flight: Counter[str] = Counter()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._servers: dict[tuple[str, int], _Server] = {}
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> FakeSite:
        """Start serving."""
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop serving."""
        self.close()

    def start(self) -> None:
        """Bind each host to an ephemeral port and serve it from a daemon thread."""
        handler = _make_handler(self)
        for host in self.hosts:
            for index in range(self.ports):
                self._servers[(host, index)] = server = _Server((host, 0), handler)
                if self.tls is not None:
                    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                    context.load_cert_chain(*self.tls)
                    server.socket = context.wrap_socket(server.socket, server_side=True)
                thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
                thread.start()
                self._threads.append(thread)

    def close(self) -> None:
        """Stop the servers and any response still trickling."""
        self.stopping.set()
        with self._changed:
            self._changed.notify_all()
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def port(self, host: str, index: int = 0) -> int:
        """The port ``host`` is served on (its ``index``-th one with ``ports`` > 1)."""
        return int(self._servers[(host, index)].server_address[1])

    def url(self, path: str, host: str | None = None, port_index: int = 0) -> str:
        """``http://HOST:PORT/path`` (``https`` with TLS) on ``host`` (default: the first host)."""
        chosen = host or self.hosts[0]
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://{chosen}:{self.port(chosen, port_index)}/{path.lstrip('/')}"

    def record(self, host: str, method: str, path: str) -> int:
        """Count a request as it starts; returns how many times (host, path) was requested, this one included."""
        with self._lock:
            self.hits[(host, method, path)] += 1
            self.arrivals.setdefault(host, []).append((time.monotonic(), path))
            self._in_flight[host] += 1
            self.peak_in_flight[host] = max(self.peak_in_flight[host], self._in_flight[host])
            self.peak_total = max(self.peak_total, sum(self._in_flight.values()))
            self._changed.notify_all()
            return sum(count for (h, _, p), count in self.hits.items() if h == host and p == path)

    def finished(self, host: str) -> None:
        """Note that a request to ``host`` has been answered (or abandoned)."""
        with self._lock:
            self._in_flight[host] -= 1

    def wait_for_peak(self, count: int, timeout: float) -> bool:
        """Block until ``count`` requests have been in flight at once (True), or ``timeout`` s pass."""
        with self._changed:
            return self._changed.wait_for(lambda: self.peak_total >= count or self.stopping.is_set(), timeout) and (
                self.peak_total >= count
            )

    def arrival_times(self, path: str | None = None, *, host: str | None = None) -> list[float]:
        """Monotonic times at which requests arrived, optionally for one path or host."""
        with self._lock:
            return sorted(
                moment
                for h, moments in self.arrivals.items()
                if host is None or h == host
                for moment, p in moments
                if path is None or p == path
            )

    def count(self, path: str | None = None, *, host: str | None = None, method: str | None = None) -> int:
        """Requests received, optionally only for one path, host or method."""
        with self._lock:
            return sum(
                count
                for (h, m, p), count in self.hits.items()
                if (path is None or p == path) and (host is None or h == host) and (method is None or m == method)
            )


def _make_handler(site: FakeSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "FakeSite/1.0"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_HEAD(self) -> None:
            self._answer("HEAD")

        def do_GET(self) -> None:
            self._answer("GET")

        def _answer(self, method: str) -> None:
            host = str(self.connection.getsockname()[0])
            path = self.path.split("?", 1)[0]
            seen = site.record(host, method, path)
            parts = [part for part in path.split("/") if part]
            kind = parts[0] if parts else ""
            try:
                delay = site.host_delays.get(host, 0.0)
                if delay:
                    time.sleep(delay)
                self._route(method, kind, parts, seen)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                site.finished(host)

        def _route(self, method: str, kind: str, parts: list[str], seen: int) -> None:
            if kind == "status":
                self._send(method, int(parts[1]))
            elif kind == "redirect":
                code, hops = int(parts[1]), int(parts[2])
                if hops == 0:
                    self._send(method, 200)
                else:
                    rest = "/".join(parts[3:])
                    self._send(method, code, location=f"/redirect/{code}/{hops - 1}/{rest}".rstrip("/"))
            elif kind == "to":
                self._send(method, int(parts[1]), location="/" + "/".join(parts[2:]))
            elif kind == "loop":
                rest = "/".join(["b" if parts[1:2] == ["a"] else "a", *parts[2:]])
                self._send(method, 302, location=f"/loop/{rest}")
            elif kind == "once":
                code = int(parts[1])
                if seen == 1:
                    self._send(method, code, retry_after="1" if code == 429 else None)
                else:
                    self._send(method, 200)
            elif kind == "retry-after":
                value = formatdate(time.time() + 1, usegmt=True) if parts[1] == "date" else parts[1]
                self._send(method, 429 if seen == 1 else 200, retry_after=value if seen == 1 else None)
            elif kind == "head":
                self._send(method, int(parts[1]) if method == "HEAD" else 200)
            elif kind == "head-drop":
                if method == "HEAD":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                else:
                    self._send(method, 200)
            elif kind == "head-hang":
                if method == "HEAD":
                    self._hang()
                else:
                    self._send(method, 200)
            elif kind == "reset":
                self._reset()
            elif kind == "never":
                self._never_ending_headers()
            elif kind == "trickle-body":
                self._trickling_body(method)
            elif kind == "slow":
                time.sleep(float(parts[1]))
                self._send(method, 200)
            elif kind == "gate":
                self._send(method, 200 if site.wait_for_peak(int(parts[1]), site.trickle_limit) else 504)
            elif kind == "ok":
                self._send(method, 200)
            else:
                self._send(method, 404)

        def _send(self, method: str, code: int, *, location: str | None = None, retry_after: str | None = None) -> None:
            body = b"<html><body>Access denied: are you a robot?</body></html>" if code in (403, 999) else b"ok\n"
            self.send_response(code)
            if location is not None:
                self.send_header("Location", location)
            if retry_after is not None:
                self.send_header("Retry-After", retry_after)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(body)

        def _hang(self) -> None:
            self.close_connection = True
            ends = time.monotonic() + site.trickle_limit
            while time.monotonic() < ends and not site.stopping.is_set():
                time.sleep(0.05)

        def _reset(self) -> None:
            # SO_LINGER with a zero timeout: close() sends a TCP RST instead of a FIN.
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()

        def _never_ending_headers(self) -> None:
            self.close_connection = True
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
            ends = time.monotonic() + site.trickle_limit
            while time.monotonic() < ends and not site.stopping.is_set():
                self.wfile.write(b"X-Still-Coming: yes\r\n")
                time.sleep(0.1)

        def _trickling_body(self, method: str) -> None:
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "100000000")
            self.end_headers()
            if method == "HEAD":
                return
            ends = time.monotonic() + site.trickle_limit
            while time.monotonic() < ends and not site.stopping.is_set():
                self.wfile.write(b".")
                time.sleep(0.1)

    return Handler
