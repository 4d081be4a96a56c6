"""The offline link checks in a real strict build: dead resources from the committed cache, the
Resource health page and the markers beside listed resources."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import REPO, BuildResult, run_build


def with_links_hook(config: Path) -> Path:
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("hooks:\n", f"hooks:\n  - {REPO / 'hooks' / 'links.py'}\n"), encoding="utf-8")
    return config


def entry(status: str, http_status: int | None, **fields: object) -> dict[str, object]:
    return {
        "status": status,
        "http_status": http_status,
        "final_url": None,
        "permanent_redirect": False,
        "checked_at": "2026-11-20T09:30:00Z",
        "error": None,
        **fields,
    }


def build(small_site: Callable[..., Path], tmp_path: Path, cache: str | None) -> BuildResult:
    config = with_links_hook(small_site())
    if cache is not None:
        (tmp_path / "data").mkdir(exist_ok=True)
        (tmp_path / "data" / "link-status.json").write_text(cache, encoding="utf-8")
    return run_build(config, tmp_path / "site")


def test_a_resource_the_cache_saw_broken_fails_the_build(small_site: Callable[..., Path], tmp_path: Path) -> None:
    cache = {"https://example.org/beta/2": entry("broken", 404), "https://example.org/beta/1": entry("ok", 200)}
    result = build(small_site, tmp_path, json.dumps(cache))
    assert not result.ok
    assert result.warnings == [
        "docs/basics/beta.md:18: resource 'beta resource 2' (https://example.org/beta/2) was last seen broken "
        "(404 on 2026-11-20) (gone: replace it or use the archived copy "
        "https://web.archive.org/web/*/https://example.org/beta/2)"
    ]


def test_no_cache_file_and_healthy_entries_pass(small_site: Callable[..., Path], tmp_path: Path) -> None:
    assert build(small_site, tmp_path, None).ok
    healthy = {"https://example.org/beta/2": entry("unverifiable", 403)}
    assert build(small_site, tmp_path, json.dumps(healthy)).ok


def test_a_corrupt_cache_is_one_clear_warning(small_site: Callable[..., Path], tmp_path: Path) -> None:
    result = build(small_site, tmp_path, "{not json")
    assert not result.ok
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("data/link-status.json:")
    assert "restore it from git" in result.warnings[0]


def test_without_results_the_health_page_says_links_have_not_been_checked_yet(
    small_site: Callable[..., Path], tmp_path: Path
) -> None:
    for cache in (None, "{}\n"):
        result = build(small_site, tmp_path, cache)
        assert result.ok, result.warnings
        page = result.html("contributing/resource-health/")
        assert "Links have not been checked yet" in page
        assert "No check of the 9 resources cited on 3 pages is recorded" in page
        assert '<td>not checked yet</td>\n<td style="text-align: right;">9</td>' in page
        assert "Nothing to list: links have not been checked yet." in page
        assert 'class="resource-health"' not in result.html("basics/beta/")


def test_the_health_page_lists_each_status_and_pages_mark_their_resources(
    small_site: Callable[..., Path], tmp_path: Path
) -> None:
    temporary = {
        "error": "connection reset by peer after 3 attempts",
        "transient": True,
        "history": {
            "first_failed_at": "2026-11-19T05:00:00Z",
            "consecutive_failures": 2,
            "failure_days": ["2026-11-19"],
        },
    }
    cache = {
        "https://example.org/alpha/1": entry("ok", 200),
        "https://example.org/alpha/2": entry("rate_limited", 429, error="HTTP 429 Too Many Requests after 3 attempts"),
        "https://example.org/beta/1": entry("unverifiable", None, **temporary),
        "https://example.org/beta/2": entry(
            "redirected", 200, final_url="https://example.org/b2", permanent_redirect=True
        ),
        "https://example.org/beta/3": entry("unverifiable", 403, error="HTTP 403 Forbidden"),
    }
    result = build(small_site, tmp_path, json.dumps(cache))
    assert result.ok, result.warnings
    page = result.html("contributing/resource-health/")
    assert "Links were last checked on <strong>2026-11-20 09:30 UTC</strong>" in page
    assert "5 of the 9 resources cited on 3 pages have a result; 4 have not been checked yet." in page
    for status, anchor in (
        ("unverifiable", "unverifiable"),
        ("redirected", "redirected"),
        ("rate limited", "rate-limited"),
    ):
        assert f'<a href="#{anchor}">{status}</a>' in page, status
        assert f'<h2 id="{anchor}">' in page, status
    assert '<a href="https://example.org/beta/1">beta resource 1</a></td>\n<td><a href="../../basics/beta/">' in page
    assert "since 2026-11-19" in page and "connection reset by peer after 3 attempts: probably temporary" in page
    assert "moved permanently to https://example.org/b2" in page
    assert "HTTP 429 Too Many Requests after 3 attempts" in page and "HTTP 403 Forbidden" in page

    beta = result.html("basics/beta/")
    assert beta.count('class="resource-health"') == 3
    assert "⚠ unverifiable since 2026-11-19</a></span>" in beta
    assert 'href="../../contributing/resource-health/#redirected">↪ moved</a>' in beta
    assert 'class="resource-health"' not in result.html("basics/alpha/"), "ok and rate limited get no marker"
