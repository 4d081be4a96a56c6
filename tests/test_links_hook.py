"""The offline link checks in a real strict build: dead resources from the committed cache."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import REPO, BuildResult, run_build


def with_links_hook(config: Path) -> Path:
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("hooks:\n", f"hooks:\n  - {REPO / 'hooks' / 'links.py'}\n"), encoding="utf-8")
    return config


def entry(status: str, http_status: int | None) -> dict[str, object]:
    return {
        "status": status,
        "http_status": http_status,
        "final_url": None,
        "permanent_redirect": False,
        "checked_at": "2026-11-20T09:30:00Z",
        "error": None,
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
        "(404 on 2026-11-20) (replace it or try the archive: https://web.archive.org/web/*/https://example.org/beta/2)"
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
