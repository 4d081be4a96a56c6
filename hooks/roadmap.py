"""MkDocs hooks: validate the roadmap's front matter, render its blocks, generate its index.

Thin adapters only: the rules live in the plain-Python package ``mlroadmap`` beside this file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from mlroadmap.boards import notion_markdown, roadmap_csv, trello_lists
from mlroadmap.body import missing_snippets, snippet_finder
from mlroadmap.export import roadmap_json
from mlroadmap.graph import Roadmap, assemble_roadmap
from mlroadmap.load import load_pages
from mlroadmap.navorder import section_rank, section_title, top_level_rank
from mlroadmap.printable import PRINT_PATH, printable_page
from mlroadmap.problems import Problem, log_problems
from mlroadmap.records import PhaseRecord, Record, TopicRecord
from mlroadmap.releases import RELEASED_PATH, release_problems
from mlroadmap.render import (
    INDEX_PATH,
    JSON_PATH,
    phase_footer,
    phase_header,
    roadmap_index,
    topic_footer,
    topic_header,
)
from mlroadmap.sitepaths import project_dir

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.roadmap")

# Pages linked from the roadmap index after the phases, when they exist: (title, docs path).
EXTRA_PAGES = (
    ("Practice projects", "practice-projects.md"),
    ("Tips for fast progress", "tips.md"),
    ("Track the roadmap in Notion, Trello or a spreadsheet", "boards.md"),
)
NOTION_PATH = "downloads/ml-roadmap-notion.md"
NOT_IN_NAV = InclusionLevel.NOT_IN_NAV  # the printable page is linked from the home page only

# Reset on every build: MkDocs keeps hook modules loaded across `mkdocs serve` rebuilds.
_roadmap = Roadmap((), ())


# ----------------------------------------------------------------------------------------------
# Event handlers
# ----------------------------------------------------------------------------------------------
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Load and validate every page, log each problem, and add the generated index, JSON and print page."""
    global _roadmap
    records, problems = load_records(files)
    _roadmap, roadmap_problems = assemble_roadmap(records, {file.src_uri for file in files})
    released = project_dir(config.config_file_path, config.docs_dir) / RELEASED_PATH
    log_problems(log, problems + roadmap_problems + release_problems(_roadmap, released, Path(config.docs_dir)))
    extras = [(title, src) for title, src in EXTRA_PAGES if files.get_file_from_path(src)]
    files.append(File.generated(config, INDEX_PATH, content=roadmap_index(_roadmap, extras)))
    files.append(File.generated(config, JSON_PATH, content=roadmap_json(_roadmap)))
    files.append(
        File.generated(
            config, PRINT_PATH, content=printable_page(_roadmap, config.site_url or ""), inclusion=NOT_IN_NAV
        )
    )
    for path, content in downloads(_roadmap, config.site_url or "").items():
        files.append(File.generated(config, path, content=content))
    return files


def on_post_build(config: MkDocsConfig) -> None:
    """Write the Notion page: as a .md file in docs it would be rendered as a page instead."""
    target = Path(config.site_dir) / NOTION_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(notion_markdown(_roadmap, config.site_url or ""), encoding="utf-8")


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Order the navigation as the roadmap: home, index, phases by number, topics by order."""
    nav.items.sort(key=lambda item: top_level_rank(_nav_key(item), _roadmap))
    for section in (item for item in nav.items if isinstance(item, Section)):
        section.title = section_title([_nav_key(child) for child in section.children], _roadmap) or section.title
        section.children.sort(key=lambda child: section_rank(_nav_key(child), _roadmap))
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Wrap a roadmap page's Markdown in the blocks generated from its front matter."""
    markdown = check_snippets(markdown, page, config)
    record = _roadmap.by_src(page.file.src_uri)
    if isinstance(record, TopicRecord):
        page.meta.setdefault("description", record.topic.summary)
        return topic_header(record, _roadmap) + markdown + "\n\n" + topic_footer(record, _roadmap)
    if isinstance(record, PhaseRecord):
        page.meta.setdefault("description", record.phase.summary)
        return phase_header(record) + markdown + "\n\n" + phase_footer(record, _roadmap)
    return markdown


# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------
def load_records(files: Files) -> tuple[list[Record], list[Problem]]:
    """Parse every Markdown page of the site; return the roadmap records and their problems.

    A page that is not UTF-8 is reported and removed from ``files``: MkDocs would crash on it.
    """
    pages = [f for f in files.documentation_pages() if f.src_uri.endswith(".md") and not f.generated_by]
    loaded = load_pages((file.src_uri, file.content_bytes) for file in pages)
    for file in pages:
        if file.src_uri in loaded.unreadable:
            files.remove(file)
    return loaded.records, loaded.problems


def check_snippets(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """Report and blank snippet includes whose file is missing (pymdownx.snippets would crash)."""
    options = config.mdx_configs.get("pymdownx.snippets", {})
    if "8<" not in markdown or "pymdownx.snippets" not in config.markdown_extensions or not options.get("check_paths"):
        return markdown
    exists = snippet_finder(options.get("base_path", ["."]))
    _, problems = missing_snippets(page.file.src_uri, page.file.content_string, 1, exists)  # lines in the file
    log_problems(log, problems)
    return missing_snippets(page.file.src_uri, markdown, 1, exists)[0] if problems else markdown


def downloads(roadmap: Roadmap, site_url: str) -> dict[str, str]:
    """The roadmap as files to import into trackers, by their path in the site."""
    return {
        "downloads/ml-roadmap.csv": roadmap_csv(roadmap, site_url),
        "downloads/ml-roadmap-trello.txt": trello_lists(roadmap),
    }


def _nav_key(item: object) -> str:
    """A navigation item as the core orders it: a page's src, or the top folder of a section."""
    if isinstance(item, Page):
        return item.file.src_uri
    if isinstance(item, Section):
        first_page = next((child for child in item.children if isinstance(child, Page)), None)
        if first_page is not None:
            return first_page.file.src_uri.split("/")[0]
    return ""
