"""MkDocs hooks: the coding exercises of topic pages, validated, checked, rendered and published.

Thin adapters only: the format lives in ``mlroadmap.exercises``, the build's checks of each
exercise in ``mlroadmap.exerciseverify`` (run by the notebook pipeline, cached, in the
``exercises`` folder of the notebook cache), the learner's notebook in
``mlroadmap.exercisenotebook`` and the cards in ``mlroadmap.exerciserender``. Listed after
``hooks/roadmap.py`` in mkdocs.yml, so the cards go into the page that hook has wrapped.
"""

from __future__ import annotations

import logging
import os
import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils.yaml import yaml_load

from mlroadmap.exercisenotebook import NOTEBOOK_DIR, notebook_path, orphan_problems, stale_problem, topic_notebook
from mlroadmap.exerciserender import notebook_links, render_exercise, with_exercises
from mlroadmap.exercises import PageExercise, page_exercises
from mlroadmap.exerciseverify import verification_problems, verification_source
from mlroadmap.load import TopicRecord, load_pages
from mlroadmap.notebooks.pipeline import execute_notebooks
from mlroadmap.notebooks.settings import NotebookSettings
from mlroadmap.problems import Problem, log_problems
from mlroadmap.sitepaths import colab_url, project_dir

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.exercises")


@dataclass(frozen=True)
class PageEntry:
    """A topic page's exercises: one per block, None for a block with mistakes."""

    record: TopicRecord
    items: list[PageExercise | None]

    @property
    def valid(self) -> list[PageExercise]:
        """The exercises without mistakes, in page order."""
        return [item for item in self.items if item is not None]


# Reset on every build: MkDocs keeps hook modules loaded across `mkdocs serve` rebuilds.
_pages: dict[str, PageEntry] = {}


# ----------------------------------------------------------------------------------------------
# Event handlers
# ----------------------------------------------------------------------------------------------
@event_priority(-60)  # after mkdocs-jupyter's on_files: the notebooks are downloads, not pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate and check every exercise, publish each page's notebook, and check the committed copies."""
    _pages.clear()
    problems = read_exercises(files, required=bool(config.extra.get("exercises_required", False)))
    settings = settings_of(config)
    if settings.enabled:
        problems += verify(settings)
    broken = {problem.path for problem in problems}
    project = project_dir(config.config_file_path, config.docs_dir)
    for src, entry in _pages.items():
        if not entry.valid:
            continue
        text = topic_notebook(entry.record, entry.valid, published_site_url(config))
        files.append(File.generated(config, notebook_path(entry.record.id), content=text))
        if src not in broken:  # a page with mistakes is reported once, by its mistakes
            stale = stale_problem(src, entry.record.id, entry.valid[0].line, text, project)
            problems += [stale] if stale else []
    problems += orphan_problems(project, (entry.record.id for entry in _pages.values()))
    log_problems(log, problems)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace a topic page's exercise blocks with their cards, the notebook's links before the first."""
    entry = _pages.get(page.file.src_uri)
    if entry is None:
        return markdown
    cards = [render_exercise(item, n) if item else None for n, item in enumerate(entry.items, start=1)]
    path = notebook_path(entry.record.id)
    download = posixpath.relpath(path, posixpath.dirname(page.file.dest_uri) or ".")
    project = project_dir(config.config_file_path, config.docs_dir)
    colab = colab_url(config.repo_url or "", posixpath.basename(path), project / NOTEBOOK_DIR, project)
    return with_exercises(markdown, cards, notebook_links(download, colab) if entry.valid else "")


# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------
def read_exercises(files: Files, required: bool) -> list[Problem]:
    """Find and validate every topic page's exercises (kept in ``_pages``); their problems.

    With ``required`` (mkdocs.yml's ``extra.exercises_required``), a topic page without exercises
    is a problem too.
    """
    pages = [f for f in files.documentation_pages() if f.src_uri.endswith(".md") and not f.generated_by]
    records = load_pages((file.src_uri, file.content_bytes) for file in pages).records
    problems: list[Problem] = []
    for record in sorted((r for r in records if isinstance(r, TopicRecord)), key=lambda r: r.src):
        items, found = page_exercises(record.src, record.front.body, record.front.body_start_line, required)
        problems += found
        if items:
            _pages[record.src] = PageEntry(record, items)
    return problems


def verify(settings: NotebookSettings) -> list[Problem]:
    """Run every valid exercise's check on its solution and on its starter (cached, in parallel)."""
    entries = {src: entry for src, entry in _pages.items() if entry.valid}
    sources = [verification_source(src, entry.valid, settings.cache_root / "sources") for src, entry in entries.items()]
    result = execute_notebooks(sources, settings)
    problems = [problem for problem in result.problems if problem.path not in {run.src for run in result.runs}]
    for run in result.runs:
        problems += verification_problems(run.src, entries[run.src].valid, run)
    return problems


def published_site_url(config: MkDocsConfig) -> str:
    """The site's address as mkdocs.yml publishes it, which the committed notebooks link back to.

    A build for another address (a local server, the offline copy) links to the same published
    pages, so the committed notebooks stay current whatever ``site_url`` a build overrides.
    """
    site = yaml_load((project_dir(config.config_file_path, config.docs_dir) / "mkdocs.yml").read_text(encoding="utf-8"))
    return str(site.get("site_url") or config.site_url or "")


def settings_of(config: MkDocsConfig) -> NotebookSettings:
    """The notebook pipeline's settings, with a cache of its own: the ``exercises`` folder of its cache."""
    settings = NotebookSettings.from_env(os.environ, project_dir(config.config_file_path, config.docs_dir))
    return settings.for_exercises()
