"""``python -m mlroadmap.linkcheck``: check the resources' URLs online, update the cache, report."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from mlroadmap.linkcheck.cache import CacheError
from mlroadmap.linkcheck.checker import utc_now
from mlroadmap.linkcheck.config import CheckerConfig
from mlroadmap.linkcheck.models import ResourceRefLike
from mlroadmap.linkcheck.report import build_report, exit_code, render_json, render_markdown
from mlroadmap.linkcheck.runner import refresh_cache

EXIT_OK, EXIT_BROKEN, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser() -> argparse.ArgumentParser:
    """The command's options."""
    parser = argparse.ArgumentParser(
        prog="python -m mlroadmap.linkcheck",
        description="Check the resource URLs cited in the docs, update the link status cache and report. "
        "Exits 1 when a link is broken.",
    )
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="docs directory (default: docs)")
    parser.add_argument(
        "--cache", type=Path, default=Path("data/link-status.json"), help="cache file (default: data/link-status.json)"
    )
    parser.add_argument("--max-age-days", type=float, default=7.0, help="re-check entries older than this (default: 7)")
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds for the whole run (default: 600)")
    parser.add_argument("--report-md", type=Path, help="write the Markdown report here")
    parser.add_argument("--report-json", type=Path, help="write the JSON report here")
    parser.add_argument(
        "--report-md-max-chars", type=int, help="cut the Markdown table to fit (e.g. 60000 for an issue)"
    )
    parser.add_argument("--per-host", type=int, default=2, help="concurrent requests per host (default: 2)")
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between requests to a host (default: 0.5)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default: 10)")
    parser.add_argument("--attempts", type=int, default=3, help="tries on 429, 5xx and network errors (default: 3)")
    parser.add_argument("--prune", action="store_true", help="drop cache entries of URLs no page cites")
    return parser


def config_from_args(args: argparse.Namespace, *, allow_http: bool = False) -> CheckerConfig:
    """The checker settings the options ask for."""
    return CheckerConfig(
        per_host=max(1, args.per_host),
        interval=max(0.0, args.interval),
        timeout=args.timeout,
        attempts=max(1, args.attempts),
        allow_http=allow_http,
    )


def collect_refs(docs_dir: Path) -> list[ResourceRefLike]:
    """The resources cited under ``docs_dir``, from ``mlroadmap.load.collect_resource_refs``."""
    from mlroadmap.load import collect_resource_refs

    return list(collect_resource_refs(docs_dir))


def main(
    argv: Sequence[str] | None = None,
    *,
    refs: Sequence[ResourceRefLike] | None = None,
    allow_http: bool = False,
    backoff_initial: float | None = None,
) -> int:
    """Run the command; returns the exit status (0 fine, 1 broken links, 2 error, 130 interrupted).

    ``refs`` replaces collecting from the docs, and ``allow_http`` / ``backoff_initial`` let
    tests check a local plain-HTTP server quickly; the command line sets neither.
    """
    args = build_parser().parse_args(argv)
    config = config_from_args(args, allow_http=allow_http)
    if backoff_initial is not None:
        config = replace(config, backoff_initial=backoff_initial)
    cited = list(refs) if refs is not None else collect_refs(args.docs)
    try:
        outcome = asyncio.run(
            refresh_cache(
                (ref.url for ref in cited),
                args.cache,
                config,
                max_age=timedelta(days=args.max_age_days),
                deadline=args.deadline,
                prune=args.prune,
            )
        )
    except CacheError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"interrupted: finished checks were saved to {args.cache}", file=sys.stderr)
        return EXIT_INTERRUPTED
    report = build_report(
        cited,
        outcome.cache,
        checked=outcome.checked,
        not_checked=outcome.not_checked,
        generated_at=utc_now(),
        requests=outcome.requests,
    )
    if args.report_md is not None:
        args.report_md.parent.mkdir(parents=True, exist_ok=True)
        args.report_md.write_text(render_markdown(report, max_chars=args.report_md_max_chars), encoding="utf-8")
    if args.report_json is not None:
        args.report_json.parent.mkdir(parents=True, exist_ok=True)
        args.report_json.write_text(render_json(report), encoding="utf-8")
    counts = ", ".join(f"{count} {status}" for status, count in report.counts().items() if count)
    print(
        f"{len(cited)} citations of {len(set(ref.url for ref in cited))} URLs: {counts or 'none'}; "
        f"checked {len(outcome.checked)} now with {outcome.requests} requests in {outcome.elapsed:.1f}s"
    )
    for row in report.rows:
        if row.status == "broken":
            print(f"broken: {row.page}:{row.line}: {row.url} ({row.action})")
    return exit_code(report)
