"""``python -m mlroadmap.linkcheck``: check the resources' URLs online, update the cache, report."""

from __future__ import annotations

import argparse
import asyncio
import ssl
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from mlroadmap.linkcheck.cache import CacheError
from mlroadmap.linkcheck.checker import utc_now
from mlroadmap.linkcheck.config import CheckerConfig, parse_http_host
from mlroadmap.linkcheck.models import ResourceRefLike
from mlroadmap.linkcheck.report import build_report, exit_code, render_json, render_markdown
from mlroadmap.linkcheck.runner import refresh_cache
from mlroadmap.load import collect_resource_refs

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
    parser.add_argument(
        "--ca-file",
        type=ca_bundle,
        metavar="PATH",
        help="trust the certificate authorities in this PEM bundle instead of the default ones "
        "(a TLS-inspecting proxy, a staging mirror); SSL_CERT_FILE does the same from the environment",
    )
    parser.add_argument(
        "--allow-http-host",
        type=http_host,
        action="append",
        default=[],
        metavar="HOST[:PORT]",
        help="also check plain http:// URLs on this host (any port) or host and port, "
        "e.g. a staging mirror or a local server; repeatable (default: https only)",
    )
    return parser


def ca_bundle(value: str) -> Path:
    """``--ca-file``: a readable PEM bundle of certificate authorities."""
    path = Path(value)
    try:
        ssl.create_default_context(cafile=path)
    except (OSError, ssl.SSLError) as error:
        raise argparse.ArgumentTypeError(f"cannot use {value} as a CA bundle: {error}") from None
    return path


def http_host(value: str) -> str:
    """``--allow-http-host``: ``HOST`` or ``HOST:PORT``, normalised."""
    try:
        return parse_http_host(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def config_from_args(args: argparse.Namespace) -> CheckerConfig:
    """The checker settings the options ask for."""
    return CheckerConfig(
        per_host=max(1, args.per_host),
        interval=max(0.0, args.interval),
        timeout=args.timeout,
        attempts=max(1, args.attempts),
        allow_http_hosts=frozenset(args.allow_http_host),
        ca_file=args.ca_file,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (0 fine, 1 broken links, 2 error, 130 interrupted)."""
    args = build_parser().parse_args(argv)
    config = config_from_args(args)
    cited: list[ResourceRefLike] = list(collect_resource_refs(args.docs))
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
