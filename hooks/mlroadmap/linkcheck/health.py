"""The public "Resource health" page, generated from the link status cache at each build.

It says when the links were last checked, counts the cited resources by status and by kind,
and lists those that are unverifiable, redirected, rate limited (or broken) with the pages that
cite them. With no results it says plainly that links have not been checked yet. Pure: cache
and citations in, Markdown out (links to pages are relative ``.md`` links MkDocs validates).
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mlroadmap.linkcheck.cache import Cache, format_timestamp
from mlroadmap.linkcheck.history import failing_since, lasting_fault
from mlroadmap.linkcheck.models import CacheEntry, LinkStatus
from mlroadmap.linkcheck.rules import STATUS_RULES
from mlroadmap.records import PhaseRecord, Record, TopicRecord

HEALTH_PATH = "contributing/resource-health.md"
"""Where the generated page lives in the site (relative to the docs directory)."""

NOT_CHECKED_YET = "not checked yet"
"""The row of resources the cache has no result for."""

LISTED: tuple[LinkStatus, ...] = ("broken", "unverifiable", "redirected", "rate_limited")
"""Statuses whose resources are listed one by one, in this order."""

_HEADINGS: dict[LinkStatus, str] = {
    "broken": "Broken",
    "unverifiable": "Unverifiable",
    "redirected": "Redirected",
    "rate_limited": "Rate limited",
}
ANCHORS: dict[LinkStatus, str] = {status: heading.lower().replace(" ", "-") for status, heading in _HEADINGS.items()}
"""The id of each status's list on the page (what MkDocs' toc makes of its heading)."""


@dataclass(frozen=True)
class Citation:
    """A resource cited by a page: where, what it is, and its URL."""

    page: str
    page_title: str
    title: str
    kind: str
    url: str


def citations(records: Iterable[Record | None]) -> list[Citation]:
    """Every resource the topic and phase records cite, in page order."""
    found: list[Citation] = []
    for record in records:
        if isinstance(record, TopicRecord | PhaseRecord):
            data = record.topic if isinstance(record, TopicRecord) else record.phase
            found += [Citation(record.src, data.title, r.title, r.kind.value, r.url) for r in data.resources]
    return found


def status_of(entry: CacheEntry | None) -> str:
    """A resource's row on the page: its cached status, or ``not checked yet``."""
    return NOT_CHECKED_YET if entry is None else entry.status


def health_page(cache: Cache, cited: Sequence[Citation], *, page: str = HEALTH_PATH, guide: str | None = None) -> str:
    """The whole page as Markdown, served from ``page``; ``guide`` is the docs path of the
    contributors' guide to link to (its "Checking resource links" section), if the site has one."""
    by_url: dict[str, list[Citation]] = {}
    for citation in cited:
        by_url.setdefault(citation.url, []).append(citation)
    known = {url: cache[url] for url in by_url if url in cache}
    parts = [_front_matter(), "# Resource health", _introduction(page, guide), _when(known, by_url)]
    parts += [_status_table(known, by_url), _kind_table(known, by_url)]
    parts += [_listing(status, known, by_url, page) for status in LISTED if status != "broken" or _any(known, status)]
    return "\n\n".join(part for part in parts if part) + "\n"


def _front_matter() -> str:
    return (
        "---\ntitle: Resource health\n"
        "description: When the roadmap's resource links were last checked, and which need a look.\n---"
    )


def _introduction(page: str, guide: str | None) -> str:
    text = (
        "Every resource this roadmap cites is checked online by a link checker that runs every week. "
        "This page is generated from its last results (`data/link-status.json`) each time the site is built"
    )
    if guide is None:
        return text + "."
    return text + f"; the [contributors' guide]({_relative(page, guide)}#checking-resource-links) explains the rules."


def _when(known: Mapping[str, CacheEntry], by_url: Mapping[str, list[Citation]]) -> str:
    pages = len({citation.page for cited in by_url.values() for citation in cited})
    if not known:
        return (
            '!!! warning "Links have not been checked yet"\n\n'
            f"    No check of the {len(by_url)} resources cited on {pages} pages is recorded, so this "
            "page cannot say whether they work. Every resource below is counted as "
            f"*{NOT_CHECKED_YET}*."
        )
    times = sorted(entry.checked_at for entry in known.values())
    latest, oldest = format_timestamp(times[-1]), format_timestamp(times[0])
    missing = len(by_url) - len(known)
    unchecked = f"; {missing} {'has' if missing == 1 else 'have'} not been checked yet" if missing else ""
    return (
        f"Links were last checked on **{_human(latest)}** (the oldest result is from {_human(oldest)}): "
        f"{len(known)} of the {len(by_url)} resources cited on {pages} pages have a result{unchecked}."
    )


