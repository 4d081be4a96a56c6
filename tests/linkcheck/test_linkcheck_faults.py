"""Temporary faults end to end: the command against the misbehaving HTTPS server, then a strict build.

The small site's page ``basics/beta.md`` cites a URL of the local server on line 18; the command
re-checks only that URL (``--only-url``) at a pretended time (``--now``), as a contributor or a
replay would, and the build reads the cache it wrote.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, BuildResult, run_build, topic_page
from mlroadmap.linkcheck.cache import load_cache, save_cache
from mlroadmap.linkcheck.cli import main
from mlroadmap.linkcheck.models import CacheEntry
from support.testserver import FakeSite

from .conftest import write_pages

FAST = ["--interval", "0", "--timeout", "1"]
BETA_LINE = 18  # the line of the second resource's url in the small site's basics/beta.md
UNRELATED = "https://example.org/alpha/1"


class Site:
    """The small site citing one local URL, its cache, and the command and build run on it."""

    def __init__(self, root: Path, small_site: Callable[..., Path], url: str, ca_file: Path) -> None:
        """Write the site; its page basics/beta.md cites ``url``."""
        self.root, self.url, self.ca_file = root, url, ca_file
        page = topic_page("beta", 2, "[alpha]").replace("https://example.org/beta/2", url)
        config = small_site({"basics/beta.md": page})
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("hooks:\n", f"hooks:\n  - {REPO / 'hooks' / 'links.py'}\n"), encoding="utf-8")
        self.config = config
        self.cache = root / "data" / "link-status.json"

    def check(self, now: str, *extra: str) -> int:
        """Re-check the cited local URL as if at ``now``."""
        argv = ["--docs", str(self.root / "docs"), "--cache", str(self.cache), "--ca-file", str(self.ca_file)]
        return main([*argv, *FAST, "--only-url", self.url, "--now", now, *extra])

    def build(self) -> BuildResult:
        """Build the site strictly."""
        return run_build(self.config, self.root / "site")


@pytest.fixture
def local_site(
    small_site: Callable[..., Path], tmp_path: Path, secure_site: FakeSite, self_signed: tuple[Path, Path]
) -> Callable[[str], Site]:
    """A small site whose beta page cites a path of the local HTTPS server."""

    def make(path: str) -> Site:
        return Site(tmp_path, small_site, secure_site.url(f"{path}/{uuid.uuid4().hex[:8]}"), self_signed[0])

    return make


def test_a_timeout_once_is_unverifiable_and_the_build_passes(
    local_site: Callable[[str], Site], entry: Callable[..., CacheEntry], capsys: pytest.CaptureFixture[str]
) -> None:
    site = local_site("never")
    save_cache(site.cache, {UNRELATED: entry("ok", 200)})
    before = json.loads(site.cache.read_text(encoding="utf-8"))[UNRELATED]
    assert site.check("2026-11-20T05:00:00Z", "--attempts", "1") == 0
    out = capsys.readouterr().out
    assert (
        f"unverifiable: basics/beta.md:{BETA_LINE}: {site.url}: timed out after 1 attempt (1 s); "
        "temporary: re-run later (failing since 2026-11-20, broken once it has failed on 2 different days)"
    ) in out
    cached = load_cache(site.cache)[site.url]
    assert (cached.status, cached.transient, cached.history.consecutive_failures) == ("unverifiable", True, 1)
    assert json.loads(site.cache.read_text(encoding="utf-8"))[UNRELATED] == before, "--only-url keeps the rest"

    result = site.build()
    assert result.ok, result.warnings
    assert result.warnings == []
    beta = result.html("basics/beta/")
    assert '<span class="resource-health" title="The link checker could not reach this page since 2026-11-20' in beta
    assert "⚠ unverifiable since 2026-11-20</a></span>" in beta
    health = result.html("contributing/resource-health/")
    assert "timed out after 1 attempt (1 s): probably temporary" in health
    assert 'href="../../basics/beta/"' in health, "the health page links to the citing page"


def test_a_fault_on_two_days_is_broken_and_fails_the_build_naming_the_page(
    local_site: Callable[[str], Site], capsys: pytest.CaptureFixture[str]
) -> None:
    site = local_site("status/503")
    assert site.check("2026-11-20T05:00:00Z", "--attempts", "1") == 0
    assert site.check("2026-11-20T23:00:00Z", "--attempts", "1") == 0, "the same UTC day again: still temporary"
    assert site.build().ok
    capsys.readouterr()
    assert site.check("2026-11-21T05:00:00Z", "--attempts", "1") == 1
    archive = f"https://web.archive.org/web/*/{site.url}"
    assert (
        f"broken: basics/beta.md:{BETA_LINE}: {site.url}: HTTP 503 Service Unavailable; "
        f"it kept failing: replace it or use the archived copy {archive}"
    ) in capsys.readouterr().out
    history = load_cache(site.cache)[site.url].history
    assert (history.consecutive_failures, [day.isoformat() for day in history.failure_days]) == (
        3,
        ["2026-11-20", "2026-11-21"],
    )

    result = site.build()
    assert not result.ok
    assert result.warnings == [
        f"docs/basics/beta.md:{BETA_LINE}: resource 'beta resource 2' ({site.url}) was last seen broken "
        "(HTTP 503 Service Unavailable, failing on 2 days since 2026-11-20) "
        f"(it kept failing: replace it or use the archived copy {archive}, or re-run the link checker once it "
        "works again)"
    ]


def test_a_reset_is_unverifiable_and_says_what_failed(
    secure_site: FakeSite, self_signed: tuple[Path, Path], tmp_path: Path, Ref: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    url = secure_site.url(f"reset/{uuid.uuid4().hex[:8]}")
    docs = write_pages(tmp_path / "docs", [Ref("a.md", 4, "Resets", url)])
    argv = ["--docs", str(docs), "--cache", str(tmp_path / "cache.json"), "--ca-file", str(self_signed[0])]
    report = tmp_path / "report.json"
    assert main([*argv, *FAST, "--attempts", "2", "--report-json", str(report)]) == 0
    line = f"unverifiable: a.md:4: {url}: connection reset by peer after 2 attempts; temporary: re-run later"
    assert line in capsys.readouterr().out
    (row,) = json.loads(report.read_text(encoding="utf-8"))["results"]
    assert (row["status"], row["transient"], row["failing_since"]) == ("unverifiable", True, row["checked_at"][:10])
    assert row["action"].startswith("Temporary: re-run later")


def test_only_rechecks_the_pages_named_and_keeps_the_rest(
    secure_site: FakeSite,
    self_signed: tuple[Path, Path],
    tmp_path: Path,
    Ref: Any,
    entry: Callable[..., CacheEntry],
    capsys: pytest.CaptureFixture[str],
) -> None:
    token = uuid.uuid4().hex[:8]
    mine, theirs = secure_site.url(f"ok/mine-{token}"), secure_site.url(f"status/404/theirs-{token}")
    docs = write_pages(tmp_path / "docs", [Ref("core-ml/a.md", 3, "Mine", mine), Ref("b.md", 3, "Theirs", theirs)])
    cache = tmp_path / "cache.json"
    save_cache(cache, {mine: entry("broken", 404), theirs: entry("ok", 200)})
    kept = json.loads(cache.read_text(encoding="utf-8"))[theirs]
    argv = ["--docs", str(docs), "--cache", str(cache), "--ca-file", str(self_signed[0]), *FAST]
    assert main([*argv, "--only", "core-ml/a.md"]) == 0, "fresh or not, the named page is re-checked"
    assert load_cache(cache)[mine].status == "ok"
    assert json.loads(cache.read_text(encoding="utf-8"))[theirs] == kept
    assert secure_site.count(f"/status/404/theirs-{token}") == 0
    assert main([*argv, "--only", str(docs / "core-ml" / "a.md")]) == 0, "a path to the page works too"
    capsys.readouterr()

    assert main([*argv, "--only", "nowhere.md", "--only-url", "https://example.org/uncited"]) == 2
    err = capsys.readouterr().err
    assert f"error: --only nowhere.md: no such page under {docs}" in err
    assert "error: --only-url https://example.org/uncited: no page cites this URL" in err
    with pytest.raises(SystemExit):
        main([*argv, "--only", "core-ml/a.md", "--prune"])
    assert "--prune needs every page" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01"])
def test_a_bad_now_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--now", value])
    assert raised.value.code == 2
    assert "is not an ISO 8601 time" in capsys.readouterr().err
