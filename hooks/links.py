"""MkDocs hooks: offline link checks in every build.

- Resources the committed link status cache (``data/link-status.json``, refreshed by the
  scheduled online checker) last saw broken fail the build, naming the page, line and resource.
- Internal links and anchors of pages MkDocs does not validate itself (notebook pages rendered
  by mkdocs-jupyter) are checked on the built HTML.

Thin adapters only: the checks live in ``mlroadmap.linkcheck``.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from mlroadmap.linkcheck import CacheError, check_internal_links, known_dead, load_cache
from mlroadmap.load import collect_resource_refs
from mlroadmap.problems import log_problems

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.links")

CACHE_PATH = Path("data") / "link-status.json"
UNVALIDATED_SOURCES = (".ipynb",)  # MkDocs validates links of Markdown pages itself

# Reset in on_files on every build (MkDocs keeps hook modules loaded under `mkdocs serve`).
_pages: dict[str, str] = {}
_sources: dict[str, str] = {}
_site_files: set[str] = set()


# ----------------------------------------------------------------------------------------------
# Event handlers
# ----------------------------------------------------------------------------------------------
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Fail on resources the link status cache knows are dead; start collecting pages."""
    _pages.clear()
    _sources.clear()
    _site_files.clear()
    _site_files.update(file.dest_uri for file in files)
    cache_file = Path(config.config_file_path).parent / CACHE_PATH
    try:
        cache = load_cache(cache_file)
    except CacheError as error:
        log.warning(f"{CACHE_PATH}: {error} (restore it from git, or delete it to start an empty cache)")
        return files
    log_problems(log, known_dead(cache, collect_resource_refs(Path(config.docs_dir))))
    return files


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
