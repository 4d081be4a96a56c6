"""Benchmark the reader's site: Lighthouse on every page type, transferred bytes, search quality.

Builds the site with its ``site_url`` pointing at a local server (so canonical links and social
tags are same-origin, as on GitHub Pages), serves it on 127.0.0.1 with gzip like Pages does,
then for each page type runs Lighthouse (npm, mobile preset, Debian's Chromium) three times and
prints the median of its four scores, of its total blocking time, largest contentful paint and
bytes transferred, the spread of the runs' performance and blocking time (lowest to highest), and
the main-thread work of the slowest page by category (what to work on next). Last, it types
every query of tests/search_queries.yml into Material's search box and prints hit@1 and hit@3.

    python scripts/bench_site.py [--runs 3] [--site DIR --port PORT] [--json FILE]

Lighthouse's simulated phone slows the CPU four times: on a busy machine every page scores
lower, so compare two sites in the same session, one after the other.

Lighthouse is installed on first use into .cache/bench (``npm install lighthouse@12.2.3``:
version 13 needs Node 22). Nothing is fetched from anywhere but this machine while measuring.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "browser"))

from searching import hit_rate, load_queries, run_queries  # noqa: E402
from siteserver import serve  # noqa: E402

CHROMIUM = Path(os.environ.get("ROADMAP_CHROMIUM", "/usr/bin/chromium"))
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
LIGHTHOUSE_VERSION = "12.2.3"  # 13 needs Node 22
LIGHTHOUSE_DIR = REPO / ".cache" / "bench"
PREFIX = "/ml-roadmap/"
PAGES = {
    "home": "",
    "roadmap index": "roadmap/",
    "phase": "core-ml/",
    "topic": "core-ml/k-means/",
    "notebook": "notebooks/clustering/",
    "planner": "planner/",
    "review": "review/",
    "my notes": "my-notes/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


@dataclass(frozen=True)
class PageResult:
    """Median Lighthouse scores (0-100) and transferred bytes for one page, with failing audits."""

    name: str
    scores: dict[str, int]
    transferred: int
    held_back: dict[str, list[str]]
    blocking_ms: int  # total blocking time
    lcp_ms: int  # largest contentful paint
    main_thread: dict[str, int]  # milliseconds of main-thread work by category, largest first
    performance_runs: tuple[int, ...] = ()  # each run's performance score, in run order
    blocking_runs: tuple[int, ...] = ()  # each run's total blocking time (ms), in run order


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_site(site_dir: Path, site_url: str) -> None:
    """Build the site strictly, as deployed, but with ``site_url`` on the local server.

    The build's warnings are printed, so a strict build that fails says why.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir), site_url=site_url, strict=True))


def lighthouse_bin() -> Path:
    """The Lighthouse CLI, installed into .cache/bench with npm when missing."""
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("npm is needed to install Lighthouse (apt-get install -y npm)")
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        package = f"lighthouse@{LIGHTHOUSE_VERSION}"
        command = [npm, "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund", package]
        subprocess.run(command, check=True)
    return binary


def run_lighthouse(binary: Path, url: str, out: Path) -> dict[str, object]:
    """One Lighthouse run (mobile, the default preset) on ``url``; its JSON report."""
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
    )
    report: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return report


def scores_of(report: dict[str, object]) -> dict[str, int]:
    """The four category scores of a report, 0-100."""
    categories = report["categories"]
    assert isinstance(categories, dict)
    return {name: round(100 * (categories[name]["score"] or 0)) for name in CATEGORIES}


def transferred_of(report: dict[str, object]) -> int:
    """Bytes transferred for the page load (Lighthouse's total-byte-weight)."""
    audits = report["audits"]
    assert isinstance(audits, dict)
    return int(audits["total-byte-weight"]["numericValue"])


def metric_of(report: dict[str, object], audit: str) -> float:
    """A Lighthouse audit's measured value (milliseconds for times)."""
    audits = report["audits"]
    assert isinstance(audits, dict)
    return float(audits[audit]["numericValue"])


def main_thread_of(report: dict[str, object]) -> dict[str, float]:
    """Main-thread work by category (Style & Layout, Script Evaluation, ...), in milliseconds."""
    audits = report["audits"]
    assert isinstance(audits, dict)
    items = audits["mainthread-work-breakdown"]["details"]["items"]
    return {str(item["groupLabel"]): float(item["duration"]) for item in items}


def held_back_of(report: dict[str, object]) -> dict[str, dict[str, float]]:
    """Per category, the weighted audits that did not score full marks, with their scores."""
    categories, audits = report["categories"], report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    held: dict[str, dict[str, float]] = {}
    for name in CATEGORIES:
        for ref in categories[name]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                held.setdefault(name, {})[ref["id"]] = float(audit["score"])
    return held


