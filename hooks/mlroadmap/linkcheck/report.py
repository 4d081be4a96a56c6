"""Reports of a link check, per citing page: a Markdown table for people and JSON for tools."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mlroadmap.linkcheck.cache import Cache, format_timestamp
from mlroadmap.linkcheck.dead import broken_fix
from mlroadmap.linkcheck.history import failing_since
from mlroadmap.linkcheck.models import (
    BROKEN_AFTER_DAYS,
    LINK_STATUSES,
    TEMPORARY_ADVICE,
    CacheEntry,
    CheckResult,
    Hop,
    ResourceRefLike,
    archive_url,
)

NOT_CHECKED = "not checked"
"""Row status of a URL the run did not reach before its deadline (and that has no fresh entry)."""

_ORDER = ("broken", NOT_CHECKED, "rate_limited", "unverifiable", "redirected", "ok")


@dataclass(frozen=True)
class ReportRow:
    """One citation of a URL and the URL's status, with what to do about it."""

    page: str
    line: int
    title: str
    url: str
    status: str
    entry: CacheEntry | None
    checked_now: bool
    action: str
    redirects: tuple[Hop, ...] = ()

    @property
    def actionable(self) -> bool:
        """True when the source should change: the link is broken or moved permanently."""
        if self.status == "broken":
            return True
        return self.status == "redirected" and self.entry is not None and self.entry.permanent_redirect

    @property
    def needs_attention(self) -> bool:
        """True unless the link is fine as it is (ok, or a temporary redirect)."""
        if self.status == "ok":
            return False
        return not (self.status == "redirected" and self.entry is not None and not self.entry.permanent_redirect)


@dataclass(frozen=True)
class Report:
    """Every citation's row, plus the run's numbers."""

    generated_at: datetime
    rows: tuple[ReportRow, ...]
    checked: int
    requests: int

    def counts(self) -> dict[str, int]:
        """Rows per status, every status present (zero when none)."""
        found = Counter(row.status for row in self.rows)
        return {status: found.get(status, 0) for status in (*LINK_STATUSES, NOT_CHECKED)}

    @property
    def has_broken(self) -> bool:
        """True when at least one cited link is broken: the run fails."""
        return any(row.status == "broken" for row in self.rows)


def status_detail(entry: CacheEntry) -> str:
    """The HTTP status or error behind an entry, e.g. ``404`` or ``DNS lookup failed``."""
    if entry.http_status is not None:
        return str(entry.http_status)
    return entry.error or "no detail"


def action_for(url: str, status: str, entry: CacheEntry | None) -> str:
    """What a maintainer should do about a link in this state."""
    if status == NOT_CHECKED:
        last = f" (last seen {entry.status} on {entry.checked_at.date().isoformat()})" if entry is not None else ""
        return f"Not reached before the deadline: re-run the checker{last}"
    if entry is None or status == "ok":
        return ""
    if status == "broken":
        return _capitalised(broken_fix(url, entry))
    if status == "redirected":
        if entry.permanent_redirect:
            return f"Moved permanently: update the link to {entry.final_url}"
        return f"Temporary redirect to {entry.final_url}: no change needed"
    if status == "rate_limited":
        return "The site rate-limited the checker: nothing to do, it is re-checked next run"
    if entry.transient:
        return _capitalised(temporary_action(entry))
    if entry.error and "http://" in entry.error:
        return "Use the https:// address of the page"
    return "The site refuses automated checks: open it in a browser to confirm it still works"


