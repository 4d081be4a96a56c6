"""MkDocs hooks: offline link checks in every build, and what readers see of the online checks.

- Resources the committed link status cache (``data/link-status.json``, refreshed by the
  scheduled online checker) last saw broken fail the build, naming the page, line and resource.
- The "Resource health" page is generated in memory from that cache, and each page's listed
  resources that are unverifiable or redirected right now get a quiet marker linking to it.
- Internal links and anchors of pages MkDocs does not validate itself (notebook pages rendered
  by mkdocs-jupyter) are checked on the built HTML.

Thin adapters only: the checks and the page live in ``mlroadmap.linkcheck``.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mlroadmap.linkcheck import CacheEntry, CacheError, check_internal_links, known_dead, load_cache
from mlroadmap.linkcheck.health import HEALTH_PATH, citations, health_page
from mlroadmap.linkcheck.markers import mark_resources, markers_for
from mlroadmap.load import load_pages, read_docs
from mlroadmap.problems import log_problems
from mlroadmap.records import resource_refs
from mlroadmap.sitepaths import project_dir

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.links")

CACHE_PATH = Path("data") / "link-status.json"
GUIDE_PATH = "contributing/index.md"  # its "Checking resource links" section explains the statuses
UNVALIDATED_SOURCES = (".ipynb",)  # MkDocs validates links of Markdown pages itself

# Reset in on_files on every build (MkDocs keeps hook modules loaded under `mkdocs serve`).
_pages: dict[str, str] = {}
_sources: dict[str, str] = {}
_site_files: set[str] = set()
_cache: dict[str, CacheEntry] = {}
_cited: dict[str, list[str]] = {}  # page src -> the resource URLs it cites


# ----------------------------------------------------------------------------------------------
# Event handlers
# ----------------------------------------------------------------------------------------------
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Fail on resources the link status cache knows are dead; add the Resource health page."""
    for state in (_pages, _sources, _site_files, _cache, _cited):
        state.clear()
    records = load_pages(read_docs(Path(config.docs_dir))).records
    cited = citations(records)
    for citation in cited:
        _cited.setdefault(citation.page, []).append(citation.url)
    try:
        _cache.update(load_cache(project_dir(config.config_file_path, config.docs_dir) / CACHE_PATH))
    except CacheError as error:
        log.warning(f"{CACHE_PATH}: {error} (restore it from git, or delete it to start an empty cache)")
    else:
        log_problems(log, known_dead(_cache, [ref for record in records for ref in resource_refs(record)]))
    guide = GUIDE_PATH if files.get_file_from_path(GUIDE_PATH) else None
    files.append(File.generated(config, HEALTH_PATH, content=health_page(_cache, cited, guide=guide)))
    _site_files.update(file.dest_uri for file in files)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Mark the page's listed resources that are unverifiable or redirected right now."""
    health = files.get_file_from_path(HEALTH_PATH)
    markers = markers_for(_cited.get(page.file.src_uri, []), _cache)
    if health is None or not markers:
        return html
    return mark_resources(html, markers, health.url_relative_to(page.file))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Keep the HTML of the pages whose links MkDocs does not validate."""
    if page.file.src_uri.endswith(UNVALIDATED_SOURCES):
        _pages[page.url] = output
        _sources[page.url] = page.file.src_uri
        # mkdocs-jupyter (include_source) copies the notebook beside its page for download.
        folder = posixpath.dirname(page.file.dest_uri)
        _site_files.add(posixpath.join(folder, posixpath.basename(page.file.src_uri)))
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """Check the collected pages' internal links and anchors against the whole site."""
    if _pages:
        base_path = urlsplit(config.site_url or "/").path or "/"
        problems = check_internal_links(_pages, _site_files, base_path=base_path)
        log_problems(log, [replace(p, path=_sources.get(p.path, p.path)) for p in problems])
