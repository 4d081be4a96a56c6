"""Serve a built site on 127.0.0.1 the way GitHub Pages does, for browser tests and benchmarks.

The site lives under a path prefix (``/ml-roadmap/``, from ``site_url``), text is gzipped when
the browser accepts it, and an unknown address gets the site's ``404.html`` with status 404.
Standard library only; the server runs in a daemon thread and stops when the context ends.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import posixpath
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".ics", ".map", ".md")
TYPES = {
    ".json": "application/json",
    ".js": "text/javascript",
    ".ipynb": "application/x-ipynb+json",
    ".md": "text/markdown",
}


@dataclass(frozen=True)
class Site:
    """A served site: its root URL (ending in ``/``) and the folder it serves."""

    url: str
    root: Path

    def page(self, path: str = "") -> str:
        """The absolute URL of a site-relative path such as ``core-ml/svm/``."""
        return self.url + path.lstrip("/")


def resolve(root: Path, prefix: str, url_path: str) -> Path | None:
    """The file that a request path names inside ``root`` (directory URLs give index.html)."""
    path = unquote(urlsplit(url_path).path)
    if not path.startswith(prefix):
        return None
    relative = posixpath.normpath(path[len(prefix) :] or ".")
    if relative.startswith(".."):
        return None
    target = root / relative
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def make_handler(root: Path, prefix: str) -> type[http.server.BaseHTTPRequestHandler]:
    """A request handler class serving ``root`` under ``prefix``."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            target = resolve(root, prefix, self.path)
            folder = root / posixpath.normpath(path[len(prefix) :] or ".")
            if target is None and path.startswith(prefix) and folder.is_dir() and not path.endswith("/"):
                self._send(301, b"", "text/plain", {"Location": path + "/"})
                return
            status = 200
            if target is None:
                status, target = 404, root / "404.html"
            suffix = target.suffix
            kind = TYPES.get(suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in ("application/json",):
                kind += "; charset=utf-8"
            body = target.read_bytes() if target.is_file() else b"Not found"
            headers = {"Cache-Control": "max-age=600"}
            if suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6, mtime=0)
                headers["Content-Encoding"] = "gzip"
                headers["Vary"] = "Accept-Encoding"
            self._send(status, body, kind, headers)

        def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Stay quiet: tests and benchmarks print what matters themselves."""

    return Handler


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that ignores browsers hanging up mid-request."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Drop the traceback the standard server prints for a reset connection."""


@contextmanager
def serve(root: Path, prefix: str = "/ml-roadmap/", port: int = 0) -> Iterator[Site]:
    """Serve ``root`` under ``prefix`` on 127.0.0.1 (a free port unless one is given)."""
    server = QuietServer(("127.0.0.1", port), make_handler(root, prefix))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_port}{prefix}", root)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
