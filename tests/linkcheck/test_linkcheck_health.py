"""The Resource health page and the per-resource markers, from plain cache entries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from conftest import REPO
from mlroadmap.linkcheck.health import Citation, health_page
from mlroadmap.linkcheck.markers import mark_resources, markers_for
from mlroadmap.linkcheck.models import CacheEntry, History
from mlroadmap.linkcheck.rules import status_table

EntryFactory = Callable[..., CacheEntry]
SINCE = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
FAULT = History(None, SINCE, 1, (date(2026, 11, 20),))


def cite(name: str, page: str = "core-ml/svm.md", kind: str = "article") -> Citation:
    return Citation(page, "Support vector machines", f"The {name} one", kind, f"https://example.org/{name}")


def every_status(entry: EntryFactory) -> dict[str, CacheEntry]:
    return {
        "https://example.org/fine": entry("ok", 200),
        "https://example.org/moved": entry(
            "redirected", 200, final_url="https://example.org/new", permanent_redirect=True
        ),
        "https://example.org/slow": entry("unverifiable", None, error="timed out after 3 attempts (10 s each)"),
        "https://example.org/wall": entry("unverifiable", 403, error="HTTP 403 Forbidden"),
        "https://example.org/busy": entry("rate_limited", 429, error="HTTP 429 Too Many Requests after 3 attempts"),
        "https://example.org/gone": entry("broken", 404, error="HTTP 404 Not Found"),
    }


def test_the_page_counts_and_lists_each_status(entry: EntryFactory) -> None:
    cache = every_status(entry)
    cache["https://example.org/slow"] = CacheEntry(
        "unverifiable", None, None, False, SINCE, "timed out after 3 attempts (10 s each)", True, FAULT
    )
    cited = [cite(url.rsplit("/", 1)[1]) for url in cache] + [cite("new", "core-ml/knn.md", "video")]
    cited += [cite("slow"), cite("slow", "core-ml/knn.md")]
    page = health_page(cache, cited, guide="contributing/index.md")
    assert "Links were last checked on **2026-11-20 09:30 UTC**" in page
    assert "6 of the 7 resources cited on 2 pages have a result; 1 has not been checked yet." in page
    for row in (
        "| ok | 1 |",
        "| [redirected](#redirected) | 1 |",
        "| [unverifiable](#unverifiable) | 2 |",
        "| [rate limited](#rate-limited) | 1 |",
        "| [broken](#broken) | 1 |",
    ):
        assert row in page
    assert "| not checked yet | 1 | No result recorded yet. | no |" in page
    assert "| article | 6 | 1 | 1 | 2 | 1 | 1 | 0 |" in page
    assert "| video | 1 | 0 | 0 | 0 | 0 | 0 | 1 |" in page
    for heading in ("## Broken", "## Unverifiable", "## Redirected", "## Rate limited"):
        assert heading in page
    assert (
        "| [The slow one](https://example.org/slow) | [Support vector machines](../core-ml/svm.md), "
        "[Support vector machines](../core-ml/knn.md) | since 2026-11-20 "
        "| timed out after 3 attempts (10 s each): probably temporary, checked again on the next run |"
    ) in page, "each citing page is named once"
    assert "moved permanently to https://example.org/new" in page
    assert "| checked 2026-11-20 | HTTP 403 Forbidden |" in page
    assert "| checked 2026-11-20 | HTTP 429 Too Many Requests after 3 attempts |" in page
    assert "[contributors' guide](index.md#checking-resource-links)" in page


def test_an_empty_cache_says_links_have_not_been_checked_yet() -> None:
    page = health_page({}, [cite("a"), cite("b", "core-ml/knn.md")])
    assert '!!! warning "Links have not been checked yet"' in page
    assert "No check of the 2 resources cited on 2 pages is recorded" in page
    assert "| not checked yet | 2 |" in page
    assert "last checked on" not in page
    assert "## Unverifiable\n\nNothing to list: links have not been checked yet." in page
    assert "None." not in page and "## Broken" not in page
    assert "contributors' guide" not in page, "no guide to link to in a site without one"


RESOURCES_HTML = """<h2 id="prerequisites-and-next-steps">Prerequisites</h2>
<p><a href="https://example.org/slow">not in the list</a></p>
<h2 id="resources">Resources</h2>
<table>
<tbody>
<tr><td><a href="https://example.org/slow">The slow one</a></td><td>article</td></tr>
<tr><td><a href="https://example.org/moved?a=1&amp;b=2">The moved one</a></td><td>docs</td></tr>
<tr><td><a href="https://example.org/fine">The fine one</a></td><td>book</td></tr>
</tbody>
</table>
"""


def test_markers_sit_beside_unverifiable_and_redirected_resources_only(entry: EntryFactory) -> None:
    cache = {
        "https://example.org/slow": CacheEntry(
            "unverifiable", None, None, False, SINCE, "connection reset by peer after 3 attempts", True, FAULT
        ),
        "https://example.org/moved?a=1&b=2": entry(
            "redirected", 200, final_url="https://example.org/new", permanent_redirect=True
        ),
        "https://example.org/fine": entry("ok", 200),
    }
    markers = markers_for(list(cache), cache)
    assert set(markers) == {"https://example.org/slow", "https://example.org/moved?a=1&b=2"}
    html = mark_resources(RESOURCES_HTML, markers, "../../contributing/resource-health/")
    assert html.count('class="resource-health"') == 2
    assert html.startswith(RESOURCES_HTML.split('<h2 id="resources">')[0]), "links outside the list are left alone"
    assert (
        '<a href="https://example.org/slow">The slow one</a> <span class="resource-health" '
        'title="The link checker could not reach this page since 2026-11-20: connection reset by peer after 3 '
        'attempts. Probably temporary: it is checked again on the next run." data-search-exclude>'
        '<a href="../../contributing/resource-health/#unverifiable">⚠ unverifiable since 2026-11-20</a></span>'
    ) in html
    assert '#redirected">↪ moved</a></span></td><td>docs</td>' in html
    assert '<a href="https://example.org/fine">The fine one</a></td>' in html


def test_markers_for_a_refusal_and_a_temporary_redirect(entry: EntryFactory) -> None:
    cache = {
        "https://example.org/wall": entry("unverifiable", 403, error="HTTP 403 Forbidden"),
        "https://example.org/hop": entry("redirected", 200, final_url="https://example.org/b"),
    }
    markers = markers_for(list(cache), cache)
    assert markers["https://example.org/wall"].text == "⚠ unverifiable"
    assert "refused the link checker on 2026-11-20 (HTTP 403 Forbidden)" in markers["https://example.org/wall"].title
    assert (markers["https://example.org/hop"].text, markers["https://example.org/hop"].anchor) == (
        "↪ redirects",
        "redirected",
    )


def test_the_contributors_guide_shows_the_status_rules() -> None:
    guide = (REPO / "docs" / "contributing" / "index.md").read_text(encoding="utf-8")
    assert status_table() in guide, "regenerate the table in docs/contributing/index.md from mlroadmap.linkcheck.rules"
    assert status_table().startswith("| Status | Meaning | Fails the build? | Expires |")