def temporary_action(entry: CacheEntry) -> str:
    """The advice for a temporary fault: ``temporary: re-run later (failing since ...)``."""
    return (
        f"{TEMPORARY_ADVICE} (failing since {failing_since(entry)}, "
        f"broken once it has failed on {BROKEN_AFTER_DAYS} different days)"
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def build_report(
    refs: Iterable[ResourceRefLike],
    cache: Cache,
    *,
    checked: Mapping[str, CheckResult],
    not_checked: Collection[str],
    generated_at: datetime,
    requests: int = 0,
) -> Report:
    """One row per citation, worst status first.

    ``checked`` holds this run's results (their redirect chains go into the rows); a URL in
    ``not_checked`` is reported as not checked whatever the cache still says about it.
    """
    rows: list[ReportRow] = []
    skipped = set(not_checked)
    for ref in refs:
        entry = cache.get(ref.url)
        status = NOT_CHECKED if ref.url in skipped or entry is None else entry.status
        rows.append(
            ReportRow(
                page=ref.page,
                line=ref.line,
                title=ref.title,
                url=ref.url,
                status=status,
                entry=entry,
                checked_now=ref.url in checked,
                action=action_for(ref.url, status, entry),
                redirects=checked[ref.url].redirects if ref.url in checked else (),
            )
        )
    rows.sort(key=lambda row: (_ORDER.index(row.status), row.page, row.line, row.url))
    return Report(generated_at, tuple(rows), len(set(checked)), requests)


def exit_code(report: Report) -> int:
    """1 when a cited link is broken, else 0."""
    return 1 if report.has_broken else 0


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _url_cell(url: str) -> str:
    if any(character in url for character in "<> |"):
        return f"`{url.replace('`', '%60')}`"
    return f"<{url}>"


def _status_cell(row: ReportRow) -> str:
    if row.entry is None:
        return row.status
    if row.status == NOT_CHECKED:
        return f"{NOT_CHECKED} (last: {row.entry.status})"
    if row.status == "redirected":
        return "moved permanently" if row.entry.permanent_redirect else "redirected"
    return f"{row.status} ({status_detail(row.entry)})"


def _table_row(row: ReportRow) -> str:
    cells = (
        f"`{row.page}:{row.line}`",
        _cell(row.title),
        _url_cell(row.url),
        _cell(_status_cell(row)),
        _cell(row.action),
    )
    return "| " + " | ".join(cells) + " |"


def render_markdown(report: Report, *, max_chars: int | None = None) -> str:
    """The report as Markdown: a summary and a table (page, resource, URL, status, what to do).

    Only rows that need attention are listed; with ``max_chars`` (GitHub issues hold 65,536),
    the table is cut short and says how many rows were left out.
    """
    counts = report.counts()
    lines = [
        "# Link check report",
        "",
        f"Generated {format_timestamp(report.generated_at)}: {len(report.rows)} citations, "
        f"{report.checked} URLs checked in this run ({report.requests} requests), the rest from the cache.",
        "",
        "| Status | Citations |",
        "| --- | ---: |",
        *(f"| {status} | {count} |" for status, count in counts.items()),
        "",
    ]
    attention = [row for row in report.rows if row.needs_attention]
    if not attention:
        lines.append("Every cited link works. :tada:")
        return "\n".join(lines) + "\n"
    lines += [
        "## Needs attention",
        "",
        "| Page | Resource | URL | Status | What to do |",
        "| --- | --- | --- | --- | --- |",
    ]
    size = sum(len(line) + 1 for line in lines)
    reserve = 120
    for index, row in enumerate(attention):
        line = _table_row(row)
        if max_chars is not None and size + len(line) + 1 + reserve > max_chars:
            lines += ["", f"... and {len(attention) - index} more rows: see the JSON report."]
            break
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def _row_json(row: ReportRow) -> dict[str, Any]:
    entry = row.entry
    return {
        "page": row.page,
        "line": row.line,
        "title": row.title,
        "url": row.url,
        "status": row.status,
        "http_status": entry.http_status if entry else None,
        "final_url": entry.final_url if entry else None,
        "permanent_redirect": entry.permanent_redirect if entry else False,
        "checked_at": format_timestamp(entry.checked_at) if entry else None,
        "checked_now": row.checked_now,
        "error": entry.error if entry else None,
        "transient": entry.transient if entry else False,
        "failing_since": failing_since(entry) if entry and entry.history.first_failed_at else None,
        "failure_days": [day.isoformat() for day in entry.history.failure_days] if entry else [],
        "action": row.action,
        "redirects": [{"url": hop.url, "status": hop.status, "location": hop.location} for hop in row.redirects],
        "archive_url": archive_url(row.url) if row.status == "broken" else None,
    }


def render_json(report: Report) -> str:
    """The report as JSON: summary counts and one object per citation."""
    document = {
        "generated_at": format_timestamp(report.generated_at),
        "summary": {
            "citations": len(report.rows),
            "checked": report.checked,
            "requests": report.requests,
            "needs_attention": sum(row.needs_attention for row in report.rows),
            "actionable": sum(row.actionable for row in report.rows),
            "statuses": report.counts(),
        },
        "results": [_row_json(row) for row in report.rows],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
