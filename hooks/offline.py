"""MkDocs hook of the offline copy only (mkdocs.offline.yml): links that open pages from disk.

Thin adapter: the rewriting lives in ``mlroadmap.offline``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from mlroadmap.offline import directory_links_to_files
from mlroadmap.sitepaths import page_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# Reset in on_files on every build (MkDocs keeps hook modules loaded under `mkdocs serve`).
_file_urls: dict[str, str] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Note where each page lives: its directory URL on the site, its file in the copy."""
    _file_urls.clear()
    _file_urls.update({page_url(file.src_uri): file.url for file in files.documentation_pages()})
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Point the page's directory-URL links (the map's, the theme's) at the pages' files."""
    return directory_links_to_files(output, page.file.src_uri, _file_urls)
