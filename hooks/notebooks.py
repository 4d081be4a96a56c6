"""MkDocs hooks: execute notebooks before pages render, and slim the pages mkdocs-jupyter makes.

Thin adapters only: the pipeline lives in ``mlroadmap.notebooks``. Knobs, for tests and the
benchmark: ``ROADMAP_NOTEBOOKS=off`` skips execution (the renderer then shows stored notebooks);
``ROADMAP_NOTEBOOK_CACHE``, ``ROADMAP_NOTEBOOK_WORKERS``, ``ROADMAP_CELL_TIMEOUT`` and
``ROADMAP_NOTEBOOK_DEADLINE`` override the cache folder, parallelism and time limits.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import nbformat
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mlroadmap.notebooks.execute import DEFAULT_CELL_TIMEOUT, DEFAULT_DEADLINE, NotebookRun
from mlroadmap.notebooks.pipeline import NotebookSource, execute_notebooks, write_rendered
from mlroadmap.notebooks.report import report_json, report_table
from mlroadmap.notebooks.slim import slim_cached
from mlroadmap.problems import Problem, log_problems

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.notebooks")

REPORT_PATH = "notebooks/execution-report.json"
CONFLICT_MARKERS = ("<<<<<<< ", "=======", ">>>>>>> ")
COLAB = "https://colab.research.google.com/github/{repo}/blob/{branch}/{path}"

# Reset in on_files on every build (MkDocs keeps hook modules loaded under `mkdocs serve`).
_runs: dict[str, NotebookRun] = {}


# ----------------------------------------------------------------------------------------------
# Event handlers
# ----------------------------------------------------------------------------------------------
@event_priority(50)  # before mkdocs-jupyter's on_files, so it renders the executed notebooks
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Execute stale notebooks (in parallel, cached) and point their pages at the results."""
    _runs.clear()
    if os.environ.get("ROADMAP_NOTEBOOKS", "on") == "off":
        return files
    notebooks = [f for f in files if f.src_uri.endswith(".ipynb") and f.abs_src_path and not f.generated_by]
    sources = [NotebookSource(f.src_uri, Path(f.abs_src_path or "")) for f in notebooks]
    unreadable = [p for s in sources if (p := unreadable_problem(s.src, s.path))]
    result = execute_notebooks(
        [s for s in sources if s.src not in {p.path for p in unreadable}],
        cache_root=cache_root(config),
        workers=int(os.environ.get("ROADMAP_NOTEBOOK_WORKERS", "0")),
        cell_timeout=int(os.environ.get("ROADMAP_CELL_TIMEOUT", str(DEFAULT_CELL_TIMEOUT))),
        deadline=float(os.environ.get("ROADMAP_NOTEBOOK_DEADLINE", str(DEFAULT_DEADLINE))),
    )
    log_problems(log, unreadable + result.problems)
    if result.runs:
        log.info("Notebook execution report:\n%s", report_table(result.runs))
    _runs.update({run.src: run for run in result.runs})
    for file in notebooks:
        if file.src_uri not in result.rendered and file.src_uri not in _runs:
            # Not JSON, or its data is missing: reported above. Render a stub in its place, since
            # mkdocs-jupyter would crash on a file that is not a notebook.
            write_rendered(result.rendered_root / file.src_uri, placeholder_notebook())
        elif file.src_uri not in result.rendered:
            continue
        # A File rooted in the folder of executed copies (not File.generated: mkdocs-jupyter's
        # NotebookFile wrapper loses a generated file's abs_src_path).
        files.remove(file)
        files.append(File(file.src_uri, str(result.rendered_root), config.site_dir, config.use_directory_urls))
    files.append(File.generated(config, REPORT_PATH, content=report_json(result.runs)))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Slim a notebook page, write its figures beside it, and add its download and Colab links."""
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    stem = posixpath.splitext(posixpath.basename(page.file.src_uri))[0]
    slim, figures = slim_cached(html, stem, cache_root(config) / "slim")
    folder = Path(config.site_dir) / posixpath.dirname(page.file.dest_uri)
    folder.mkdir(parents=True, exist_ok=True)
    for figure in figures:
        (folder / figure.name).write_bytes(figure.data)
    return actions_bar(page.file.src_uri, config, _runs.get(page.file.src_uri)) + slim


# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------
def cache_root(config: MkDocsConfig) -> Path:
    """Where executed notebooks are cached: ``.cache/notebooks`` beside mkdocs.yml."""
    override = os.environ.get("ROADMAP_NOTEBOOK_CACHE")
    return Path(override) if override else Path(config.config_file_path).parent / ".cache" / "notebooks"


def actions_bar(src_uri: str, config: MkDocsConfig, run: NotebookRun | None) -> str:
    """Download and Open-in-Colab links, and when and how the outputs were produced."""
    name = posixpath.basename(src_uri)
    links = [f'<a class="md-button" href="{name}" download>Download notebook</a>']
    colab = colab_url(config.repo_url or "", src_uri, config.docs_dir, config.config_file_path)
    if colab:
        links.append(f'<a class="md-button" href="{colab}">Open in Colab</a>')
    status = ""
    if run is not None and run.ok:
        how = "reused from the execution cache" if run.status == "cached" else f"executed in {run.seconds:.1f} s"
        status = f'<span class="nb-status">Outputs produced when the site was built ({how}).</span>'
    return f'<div class="nb-actions" data-search-exclude>{" ".join(links)} {status}</div>\n'


def colab_url(repo_url: str, src_uri: str, docs_dir: str, config_file: str | None, branch: str = "main") -> str:
    """The Colab URL of a notebook in a GitHub repository, or '' when the repo is not on GitHub."""
    parts = urlsplit(repo_url)
    if parts.netloc != "github.com":
        return ""
    repo = parts.path.strip("/").removesuffix(".git")
    root = Path(config_file).parent if config_file else Path(docs_dir).parent
    docs = Path(docs_dir).resolve().relative_to(root.resolve()).as_posix()
    return COLAB.format(repo=repo, branch=branch, path=f"{docs}/{src_uri}")


def unreadable_problem(src: str, path: Path) -> Problem | None:
    """A notebook file that is not JSON (a merge conflict, a broken hand edit), with its line."""
    try:
        json.loads(path.read_bytes())
    except UnicodeDecodeError:
        return Problem(src, None, "is not UTF-8 text", "open it in Jupyter and save it again")
    except json.JSONDecodeError as error:
        lines = error.doc.splitlines()
        conflict = next((n for n, line in enumerate(lines, 1) if line.startswith(CONFLICT_MARKERS)), None)
        if conflict is not None:
            fix = "resolve the merge conflict: keep one side of it and delete the <<<<<<<, ======= and >>>>>>> lines"
            return Problem(src, conflict, "has merge conflict markers, so it is not valid JSON", fix)
        fix = "undo the hand edit, or open the notebook in Jupyter and save it again"
        return Problem(src, error.lineno, f"is not valid JSON: {error.msg}", fix)
    return None


def placeholder_notebook() -> nbformat.NotebookNode:
    """What a notebook that could not be read or run shows instead: a pointer to the build log."""
    text = "This notebook could not be built: the build log says why."
    cell = {"cell_type": "markdown", "id": "not-built", "metadata": {}, "source": text}
    return nbformat.NotebookNode({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
