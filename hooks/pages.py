"""MkDocs hooks: run the Python blocks of topic pages, and show their outputs and glued values.

Thin adapters only: the work lives in ``mlroadmap.notebooks.pages`` (and ``markdown``,
``outputs``) and ``mlroadmap.glue``. The notebook pipeline's settings apply
(``NotebookSettings.from_env``); the pages' cache is the ``pages`` folder of the notebook cache.
"""

from __future__ import annotations

import functools
import logging
import os
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mlroadmap.glue import substitute, unknown_references
from mlroadmap.load import load_pages
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
from mlroadmap.notebooks.pipeline import DURATIONS, LookupMemo, execute_notebooks, load_durations
from mlroadmap.notebooks.report import report_json, report_table
from mlroadmap.notebooks.settings import NotebookSettings
from mlroadmap.problems import Problem, log_problems
from mlroadmap.records import TopicRecord
from mlroadmap.render import JSON_PATH
from mlroadmap.sitepaths import project_dir

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.pages")

REPORT_PATH = "notebooks/page-execution-report.json"

# Reset in on_files on every build (MkDocs keeps hook modules loaded under `mkdocs serve`).
_pages: dict[str, PageSource] = {}
_executed: dict[str, ExecutedPage] = {}
# Kept across `mkdocs serve` rebuilds on purpose: they answer only for pages whose text, code and inputs
# did not change, so a rebuild parses and looks up only the pages that changed.
_lookups = LookupMemo()
_read_page = functools.lru_cache(maxsize=512)(read_page)


# ----------------------------------------------------------------------------------------------
# Event handlers
# ----------------------------------------------------------------------------------------------
@event_priority(-50)  # after hooks/roadmap.py has generated roadmap.json, which this completes
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Run the topic pages' blocks (cached, in parallel), check glue, add figures and stats."""
    _pages.clear()
    _executed.clear()
    problems: list[Problem] = []
    pages = [f for f in files.documentation_pages() if f.src_uri.endswith(".md") and not f.generated_by]
    dest = {file.src_uri: file.dest_uri for file in pages}
    topics = load_pages((file.src_uri, file.content_bytes) for file in pages).records  # parsed once per build
    for record in (r for r in topics if isinstance(r, TopicRecord)):
        body, first_line = record.front.body, record.front.body_start_line
        _pages[record.src] = _read_page(record.src, body, first_line, dest[record.src])
        problems += _unrunnable_problems(record.src, body, first_line)
    if settings_of(config).enabled:
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
    settings = settings_of(config)
    root = settings.cache_root
    runnable = [page for page in _pages.values() if page.running]
    sources = [notebook_source(page, root / "sources") for page in runnable]
    result = execute_notebooks(sources, settings, memo=_lookups)
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


@functools.lru_cache(maxsize=512)
def _unrunnable_problems(src: str, body: str, first_line: int) -> tuple[Problem, ...]:
    return tuple(unrunnable_problems(src, body, first_line))


def settings_of(config: MkDocsConfig) -> NotebookSettings:
    """The notebook pipeline's settings, with the pages' own cache: the ``pages`` folder of its cache."""
    return NotebookSettings.from_env(os.environ, project_dir(config.config_file_path, config.docs_dir)).for_pages()
