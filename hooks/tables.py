"""MkDocs hook: tables wrapped for sideways scrolling when the page is built (``mlroadmap.tables``).

Material's script would otherwise move every table into its wrapper once the page is parsed,
which on a phone restyles every cell again. Thin adapter: the rewriting lives in
``mlroadmap.tables``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlroadmap.tables import wrap_tables

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Write the page's tables inside Material's scroll wrapper, classed so its script skips them."""
    return wrap_tables(html)
