"""A loopback fake of the GitHub REST API's issues and labels endpoints, for the link workflow's test.

It keeps one repository's issues, comments and labels in memory, answers only requests that
carry its token (``Authorization: Bearer TOKEN``), and records every request. Point
``GITHUB_API_URL`` at :attr:`FakeGitHub.url`.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Issue:
    """An issue as the fake keeps it."""

    number: int
    title: str
    body: str
    labels: list[str]
    state: str = "open"
    state_reason: str | None = None
    comments: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The issue as the API returns it (the fields the script reads, and a few more)."""
        return {
            "number": self.number,
            "title": self.title,
            "body": self.body,
            "state": self.state,
            "state_reason": self.state_reason,
            "labels": [{"name": name} for name in self.labels],
        }


class FakeGitHub:
    """The issues of ``repository`` behind a loopback HTTP server; a context manager."""

    def __init__(self, repository: str, token: str) -> None:
        """Serve ``repository``'s issues to requests that carry ``token``."""
        self.repository = repository
        self.token = token
        self.issues: dict[int, Issue] = {}
        self.labels: set[str] = set()
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        """The API's base URL, like ``https://api.github.com``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeGitHub:
        """Start serving."""
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def handle(self, method: str, target: str, headers: dict[str, str], payload: Any) -> tuple[int, Any]:
        """Answer one request: ``(status, JSON body)``."""
        parts = urlsplit(target)
        with self._lock:
            self.requests.append((method, parts.path))
            if headers.get("authorization") != f"Bearer {self.token}":
                return 401, {"message": "Bad credentials"}
            prefix = f"/repos/{self.repository}"
            if not parts.path.startswith(prefix + "/"):
                return 404, {"message": "Not Found"}
            return self._route(method, parts.path.removeprefix(prefix), parse_qs(parts.query), payload)

    def _route(self, method: str, path: str, query: dict[str, list[str]], payload: Any) -> tuple[int, Any]:
        number = re.fullmatch(r"/issues/(\d+)(/comments)?", path)
        if (method, path) == ("GET", "/issues"):
            state, label = query.get("state", ["open"])[0], query.get("labels", [""])[0]
            found = [i for i in self.issues.values() if i.state == state and (not label or label in i.labels)]
            return 200, [issue.to_json() for issue in found]
        if (method, path) == ("POST", "/issues"):
            issue = Issue(len(self.issues) + 1, payload["title"], payload.get("body", ""), list(payload["labels"]))
            self.issues[issue.number] = issue
            self.labels.update(issue.labels)
            return 201, issue.to_json()
        if (method, path) == ("POST", "/labels"):
            if payload["name"] in self.labels:
                return 422, {"message": "Validation Failed", "errors": [{"code": "already_exists"}]}
            self.labels.add(payload["name"])
            return 201, {"name": payload["name"]}
        if number is None or int(number[1]) not in self.issues:
            return 404, {"message": "Not Found"}
        issue = self.issues[int(number[1])]
        if method == "POST" and number[2]:
            issue.comments.append(payload["body"])
            return 201, {"body": payload["body"]}
        if method == "PATCH" and not number[2]:
            issue.body = payload.get("body", issue.body)
            issue.state = payload.get("state", issue.state)
            issue.state_reason = payload.get("state_reason", issue.state_reason)
            return 200, issue.to_json()
        return 404, {"message": "Not Found"}


def _make_handler(fake: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length)) if length else None
            headers = {name.lower(): value for name, value in self.headers.items()}
            status, body = fake.handle(self.command, self.path, headers, payload)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = _answer

    return Handler
