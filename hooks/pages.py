"""MkDocs hooks: run the Python blocks of topic pages, and show their outputs and glued values.

Thin adapters only: the work lives in ``mlroadmap.notebooks.pages`` (and ``markdown``,
``outputs``) and ``mlroadmap.glue``. Uses the notebook pipeline's knobs (``ROADMAP_NOTEBOOKS=off``,
``ROADMAP_NOTEBOOK_CACHE``, ``ROADMAP_NOTEBOOK_WORKERS``, ``ROADMAP_CELL_TIMEOUT``,
``ROADMAP_NOTEBOOK_DEADLINE``); the pages' cache is the ``pages`` folder of the notebook cache.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mlroadmap.glue import substitute, unknown_references
from mlroadmap.load import TopicRecord, load_bytes
from mlroadmap.notebooks.execute import DEFAULT_CELL_TIMEOUT, DEFAULT_DEADLINE
from mlroadmap.notebooks.markdown import unrunnable_problems
from mlroadmap.notebooks.pages import (
    ExecutedPage,
    PageSource,
    executed_page,
    figure_files,
    inject_outputs,
    notebook_source,
    page_stats,
    read_page,
    with_execution_stats,
)
from mlroadmap.notebooks.pipeline import DURATIONS, execute_notebooks, load_durations
from mlroadmap.notebooks.report import report_json, report_table
from mlroadmap.problems import Problem, log_problems
from mlroadmap.render import JSON_PATH

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.pages")

REPORT_PATH = "notebooks/page-execution-report.json"

# Reset in on_files on every build (MkDocs keeps hook modules loaded under `mkdocs serve`).
_pages: dict[str, PageSource] = {}
_executed: dict[str, ExecutedPage] = {}


# ----------------------------------------------------------------------------------------------
# Event handlers
# ----------------------------------------------------------------------------------------------
@event_priority(-50)  # after hooks/roadmap.py has generated roadmap.json, which this completes
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Run the topic pages' blocks (cached, in parallel), check glue, add figures and stats."""
    _pages.clear()
    _executed.clear()
    problems: list[Problem] = []
    for file in files.documentation_pages():
        record, _ = load_bytes(file.src_uri, file.content_bytes) if not file.generated_by else (None, [])
        if isinstance(record, TopicRecord):
            body, first_line = record.front.body, record.front.body_start_line
            _pages[file.src_uri] = read_page(file.src_uri, body, first_line, file.dest_uri)
            problems += unrunnable_problems(file.src_uri, body, first_line)
    if os.environ.get("ROADMAP_NOTEBOOKS", "on") != "off":
        problems += execute_pages(files, config)
    log_problems(log, problems)
    return files


@event_priority(-50)  # after hooks/roadmap.py has wrapped the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put glued values in the prose and each block's outputs under it."""
    source = _pages.get(page.file.src_uri)
    if source is None:
        return markdown
    executed = _executed.get(page.file.src_uri)
    markdown = markdown.replace("\r\n", "\n")  # blocks were read with LF line endings
    markdown = substitute(markdown, executed.glue if executed else {})
    return inject_outputs(markdown, source, executed) if executed else markdown


# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------
def execute_pages(files: Files, config: MkDocsConfig) -> list[Problem]:
    """Execute the pages with Python blocks; collect outputs, figures, glue and their problems."""
    root = cache_root(config)
    runnable = [page for page in _pages.values() if page.running]
    result = execute_notebooks(
        [notebook_source(page, root / "sources") for page in runnable],
        cache_root=root,
        workers=int(os.environ.get("ROADMAP_NOTEBOOK_WORKERS", "0")),
        cell_timeout=int(os.environ.get("ROADMAP_CELL_TIMEOUT", str(DEFAULT_CELL_TIMEOUT))),
        deadline=float(os.environ.get("ROADMAP_NOTEBOOK_DEADLINE", str(DEFAULT_DEADLINE))),
    )
    failed = {run.src for run in result.runs if not run.ok}
    problems = [p for p in result.problems if p.path not in failed]  # re-located below, at the block
    durations = load_durations(root / DURATIONS)
    for run in result.runs:
        page = _pages[run.src]
        seconds = run.seconds if run.status != "cached" else durations.get(run.src, 0.0)
        executed, found = executed_page(page, run, seconds)
        _executed[run.src] = executed
        problems += found
        for path, data in figure_files(page, executed).items():
            files.append(File.generated(config, path, content=data))
    for page in _pages.values():
        done = _executed.get(page.src)
        if done is None or done.ok:  # a failed page is reported once, by its failure
            problems += unknown_references(page.src, list(page.references), done.glue if done else {})
    if result.runs:
        log.info("Page execution report:\n%s", report_table(result.runs))
    files.append(File.generated(config, REPORT_PATH, content=report_json(result.runs)))
    roadmap = files.get_file_from_path(JSON_PATH)
    if roadmap is not None:
        stats = {src: page_stats(page, _executed.get(src)) for src, page in _pages.items()}
        roadmap.content_string = with_execution_stats(roadmap.content_string, stats)
    return problems


def cache_root(config: MkDocsConfig) -> Path:
    """Where executed pages are cached: the ``pages`` folder of the notebook cache."""
    override = os.environ.get("ROADMAP_NOTEBOOK_CACHE")
    base = Path(override) if override else Path(config.config_file_path).parent / ".cache" / "notebooks"
    return base / "pages"
