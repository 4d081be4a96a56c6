"""The command and its reports: pages in ``tmp_path`` cite URLs of a loopback HTTPS server (``--ca-file``)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mlroadmap.linkcheck.cache import load_cache, save_cache
from mlroadmap.linkcheck.cli import build_parser, config_from_args, main
from mlroadmap.linkcheck.models import CacheEntry, CheckResult, Hop
from mlroadmap.linkcheck.report import build_report, render_json, render_markdown
from support.testserver import FakeSite

from .conftest import write_pages

FAST = ["--interval", "0", "--timeout", "1", "--attempts", "2"]


def run_cli(tmp_path: Path, refs: list[Any], *extra: str, ca_file: Path | None = None) -> int:
    """Write pages citing ``refs`` and run the command on them, as a maintainer would."""
    docs = write_pages(tmp_path / "docs", refs)
    argv = ["--docs", str(docs), "--cache", str(tmp_path / "link-status.json")]
    argv += ["--report-md", str(tmp_path / "report.md"), "--report-json", str(tmp_path / "report.json")]
    argv += [*FAST, *(["--ca-file", str(ca_file)] if ca_file is not None else []), *extra]
    return main(argv)


def test_broken_links_fail_the_run_and_are_reported(
    secure_site: FakeSite, self_signed: tuple[Path, Path], tmp_path: Path, Ref: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    site, ca_file = secure_site, self_signed[0]
    token = uuid.uuid4().hex[:8]
    refs = [
        Ref("core-ml/svm.md", 14, "SVM | tutorial", site.url(f"status/404/{token}")),
        Ref("core-ml/svm.md", 15, "Moved", site.url(f"redirect/301/1/{token}")),
        Ref("core-ml/knn.md", 7, "Fine", site.url(f"ok/{token}")),
        Ref("core-ml/knn.md", 8, "Wall", site.url(f"status/403/{token}")),
        Ref("index.md", 3, "Fine again", site.url(f"ok/{token}")),
    ]
    assert run_cli(tmp_path, refs, ca_file=ca_file) == 1
    out = capsys.readouterr().out
    assert f"broken: core-ml/svm.md:14: {refs[0].url}" in out

    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["statuses"]["broken"] == 1
    assert report["summary"]["statuses"]["ok"] == 2
    assert report["summary"]["checked"] == 4
    assert (report["summary"]["actionable"], report["summary"]["needs_attention"]) == (2, 3)
    rows = {(row["page"], row["line"]): row for row in report["results"]}
    assert rows[("core-ml/svm.md", 14)]["archive_url"] == f"https://web.archive.org/web/*/{refs[0].url}"
    moved = rows[("core-ml/svm.md", 15)]
    assert (moved["status"], moved["permanent_redirect"]) == ("redirected", True)
    assert [hop["status"] for hop in moved["redirects"]] == [301]
    assert rows[("core-ml/knn.md", 8)]["status"] == "unverifiable"

    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| Page | Resource | URL | Status | What to do |" in markdown
    assert f"| `core-ml/svm.md:14` | SVM \\| tutorial | <{refs[0].url}> | broken (404) |" in markdown
    assert f"Moved permanently: update the link to {site.url(f'redirect/301/0/{token}')}" in markdown
    assert "core-ml/knn.md:7" not in markdown, "working links are not listed"

    before = site.count()
    assert run_cli(tmp_path, refs, ca_file=ca_file) == 1, "a cached broken link still fails the run"
    assert site.count() == before, "a warm cache must make no requests"
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["summary"]["checked"] == 0


def test_a_healthy_run_exits_zero(
    secure_site: FakeSite, self_signed: tuple[Path, Path], tmp_path: Path, Ref: Any
) -> None:
    site = secure_site
    token = uuid.uuid4().hex[:8]
    refs = [Ref("a.md", 1, "A", site.url(f"ok/{token}")), Ref("a.md", 2, "B", site.url(f"status/429/{token}"))]
    assert run_cli(tmp_path, refs, ca_file=self_signed[0]) == 0
    assert load_cache(tmp_path / "link-status.json")[refs[1].url].status == "rate_limited"


def test_a_corrupt_cache_is_an_error_naming_the_file(
    tmp_path: Path, Ref: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "link-status.json").write_text("{not json", encoding="utf-8")
    assert run_cli(tmp_path, [Ref("a.md", 1, "A", "https://example.org/")]) == 2
    assert str(tmp_path / "link-status.json") in capsys.readouterr().err


def test_deadline_leaves_urls_not_checked(
    secure_site: FakeSite, self_signed: tuple[Path, Path], tmp_path: Path, Ref: Any, entry: Callable[..., CacheEntry]
) -> None:
    site = secure_site
    token = uuid.uuid4().hex[:8]
    hanging = site.url(f"never/{token}")
    save_cache(
        tmp_path / "link-status.json", {hanging: entry("broken", 404, checked_at=datetime(2020, 1, 1, tzinfo=UTC))}
    )
    refs = [Ref("a.md", 1, "Hangs", hanging), Ref("a.md", 2, "Fine", site.url(f"ok/{token}"))]
    assert run_cli(tmp_path, refs, "--deadline", "0.5", "--timeout", "5", ca_file=self_signed[0]) == 0
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    statuses = {row["title"]: row["status"] for row in report["results"]}
    assert statuses == {"Hangs": "not checked", "Fine": "ok"}
    assert "Not reached before the deadline" in (tmp_path / "report.md").read_text(encoding="utf-8")
    assert load_cache(tmp_path / "link-status.json")[hanging].checked_at.year == 2020


def test_markdown_is_cut_to_fit(Ref: Any, entry: Callable[..., CacheEntry]) -> None:
    refs = [Ref(f"p{index}.md", index, f"Title {index}", f"https://example.org/{index}") for index in range(400)]
    cache = {ref.url: entry("broken", 404) for ref in refs}
    report = build_report(refs, cache, checked={}, not_checked=(), generated_at=datetime.now(UTC))
    full = render_markdown(report)
    cut = render_markdown(report, max_chars=5000)
    assert len(full) > 5000 >= len(cut)
    assert "more rows: see the JSON report" in cut
    assert full.count("| broken (404) |") == 400


def test_reports_for_an_all_good_run(Ref: Any, entry: Callable[..., CacheEntry]) -> None:
    url = "https://example.org/a"
    now = datetime.now(UTC)
    hop = Hop(url, 302, "https://example.org/b")
    result = CheckResult(url, "redirected", 200, "https://example.org/b", (hop,), False, now, None)
    report = build_report(
        [Ref("a.md", 1, "A", url)], {url: result.to_entry()}, checked={url: result}, not_checked=(), generated_at=now
    )
    assert "Every cited link works" in render_markdown(report)
    document = json.loads(render_json(report))
    assert document["summary"]["needs_attention"] == 0
    assert document["results"][0]["redirects"] == [{"url": url, "status": 302, "location": "https://example.org/b"}]


def test_the_ca_file_decides_which_certificates_are_trusted(
    secure_site: FakeSite, self_signed: tuple[Path, Path], tmp_path: Path, Ref: Any
) -> None:
    refs = [Ref("a.md", 3, "Local", secure_site.url(f"ok/ca-{uuid.uuid4().hex[:8]}"))]
    assert run_cli(tmp_path / "default", refs) == 0, "a TLS failure is a temporary fault: it fails nothing yet"
    (row,) = json.loads((tmp_path / "default" / "report.json").read_text(encoding="utf-8"))["results"]
    assert row["error"].startswith("TLS error"), "a self-signed certificate is not trusted by default"
    assert (row["status"], row["transient"]) == ("unverifiable", True)
    assert run_cli(tmp_path / "trusted", refs, ca_file=self_signed[0]) == 0


def test_a_ca_file_that_cannot_be_read_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "not-pem.txt").write_text("hello\n", encoding="utf-8")
    for path in (tmp_path / "absent.pem", tmp_path / "not-pem.txt"):
        with pytest.raises(SystemExit) as raised:
            main(["--docs", str(tmp_path), "--ca-file", str(path)])
        assert raised.value.code == 2
        assert f"cannot use {path} as a CA bundle" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("values", "hosts"),
    [
        ([], set()),
        (["127.0.0.1"], {"127.0.0.1"}),
        (["Staging.Example.org:8080", "[::1]:8000"], {"staging.example.org:8080", "[::1]:8000"}),
    ],
)
def test_allow_http_host_options(values: list[str], hosts: set[str]) -> None:
    argv = [part for value in values for part in ("--allow-http-host", value)]
    config = config_from_args(build_parser().parse_args(argv))
    assert config.allow_http_hosts == hosts
    assert config.ca_file is None


@pytest.mark.parametrize(
    "value", ["", "http://example.org/", "example.org/path", "example.org:port", "user@example.org"]
)
def test_a_bad_allow_http_host_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        build_parser().parse_args(["--allow-http-host", value])
    assert raised.value.code == 2
    assert "HOST" in capsys.readouterr().err
