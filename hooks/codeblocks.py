"""MkDocs hook: every code block focusable from the keyboard when the page is built (``mlroadmap.codeblocks``).

Material measures a code block (and makes it focusable if it scrolls) only when it scrolls into
view (``content.lazy``). Thin adapter: the rewriting lives in ``mlroadmap.codeblocks``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlroadmap.codeblocks import focusable_code_blocks

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give the page's code blocks ``tabindex="0"``, as Material gives the ones that scroll."""
    return focusable_code_blocks(html)