def _status_table(known: Mapping[str, CacheEntry], by_url: Mapping[str, list[Citation]]) -> str:
    counts = Counter(status_of(known.get(url)) for url in by_url)
    lines = ["## By status", "", "| Status | Resources | Meaning | Fails the build? |", "| --- | ---: | --- | --- |"]
    for rule in STATUS_RULES:
        name = (
            f"[{_label(rule.status)}](#{ANCHORS[rule.status]})"
            if counts[rule.status] and rule.status in ANCHORS
            else _label(rule.status)
        )
        lines.append(f"| {name} | {counts[rule.status]} | {rule.meaning} | {rule.fails_build} |")
    lines.append(f"| {NOT_CHECKED_YET} | {counts[NOT_CHECKED_YET]} | No result recorded yet. | no |")
    return "\n".join(lines)


def _kind_table(known: Mapping[str, CacheEntry], by_url: Mapping[str, list[Citation]]) -> str:
    columns = [*(rule.status for rule in STATUS_RULES), NOT_CHECKED_YET]
    per_kind: dict[str, Counter[str]] = {}
    for url, cited in by_url.items():
        per_kind.setdefault(cited[0].kind, Counter())[status_of(known.get(url))] += 1
    lines = [
        "## By kind",
        "",
        "| Kind | Resources | " + " | ".join(_label(column) for column in columns) + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in columns) + " |",
    ]
    for kind in sorted(per_kind, key=lambda name: (-sum(per_kind[name].values()), name)):
        counts = per_kind[kind]
        cells = " | ".join(str(counts[column]) for column in columns)
        lines.append(f"| {kind} | {sum(counts.values())} | {cells} |")
    return "\n".join(lines)


def _listing(
    status: LinkStatus, known: Mapping[str, CacheEntry], by_url: Mapping[str, list[Citation]], page: str
) -> str:
    heading = f"## {_HEADINGS[status]}"
    rows = [(url, entry) for url, entry in known.items() if entry.status == status]
    if not known:
        return f"{heading}\n\nNothing to list: links have not been checked yet."
    if not rows:
        return f"{heading}\n\nNone."
    lines = [heading, "", "| Resource | Cited on | When | What the checker saw |", "| --- | --- | --- | --- |"]
    for url, entry in sorted(rows, key=lambda row: (by_url[row[0]][0].page, by_url[row[0]][0].title)):
        cited = by_url[url]
        pages = ", ".join(
            f"[{_escape(c.page_title)}]({_relative(page, c.page)})" for c in {c.page: c for c in cited}.values()
        )
        lines.append(f"| [{_escape(cited[0].title)}]({url}) | {pages} | {_since(entry)} | {_escape(_detail(entry))} |")
    return "\n".join(lines)


def _any(known: Mapping[str, CacheEntry], status: LinkStatus) -> bool:
    return any(entry.status == status for entry in known.values())


def _since(entry: CacheEntry) -> str:
    if entry.transient:
        return f"since {failing_since(entry)}"
    return f"checked {entry.checked_at.date().isoformat()}"


def _detail(entry: CacheEntry) -> str:
    if entry.status == "redirected":
        kind = "moved permanently" if entry.permanent_redirect else "temporary redirect"
        return f"{kind} to {entry.final_url}"
    reason = entry.error or (str(entry.http_status) if entry.http_status is not None else "no detail")
    if lasting_fault(entry):
        return f"{reason}, on {len(entry.history.failure_days)} different days"
    if entry.transient:
        return f"{reason}: probably temporary, checked again on the next run"
    return reason


def _label(status: str) -> str:
    return status.replace("_", " ")


def _human(timestamp: str) -> str:
    """``2026-11-20T09:30:00Z`` as ``2026-11-20 09:30 UTC``."""
    return timestamp.replace("T", " ")[:16] + " UTC"


def _relative(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def _escape(text: str) -> str:
    """Text safe inside a Markdown table cell and link text."""
    return " ".join(text.split()).replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