def measure_page(binary: Path, name: str, url: str, runs: int, work: Path) -> PageResult:
    """Lighthouse ``runs`` times on one page; medians of scores and bytes."""
    reports = [run_lighthouse(binary, url, work / f"{name.replace(' ', '-')}-{i}.json") for i in range(runs)]
    scores = [scores_of(r) for r in reports]
    median = {c: int(statistics.median(s[c] for s in scores)) for c in CATEGORIES}
    transferred = int(statistics.median(transferred_of(r) for r in reports))
    blocking_runs = tuple(int(metric_of(r, "total-blocking-time")) for r in reports)
    blocking = int(statistics.median(blocking_runs))
    lcp = int(statistics.median(metric_of(r, "largest-contentful-paint") for r in reports))
    breakdowns = [main_thread_of(r) for r in reports]
    groups = dict.fromkeys(group for b in breakdowns for group in b)
    by_group = {group: int(statistics.median(b.get(group, 0.0) for b in breakdowns)) for group in groups}
    main_thread = dict(sorted(by_group.items(), key=lambda item: -item[1]))
    runs_held = [held_back_of(r) for r in reports]
    held: dict[str, list[str]] = {}
    for category in CATEGORIES:
        ids = dict.fromkeys(audit for run in runs_held for audit in run.get(category, {}))
        for audit in ids:
            score = statistics.median(run.get(category, {}).get(audit, 1.0) for run in runs_held)
            held.setdefault(category, []).append(f"{audit} (median score {score:.2f})")
    performance_runs = tuple(s["performance"] for s in scores)
    return PageResult(name, median, transferred, held, blocking, lcp, main_thread, performance_runs, blocking_runs)


def measure_search(site_url: str) -> tuple[float, float, int]:
    """hit@1, hit@3 and the number of queries, typed into the search box in Chromium."""
    from playwright.sync_api import sync_playwright

    queries = load_queries()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_FLAGS.replace("=new", "").split())
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outcomes = run_queries(page, site_url, queries)
        browser.close()
    return hit_rate(outcomes, 1), hit_rate(outcomes, 3), len(queries)


def report_table(results: Sequence[PageResult]) -> str:
    """The scores as a fixed-width table, with the targets on the last line.

    Medians, then the spread of the runs (lowest to highest) of performance and blocking time.
    """
    header = (
        f"{'page':<14} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'TBT':>8} {'LCP':>8} {'transferred':>12}"
        f"  {'perf runs':>9} {'TBT runs (ms)':>14}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        s = r.scores
        lines.append(
            f"{r.name:<14} {s['performance']:>5} {s['accessibility']:>5} {s['best-practices']:>5} {s['seo']:>5} "
            f"{r.blocking_ms:>5} ms {r.lcp_ms / 1000:>6.1f} s {r.transferred / 1024:>9.1f} KB"
            f"  {_spread(r.performance_runs):>9} {_spread(r.blocking_runs):>14}"
        )
    t = TARGETS
    lines.append(f"{'target':<14} {t['performance']:>5} {t['accessibility']:>5} {t['best-practices']:>5} {t['seo']:>5}")
    return "\n".join(lines)


def _spread(values: Sequence[int]) -> str:
    """The lowest and highest of the runs, as 'low-high'."""
    return f"{min(values)}-{max(values)}" if values else "-"


def main_thread_table(result: PageResult) -> str:
    """The main-thread work of one page by category, largest first, with the total."""
    width = max(len(group) for group in result.main_thread)
    lines = [f"  {group:<{width}} {ms:>6} ms" for group, ms in result.main_thread.items()]
    lines.append(f"  {'total':<{width}} {sum(result.main_thread.values()):>6} ms")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Build, serve, measure and print; 1 when a page misses a Lighthouse target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--site", type=Path, help="serve this built site instead of building one")
    parser.add_argument("--port", type=int, help="serve on this port (the one --site's site_url names)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    binary = lighthouse_bin()
    port = args.port or free_port()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        work = Path(tmp)
        site_dir = args.site
        if site_dir is None:
            site_dir = work / "site"
            print(f"building the site for http://127.0.0.1:{port}{PREFIX} ...", flush=True)
            build_site(site_dir, f"http://127.0.0.1:{port}{PREFIX}")
        with serve(site_dir, PREFIX, port) as site:
            results = []
            for name, path in PAGES.items():
                print(f"lighthouse x{args.runs}: {name} ({path or '/'})", flush=True)
                results.append(measure_page(binary, name, site.page(path), args.runs, work))
            hit1, hit3, count = measure_search(site.url)
    print()
    print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile preset, median of {args.runs} runs per page:")
    print(report_table(results))
    for r in results:
        for category, audits in r.held_back.items():
            print(f"  {r.name}: {category} held back by {', '.join(audits)}")
    worst = min(results, key=lambda r: (r.scores["performance"], -r.blocking_ms))
    print(f"\nmain-thread work of the slowest page, {worst.name} (median of {args.runs} runs):")
    print(main_thread_table(worst))
    print(f"\nsearch: hit@1 {hit1:.3f}, hit@3 {hit3:.3f} over {count} queries (tests/search_queries.yml)")
    if args.json:
        figures = {
            "pages": {
                r.name: {
                    **r.scores,
                    "total_blocking_time_ms": r.blocking_ms,
                    "performance_runs": list(r.performance_runs),
                    "total_blocking_time_ms_runs": list(r.blocking_runs),
                    "largest_contentful_paint_ms": r.lcp_ms,
                    "main_thread_ms": r.main_thread,
                    "transferred_bytes": r.transferred,
                    "held_back": r.held_back,
                }
                for r in results
            },
            "search": {"hit_at_1": hit1, "hit_at_3": hit3, "queries": count},
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    missed = [r.name for r in results if any(r.scores[c] < TARGETS[c] for c in CATEGORIES)]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
