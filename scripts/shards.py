"""Sharded cold builds: execute one shard's share of the notebooks and pages, or merge shard caches.

    ./run build --shard I/N [--export DIR]   # python scripts/shards.py execute --shard I/N
    ./run merge-cache DIR... [--into CACHE]  # python scripts/shards.py merge DIR...

``execute`` runs, into the notebook cache (``ROADMAP_NOTEBOOK_CACHE``, default
``.cache/notebooks``), only the notebooks and topic pages with Python blocks that shard I of N
owns, and builds no site: the pages of the other shards have no outputs yet, so a site built now
could not pass the strict build. Which shard owns a page depends only on the docs and the seconds
each page took when last run (``mlroadmap.notebooks.shards``), so every shard must start from the
same cache: on CI each runner restores the same one; locally, give each shard its own copy.
``--export DIR`` also writes the entries this shard added to ``DIR``, a small cache to upload.

``merge`` copies the entries of the given caches into the build's cache (or ``--into``); the
strict build (``./run build``) then executes nothing. Exit status 1 when a run failed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from mlroadmap.exercises import valid_exercises  # noqa: E402 (after the path set-up above)
from mlroadmap.exerciseverify import verification_source  # noqa: E402
from mlroadmap.load import load_pages  # noqa: E402
from mlroadmap.notebooks.merge import cache_keys, merge_caches  # noqa: E402
from mlroadmap.notebooks.pages import notebook_source, read_page  # noqa: E402
from mlroadmap.notebooks.pipeline import (  # noqa: E402
    DURATIONS,
    NotebookSource,
    PipelineResult,
    estimate_seconds,
    execute_notebooks,
    load_durations,
)
from mlroadmap.notebooks.report import report_table  # noqa: E402
from mlroadmap.notebooks.settings import NotebookSettings  # noqa: E402
from mlroadmap.notebooks.shards import Shard, loads, share  # noqa: E402
from mlroadmap.records import TopicRecord  # noqa: E402


def docs_sources(config_file: Path, settings: NotebookSettings) -> DocsSources:
    """The notebooks, the runnable topic pages and the exercise checks of the site, as the build's hooks find them.

    MkDocs lists the files (honouring ``exclude_docs``); the pages' notebooks are written under
    the pages' cache, as ``hooks/pages.py`` writes them, for the pipeline to run.
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(config_file))
    files = get_files(config)
    notebooks = [NotebookSource(f.src_uri, Path(f.abs_src_path or "")) for f in files if f.src_uri.endswith(".ipynb")]
    markdown = [f for f in files.documentation_pages() if f.src_uri.endswith(".md")]
    dest = {f.src_uri: f.dest_uri for f in markdown}
    records = load_pages((f.src_uri, f.content_bytes) for f in markdown).records
    topics = [record for record in records if isinstance(record, TopicRecord)]
    root = settings.for_pages().cache_root / "sources"
    pages = [
        notebook_source(page, root)
        for record in topics
        if (page := read_page(record.src, record.front.body, record.front.body_start_line, dest[record.src])).running
    ]
    checks_root = settings.for_exercises().cache_root / "sources"
    exercises = [
        verification_source(record.src, valid, checks_root) for record in topics if (valid := valid_exercises(record))
    ]
    return DocsSources(notebooks, pages, exercises)


@dataclass(frozen=True)
class DocsSources:
    """What a cold build executes, by kind: each kind has its own cache folder and durations."""

    notebooks: list[NotebookSource]
    pages: list[NotebookSource]
    exercises: list[NotebookSource]


EXERCISES_KEY = "exercises:"
"""Prefix of an exercise check's key in the shard assignment: its page's own key is the page's code."""


def expected_seconds(sources: Sequence[NotebookSource], durations: dict[str, float]) -> dict[str, float]:
    """Seconds each source took when last executed, or the pipeline's estimate from its code."""
    expected: dict[str, float] = {}
    for source in sources:
        if source.src in durations:
            expected[source.src] = durations[source.src]
            continue
        try:
            expected[source.src] = estimate_seconds(nbformat.read(source.path, as_version=4))
        except Exception:  # an unreadable notebook: the pipeline reports it; it costs nothing to run
            expected[source.src] = 0.0
    return expected


