"""``python -m mlroadmap.linkcheck``: check the resources' URLs online, update the cache, report."""

from __future__ import annotations

import argparse
import asyncio
import ssl
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

from mlroadmap.linkcheck.cache import CacheError, parse_timestamp
from mlroadmap.linkcheck.config import CheckerConfig, parse_http_host
from mlroadmap.linkcheck.models import MAX_AGE_DAYS, ResourceRefLike
from mlroadmap.linkcheck.report import Report, build_report, exit_code, render_json, render_markdown
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
    parser.add_argument(
        "--max-age-days",
        type=float,
        default=float(MAX_AGE_DAYS),
        help=f"re-check entries older than this (default: {MAX_AGE_DAYS}); temporary faults are re-checked every run",
    )
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
        "--only",
        action="append",
        default=[],
        metavar="PAGE",
        help="re-check only the resources cited by this page (relative to the docs directory, e.g. "
        "core-ml/svm.md), whatever their age; repeatable. The rest of the cache is left as it is",
    )
    parser.add_argument(
        "--only-url",
        action="append",
        default=[],
        metavar="URL",
        help="re-check only this cited URL, whatever its age; repeatable (with --only: either)",
    )
    parser.add_argument(
        "--now",
        type=utc_time,
        metavar="TIME",
        help="pretend the check runs at this UTC time (for replays and tests), e.g. 2026-11-20T05:00:00Z",
    )
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


def utc_time(value: str) -> datetime:
    """``--now``: an ISO 8601 time; one without an offset is UTC."""
    try:
        return parse_timestamp(value).astimezone(UTC).replace(microsecond=0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO 8601 time (e.g. 2026-11-20T05:00:00Z)") from None


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
        now=args.now,
    )


def page_path(value: str, docs: Path) -> str:
    """``--only``: a page relative to the docs directory (a path to the file itself works too)."""
    given, root = Path(value), docs.resolve()
    docs_relative = not given.is_absolute() and (docs / given).is_file()
    if not docs_relative and given.is_file() and given.resolve().is_relative_to(root):
        return given.resolve().relative_to(root).as_posix()
    return PurePosixPath(value).as_posix()


def select(
    cited: Sequence[ResourceRefLike], pages: Sequence[str], urls: Sequence[str], docs: Path
) -> tuple[list[ResourceRefLike], list[str]]:
    """The citations ``--only`` and ``--only-url`` pick, and a complaint for each that picks nothing."""
    wanted = {page_path(page, docs): page for page in pages}
    chosen = [ref for ref in cited if ref.page in wanted or ref.url in urls]
    complaints = []
    for page, given in wanted.items():
        if not any(ref.page == page for ref in chosen):
            why = "the page cites no resources" if (docs / page).is_file() else f"no such page under {docs}"
            complaints.append(f"--only {given}: {why}")
    complaints += [f"--only-url {url}: no page cites this URL" for url in urls if all(r.url != url for r in chosen)]
    return chosen, complaints


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (0 fine, 1 broken links, 2 error, 130 interrupted)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    config = config_from_args(args)
    cited: list[ResourceRefLike] = list(collect_resource_refs(args.docs))
    selective = bool(args.only or args.only_url)
    if selective:
        if args.prune:
            parser.error("--prune needs every page: it cannot be combined with --only or --only-url")
        cited, missing = select(cited, args.only, args.only_url, args.docs)
        if missing:
            print("\n".join(f"error: {line}" for line in missing), file=sys.stderr)
            return EXIT_ERROR
    try:
        outcome = asyncio.run(
            refresh_cache(
                (ref.url for ref in cited),
                args.cache,
                config,
                max_age=timedelta(days=args.max_age_days),
                deadline=args.deadline,
                prune=args.prune,
                force=selective,
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
        generated_at=config.clock(),
        requests=outcome.requests,
    )
    if args.report_md is not None:
        args.report_md.parent.mkdir(parents=True, exist_ok=True)
        args.report_md.write_text(render_markdown(report, max_chars=args.report_md_max_chars), encoding="utf-8")
    if args.report_json is not None:
        args.report_json.parent.mkdir(parents=True, exist_ok=True)
        args.report_json.write_text(render_json(report), encoding="utf-8")
    print(summary_line(report, len(cited), len({ref.url for ref in cited}), outcome.elapsed))
    for line in problem_lines(report):
        print(line)
    return exit_code(report)


def summary_line(report: Report, citations: int, urls: int, elapsed: float) -> str:
    """``5 citations of 4 URLs: 1 broken, 3 ok; checked 4 now with 5 requests in 0.3s``."""
    counts = ", ".join(f"{count} {status}" for status, count in report.counts().items() if count)
    return (
        f"{citations} citations of {urls} URLs: {counts or 'none'}; "
        f"checked {report.checked} now with {report.requests} requests in {elapsed:.1f}s"
    )


def problem_lines(report: Report) -> list[str]:
    """One line per broken link, and per temporary fault, with what failed and what to do."""
    lines = []
    for row in report.rows:
        entry = row.entry
        if entry is None or not (row.status == "broken" or (row.status == "unverifiable" and entry.transient)):
            continue
        reason = entry.error or (str(entry.http_status) if entry.http_status is not None else "no detail")
        advice = row.action[:1].lower() + row.action[1:]
        lines.append(f"{row.status}: {row.page}:{row.line}: {row.url}: {reason}; {advice}")
    return lines
