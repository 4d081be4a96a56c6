"""Open, update or close the one issue that reports the weekly link check (a step of links.yml).

Reads the reports ``python -m mlroadmap.linkcheck`` wrote (the JSON for the verdict, the
Markdown for the issue's body) and talks to the GitHub REST API with httpx, configured by the
variables GitHub Actions sets: ``GITHUB_API_URL`` (``https://api.github.com`` on github.com),
``GITHUB_REPOSITORY`` (``owner/name``) and ``GITHUB_TOKEN`` (the job's token, given to the step).

- A link is broken or moved permanently: the open report issue (same title and label) gets the
  new report, or one is opened, with its label created if needed.
- Nothing to act on: the open report issue, if any, gets the final report, a comment, and is closed.

    python scripts/link_report_issue.py --report-json link-report.json --report-md link-report.md

Exits 0 when done, 2 on a missing variable, an unreadable report or an API error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx

TITLE = "Link check: broken or moved resources"
LABEL = "link-check"
LABEL_COLOR = "B60205"
LABEL_DESCRIPTION = "Weekly resource link check"
CLOSING_COMMENT = "No broken or moved links any more: closing."
MAX_BODY = 65_536  # GitHub's limit on an issue body, in characters
API_VERSION = "2022-11-28"


class IssueError(Exception):
    """The issue could not be opened, updated or closed; the message says why."""


class Issues:
    """The issues endpoints of one repository."""

    def __init__(self, client: httpx.Client, repository: str) -> None:
        """Use ``client`` (its base URL is the API's) for ``repository`` (``owner/name``)."""
        self.client = client
        self.path = f"/repos/{repository}"

    def _call(self, method: str, path: str, payload: Mapping[str, Any] | None = None, **params: str) -> Any:
        response = self.client.request(method, self.path + path, json=payload, params=params or None)
        if response.status_code == 422 and path == "/labels":
            return None  # the label exists already
        if response.is_error:
            raise IssueError(f"{method} {self.path}{path}: HTTP {response.status_code}: {response.text[:300]}")
        return response.json() if response.content else None

    def find_open(self, title: str, label: str) -> int | None:
        """The number of the open issue with this title and label, or None."""
        found = self._call("GET", "/issues", state="open", labels=label, per_page="100")
        numbers = [item["number"] for item in found if item["title"] == title and "pull_request" not in item]
        return min(numbers) if numbers else None

    def open(self, title: str, label: str, body: str) -> int:
        """Create the label if needed and open an issue; returns its number."""
        self._call("POST", "/labels", {"name": label, "color": LABEL_COLOR, "description": LABEL_DESCRIPTION})
        created = self._call("POST", "/issues", {"title": title, "body": body, "labels": [label]})
        return int(created["number"])

    def update(self, number: int, body: str) -> None:
        """Replace an issue's body."""
        self._call("PATCH", f"/issues/{number}", {"body": body})

    def close(self, number: int, body: str, comment: str) -> None:
        """Give an issue its final body and a comment, then close it as completed."""
        self.update(number, body)
        self._call("POST", f"/issues/{number}/comments", {"body": comment})
        self._call("PATCH", f"/issues/{number}", {"state": "closed", "state_reason": "completed"})


def actionable(report: Mapping[str, Any]) -> int:
    """How many citations the report says should change (broken, or moved permanently)."""
    return int(report["summary"]["actionable"])


def sync(issues: Issues, report: Mapping[str, Any], body: str, *, title: str = TITLE, label: str = LABEL) -> str:
    """Bring the report issue in line with the report; returns what was done, e.g. ``opened #3``."""
    number = issues.find_open(title, label)
    if actionable(report):
        if number is None:
            return f"opened #{issues.open(title, label, body)}"
        issues.update(number, body)
        return f"updated #{number}"
    if number is None:
        return "nothing to report, no open issue"
    issues.close(number, body, CLOSING_COMMENT)
    return f"closed #{number}"


def client_from_environment(environ: Mapping[str, str]) -> tuple[httpx.Client, str]:
    """An API client and the repository, from the variables GitHub Actions sets."""
    missing = [name for name in ("GITHUB_API_URL", "GITHUB_REPOSITORY", "GITHUB_TOKEN") if not environ.get(name)]
    if missing:
        raise IssueError(f"set {', '.join(missing)} (GitHub Actions provides them; give the step the token)")
    headers = {
        "Authorization": f"Bearer {environ['GITHUB_TOKEN']}",
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": API_VERSION,
        "User-Agent": "ml-roadmap-link-report",
    }
    client = httpx.Client(base_url=environ["GITHUB_API_URL"].rstrip("/"), headers=headers, timeout=30.0)
    return client, environ["GITHUB_REPOSITORY"]


def read_reports(json_path: Path, markdown_path: Path) -> tuple[dict[str, Any], str]:
    """The JSON report and the issue body (the Markdown report, cut to GitHub's limit)."""
    try:
        report: dict[str, Any] = json.loads(json_path.read_text(encoding="utf-8"))
        actionable(report)
        body = markdown_path.read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise IssueError(f"cannot read the link check reports: {error}") from None
    return report, body if len(body) <= MAX_BODY else body[: MAX_BODY - 40] + "\n\n... (cut: see the JSON report)\n"


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] = os.environ) -> int:
    """Run the step; 0 when the issue is in line with the report, 2 on an error."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--report-json", type=Path, required=True, help="the checker's JSON report")
    parser.add_argument("--report-md", type=Path, required=True, help="the checker's Markdown report (the body)")
    parser.add_argument("--title", default=TITLE, help=f"the issue's title (default: {TITLE!r})")
    parser.add_argument("--label", default=LABEL, help=f"the issue's label (default: {LABEL})")
    args = parser.parse_args(argv)
    try:
        report, body = read_reports(args.report_json, args.report_md)
        client, repository = client_from_environment(environ)
        with client:
            print(sync(Issues(client, repository), report, body, title=args.title, label=args.label))
    except (IssueError, httpx.HTTPError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