def execute(shard: Shard, config_file: Path, export: Path | None) -> int:
    """Execute this shard's share into the cache; export what it added; 1 when a run failed."""
    settings = NotebookSettings.from_env(os.environ, config_file.parent)
    if not settings.enabled:
        print(f"shard {shard}: notebook execution is off (ROADMAP_NOTEBOOKS=off): nothing to do")
        return 0
    pages_settings, exercises_settings = settings.for_pages(), settings.for_exercises()
    sources = docs_sources(config_file, settings)
    expected = expected_seconds(sources.notebooks, load_durations(settings.cache_root / DURATIONS))
    expected |= expected_seconds(sources.pages, load_durations(pages_settings.cache_root / DURATIONS))
    checks = expected_seconds(sources.exercises, load_durations(exercises_settings.cache_root / DURATIONS))
    expected |= {EXERCISES_KEY + src: seconds for src, seconds in checks.items()}
    mine = share(expected, shard)
    before = cache_keys(settings.cache_root) if export else frozenset()
    print(
        f"shard {shard}: {len(mine)} of {len(expected)} notebooks, pages and exercise checks, expected "
        f"{loads(expected, shard.count)[shard.index - 1]:.0f} s of {sum(expected.values()):.0f} s",
        flush=True,
    )
    results = [
        execute_notebooks([s for s in sources.notebooks if s.src in mine], settings, _say),
        execute_notebooks([s for s in sources.pages if s.src in mine], pages_settings, _say),
        execute_notebooks([s for s in sources.exercises if EXERCISES_KEY + s.src in mine], exercises_settings, _say),
    ]
    runs = [run for result in results for run in result.runs]
    if any(run.status != "cached" for run in runs):
        print(report_table(runs))
    failed = _print_problems(results)
    if export is not None:
        report = merge_caches(export, [settings.cache_root], exclude=before)
        print(f"shard {shard}: exported {report.copied} new cache entries to {export}")
    return 1 if failed else 0


def merge(sources: Sequence[Path], into: Path | None) -> int:
    """Merge the shard caches into the build's cache (or ``into``)."""
    target = into or NotebookSettings.from_env(os.environ, REPO).cache_root
    missing = [str(source) for source in sources if not source.is_dir()]
    if missing:
        print(f"merge-cache: no such cache folder: {', '.join(missing)}", file=sys.stderr)
        return 1
    report = merge_caches(target, sources)
    print(f"merge-cache: {report.copied} entries copied into {target}, {report.present} already there")
    return 0


def _shard(text: str) -> Shard:
    try:
        return Shard.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _say(line: str) -> None:
    print(line, flush=True)


def _print_problems(results: Sequence[PipelineResult]) -> bool:
    """Print every problem of the runs; whether any run failed."""
    for result in results:
        for problem in result.problems:
            print(problem, file=sys.stderr)
    return any(not run.ok for result in results for run in result.runs)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``execute`` or ``merge``."""
    parser = argparse.ArgumentParser(prog="scripts/shards.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("execute", help="execute one shard's share into the cache (no site)")
    run.add_argument("--shard", type=_shard, required=True, help="I/N: this shard's number and the count")
    run.add_argument("--config-file", type=Path, default=REPO / "mkdocs.yml")
    run.add_argument("--export", type=Path, help="also write the entries this shard added to this folder")
    join = commands.add_parser("merge", help="merge shard caches into the build's cache")
    join.add_argument("sources", type=Path, nargs="+", help="caches written by shards (--export folders)")
    join.add_argument("--into", type=Path, help="default: ROADMAP_NOTEBOOK_CACHE or .cache/notebooks")
    args = parser.parse_args(argv)
    if args.command == "execute":
        return execute(args.shard, args.config_file.resolve(), args.export)
    return merge(args.sources, args.into)


if __name__ == "__main__":
    sys.exit(main())
