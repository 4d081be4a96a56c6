"""Quiet markers beside a page's listed resources that are unverifiable or redirected right now.

A marker is a small ``<span class="resource-health">`` after the resource's link in the page's
"Resources" table, e.g. "⚠ unverifiable since 2026-11-20", whose ``title`` says what the checker
saw and which links to that resource's list on the Resource health page; search does not index
it. Pure: HTML in, HTML out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from mlroadmap.linkcheck.cache import Cache
from mlroadmap.linkcheck.health import ANCHORS
from mlroadmap.linkcheck.history import failing_since

# The generated "Resources" section of a topic or phase page, up to the next h2 or the end.
RESOURCES_SECTION_RE = re.compile(r'<h2 id="resources"[\s\S]*?(?=<h2[\s>]|\Z)')
# A table cell that starts with a link: the resource's title.
RESOURCE_LINK_RE = re.compile(r'(<td><a href="(?P<href>[^"]*)">[\s\S]*?</a>)')


@dataclass(frozen=True)
class Marker:
    """What to show beside one resource: visible text, a tooltip, and the health page anchor."""

    text: str
    title: str
    anchor: str


def marker_for(url: str, cache: Cache) -> Marker | None:
    """The marker for ``url``: unverifiable or redirected now; None otherwise (broken fails the build)."""
    entry = cache.get(url)
    if entry is None:
        return None
    checked = entry.checked_at.date().isoformat()
    if entry.status == "unverifiable" and entry.transient:
        since = failing_since(entry)
        return Marker(
            f"⚠ unverifiable since {since}",
            f"The link checker could not reach this page since {since}: {entry.error}. "
            "Probably temporary: it is checked again on the next run.",
            ANCHORS["unverifiable"],
        )
    if entry.status == "unverifiable":
        reason = entry.error or (f"HTTP {entry.http_status}" if entry.http_status is not None else "no answer")
        return Marker(
            "⚠ unverifiable",
            f"The site refused the link checker on {checked} ({reason}); open it to see that it still works.",
            ANCHORS["unverifiable"],
        )
    if entry.status == "redirected":
        how = "moved permanently" if entry.permanent_redirect else "redirects"
        return Marker(
            "↪ moved" if entry.permanent_redirect else "↪ redirects",
            f"On {checked} this address {how} to {entry.final_url}.",
            ANCHORS["redirected"],
        )
    return None


def markers_for(urls: list[str], cache: Cache) -> dict[str, Marker]:
    """The markers of those ``urls`` that need one."""
    found = {url: marker_for(url, cache) for url in urls}
    return {url: marker for url, marker in found.items() if marker is not None}


def marker_html(marker: Marker, health_url: str) -> str:
    """The marker as HTML, linking to its list on the health page at ``health_url``."""
    return (
        f' <span class="resource-health" title="{html.escape(marker.title)}" data-search-exclude>'
        f'<a href="{html.escape(health_url)}#{marker.anchor}">{html.escape(marker.text)}</a></span>'
    )


def mark_resources(page_html: str, markers: Mapping[str, Marker], health_url: str) -> str:
    """Add the markers after the matching links of the page's "Resources" table."""
    if not markers:
        return page_html

    def mark_link(match: re.Match[str]) -> str:
        marker = markers.get(html.unescape(match["href"]))
        return match[1] + marker_html(marker, health_url) if marker else match[1]

    def mark_section(section: re.Match[str]) -> str:
        return RESOURCE_LINK_RE.sub(mark_link, section[0])

    return RESOURCES_SECTION_RE.sub(mark_section, page_html, count=1)
