"""MkDocs hooks: execute notebooks before pages render, and slim the pages mkdocs-jupyter makes.

Thin adapters only: the pipeline lives in ``mlroadmap.notebooks``, and the environment variables
that configure it (``ROADMAP_NOTEBOOKS=off``, ``ROADMAP_NOTEBOOK_CACHE``, ...) are read by
:class:`mlroadmap.notebooks.settings.NotebookSettings`.

The log stays quiet: mkdocs-jupyter's line per notebook ("Copied jupyter file", "Cache hit",
"Converting notebook") shows only with ``ROADMAP_VERBOSE=1`` or ``mkdocs -v``, and the execution
report's table only when a notebook ran (its one-line total always shows).
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mlroadmap.notebooks.actions import actions_bar
from mlroadmap.notebooks.execute import NotebookRun
from mlroadmap.notebooks.pipeline import LookupMemo, NotebookSource, build_notebooks
from mlroadmap.notebooks.report import report_json, report_table
from mlroadmap.notebooks.settings import NotebookSettings
from mlroadmap.notebooks.slim import slim_cached
from mlroadmap.problems import log_problems
from mlroadmap.sitepaths import colab_url, project_dir

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.notebooks")

REPORT_PATH = "notebooks/execution-report.json"
VERBOSE_VARIABLE = "ROADMAP_VERBOSE"
# mkdocs-jupyter's loggers, which log a line per notebook and per build step at INFO.
RENDERER_LOGGERS = ("mkdocs.plugins.mkdocs_jupyter", "mkdocs.mkdocs-jupyter")

# Reset in on_files on every build (MkDocs keeps hook modules loaded under `mkdocs serve`).
_runs: dict[str, NotebookRun] = {}
# Kept across `mkdocs serve` rebuilds on purpose: it answers only for notebooks whose inputs did not change.
_lookups = LookupMemo()


# ----------------------------------------------------------------------------------------------
# Event handlers
# ----------------------------------------------------------------------------------------------
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Keep the renderer's per-notebook lines out of the log unless asked for."""
    verbose = os.environ.get(VERBOSE_VARIABLE, "") not in ("", "0") or logging.getLogger("mkdocs").isEnabledFor(
        logging.DEBUG
    )
    for name in RENDERER_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.WARNING)
    return config


@event_priority(50)  # before mkdocs-jupyter's on_files, so it renders the executed notebooks
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Execute stale notebooks (in parallel, cached) and point their pages at the results."""
    _runs.clear()
    settings = settings_of(config)
    if not settings.enabled:
        return files
    notebooks = [f for f in files if f.src_uri.endswith(".ipynb") and f.abs_src_path and not f.generated_by]
    sources = [NotebookSource(f.src_uri, Path(f.abs_src_path or "")) for f in notebooks]
    result = build_notebooks(sources, settings, log.info, _lookups)
    log_problems(log, result.problems)
    if any(run.status != "cached" for run in result.runs):
        log.info("Notebook execution report:\n%s", report_table(result.runs))
    elif result.runs:
        log.info(report_table(result.runs).splitlines()[-1])
    _runs.update({run.src: run for run in result.runs})
    for file in (f for f in notebooks if f.src_uri in result.rendered):
        # A File rooted in the folder of executed copies (not File.generated: mkdocs-jupyter's
        # NotebookFile wrapper loses a generated file's abs_src_path).
        files.remove(file)
        files.append(File(file.src_uri, str(result.rendered_root), config.site_dir, config.use_directory_urls))
    files.append(File.generated(config, REPORT_PATH, content=report_json(result.runs)))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Slim a notebook page, write its figures beside it, and add its download and Colab links."""
    src = page.file.src_uri
    if not src.endswith(".ipynb"):
        return html
    stem = posixpath.splitext(posixpath.basename(src))[0]
    slim, figures = slim_cached(html, stem, settings_of(config).cache_root / "slim")
    folder = Path(config.site_dir) / posixpath.dirname(page.file.dest_uri)
    folder.mkdir(parents=True, exist_ok=True)
    for figure in figures:
        (folder / figure.name).write_bytes(figure.data)
    project = project_dir(config.config_file_path, config.docs_dir)
    colab = colab_url(config.repo_url or "", src, Path(config.docs_dir), project)
    return actions_bar(src, colab, _runs.get(src)) + slim


# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------


def settings_of(config: MkDocsConfig) -> NotebookSettings:
    """The notebook settings the environment asks for, for this project."""
    return NotebookSettings.from_env(os.environ, project_dir(config.config_file_path, config.docs_dir))
