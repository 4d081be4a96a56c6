"""The committed cache: tolerant loading, clear errors, atomic sorted saving, merging and staleness."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlroadmap.linkcheck.cache import (
    CacheError,
    cache_to_json,
    load_cache,
    merge_results,
    prune_cache,
    save_cache,
    urls_due,
)
from mlroadmap.linkcheck.models import CacheEntry, CheckResult, Hop

EntryFactory = Callable[..., CacheEntry]

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def result(url: str, status: str = "ok", http_status: int | None = 200) -> CheckResult:
    return CheckResult(url, status, http_status, None, (), False, NOW, None)  # type: ignore[arg-type]


def test_missing_and_empty_files_are_empty_caches(tmp_path: Path) -> None:
    assert load_cache(tmp_path / "absent.json") == {}
    (tmp_path / "empty.json").write_text("", encoding="utf-8")
    assert load_cache(tmp_path / "empty.json") == {}
    (tmp_path / "braces.json").write_text("{}\n", encoding="utf-8")
    assert load_cache(tmp_path / "braces.json") == {}


def test_corrupt_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "link-status.json"
    path.write_text('{"https://a.example/": {"status": "ok"', encoding="utf-8")
    with pytest.raises(CacheError) as raised:
        load_cache(path)
    assert str(path) in str(raised.value)
    assert "corrupt" in str(raised.value)


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ("[]", "expected a JSON object"),
        ('{"https://a.example/": {"status": "fine"}}', "missing field"),
        (
            '{"https://a.example/": {"status": "fine", "http_status": 200, "final_url": null,'
            ' "permanent_redirect": false, "checked_at": "2026-11-20T00:00:00Z", "error": null}}',
            "unknown status 'fine'",
        ),
        (
            '{"https://a.example/": {"status": "ok", "http_status": 200, "final_url": null,'
            ' "permanent_redirect": false, "checked_at": "yesterday", "error": null}}',
            "not an ISO 8601",
        ),
        ('{"https://a.example/": []}', "entry for 'https://a.example/': expected an object, got list"),
        (
            '{"https://a.example/": {"status": "ok", "http_status": true, "final_url": null,'
            ' "permanent_redirect": false, "checked_at": "2026-11-20T00:00:00Z", "error": null}}',
            "http_status must be an integer or null, got True",
        ),
        (
            '{"https://a.example/": {"status": "ok", "http_status": 200, "final_url": null,'
            ' "permanent_redirect": 1, "checked_at": "2026-11-20T00:00:00Z", "error": null}}',
            "permanent_redirect must be true or false, got 1",
        ),
    ],
)
def test_malformed_entries_are_reported_with_file_and_url(tmp_path: Path, document: str, complaint: str) -> None:
    path = tmp_path / "link-status.json"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(CacheError, match=complaint) as raised:
        load_cache(path)
    assert str(path) in str(raised.value)


def test_round_trip_sorted_and_stable(tmp_path: Path, entry: EntryFactory) -> None:
    path = tmp_path / "data" / "link-status.json"
    cache = {
        "https://z.example/": entry("broken", 404, error="HTTP 404 Not Found"),
        "https://a.example/": entry("redirected", 200, final_url="https://a.example/new", permanent_redirect=True),
    }
    save_cache(path, cache)
    text = path.read_text(encoding="utf-8")
    assert load_cache(path) == cache
    assert list(json.loads(text)) == ["https://a.example/", "https://z.example/"]
    assert list(json.loads(text)["https://a.example/"]) == sorted(json.loads(text)["https://a.example/"])
    assert json.loads(text)["https://z.example/"]["checked_at"] == "2026-11-20T09:30:00Z"
    save_cache(path, load_cache(path))
    assert path.read_text(encoding="utf-8") == text
    assert [entry.name for entry in path.parent.iterdir()] == ["link-status.json"]


def test_an_interrupted_save_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: EntryFactory
) -> None:
    path = tmp_path / "link-status.json"
    old = {"https://a.example/": entry()}
    save_cache(path, old)
    before = path.read_text(encoding="utf-8")

    def interrupted(source: str, target: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_cache(path, {**old, "https://b.example/": entry("broken", 404)})
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == before
    assert load_cache(path) == old
    assert [entry.name for entry in tmp_path.iterdir()] == ["link-status.json"], "the temporary file was not cleaned up"


def test_merge_replaces_only_the_checked_urls(entry: EntryFactory) -> None:
    cache = {"https://a.example/": entry(), "https://b.example/": entry("broken", 404)}
    merged = merge_results(cache, [result("https://b.example/"), result("https://c.example/", "broken", 410)])
    assert merged["https://a.example/"] == cache["https://a.example/"]
    assert merged["https://b.example/"].status == "ok"
    assert merged["https://c.example/"].http_status == 410
    assert cache["https://b.example/"].status == "broken", "merge must not modify its input"


def test_result_keeps_redirect_facts() -> None:
    hop = Hop("https://a.example/", 301, "https://b.example/")
    checked = CheckResult("https://a.example/", "redirected", 200, "https://b.example/", (hop,), True, NOW, None)
    stored = checked.to_entry()
    assert (stored.final_url, stored.permanent_redirect, stored.checked_at) == ("https://b.example/", True, NOW)


def test_urls_due_are_the_unknown_and_the_stale(entry: EntryFactory) -> None:
    cache = {
        "https://fresh.example/": entry(checked_at=NOW - timedelta(days=1)),
        "https://stale.example/": entry(checked_at=NOW - timedelta(days=8)),
        "https://edge.example/": entry(checked_at=NOW - timedelta(days=7)),
    }
    urls = ["https://new.example/", "https://fresh.example/", "https://stale.example/", "https://edge.example/"]
    assert urls_due(cache, [*urls, "https://new.example/"], NOW, timedelta(days=7)) == [
        "https://new.example/",
        "https://stale.example/",
        "https://edge.example/",
    ]
    assert urls_due(cache, urls, NOW, timedelta(days=30)) == ["https://new.example/"]


def test_prune_keeps_only_cited_urls(entry: EntryFactory) -> None:
    cache = {"https://a.example/": entry(), "https://gone.example/": entry()}
    assert list(prune_cache(cache, ["https://a.example/"])) == ["https://a.example/"]


def test_committed_cache_is_valid() -> None:
    committed = Path(__file__).resolve().parents[2] / "data" / "link-status.json"
    cache = load_cache(committed)
    assert committed.read_text(encoding="utf-8") == cache_to_json(cache)
