"""known_dead: resources the cache last saw broken, worded for the build log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mlroadmap.linkcheck import DEAD_RESOURCE, known_dead
from mlroadmap.linkcheck.models import CacheEntry

URL = "https://example.org/svm-tutorial"


def test_broken_resource_message(entry: Callable[..., CacheEntry], Ref: Any) -> None:
    cache = {URL: entry("broken", 404, error="HTTP 404 Not Found")}
    problems = known_dead(cache, [Ref("core-ml/svm.md", 14, "SVM tutorial", URL)])
    assert [str(problem) for problem in problems] == [
        f"docs/core-ml/svm.md:14: resource 'SVM tutorial' ({URL}) was last seen broken (404 on 2026-11-20) "
        f"(gone: replace it or use the archived copy https://web.archive.org/web/*/{URL})"
    ]
    assert (problems[0].path, problems[0].line) == ("core-ml/svm.md", 14)
    assert problems[0].message == f"resource 'SVM tutorial' ({URL}) was last seen broken (404 on 2026-11-20)"
    assert problems[0].fix == f"gone: replace it or use the archived copy https://web.archive.org/web/*/{URL}"
    assert (problems[0].kind, problems[0].field) == (DEAD_RESOURCE, "")


def test_network_failures_give_the_error(entry: Callable[..., CacheEntry], Ref: Any) -> None:
    cache = {URL: entry("broken", None, error="DNS lookup failed")}
    (problem,) = known_dead(cache, [Ref("a.md", 3, "T", URL)])
    assert "(DNS lookup failed on 2026-11-20)" in problem.message


def test_only_broken_entries_are_reported(entry: Callable[..., CacheEntry], Ref: Any) -> None:
    cache = {
        "https://ok.example/": entry("ok", 200),
        "https://moved.example/": entry("redirected", 200, final_url="https://new.example/", permanent_redirect=True),
        "https://wall.example/": entry("unverifiable", 403),
        "https://busy.example/": entry("rate_limited", 429),
        "https://gone.example/": entry("broken", 410),
    }
    refs = [Ref("p.md", line, f"R{line}", url) for line, url in enumerate([*cache, "https://unknown.example/"], 1)]
    refs.append(Ref("q.md", 9, "Again", "https://gone.example/"))
    problems = known_dead(cache, refs)
    assert [(problem.path, problem.line) for problem in problems] == [("p.md", 5), ("q.md", 9)]
    assert all("(410 on 2026-11-20)" in problem.message for problem in problems)


def test_empty_cache_reports_nothing(Ref: Any) -> None:
    assert known_dead({}, [Ref("p.md", 1, "T", URL)]) == []
