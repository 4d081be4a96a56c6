"""MkDocs hook: the maths of every page rendered with KaTeX when the site is built.

Each page's formulas become KaTeX's HTML and MathML once the page is written (``on_post_page``,
after the search plugin has read the page, so search keeps the formulas' TeX), and a page with
maths loads KaTeX's stylesheet. A formula KaTeX cannot parse fails the strict build at its
line. Thin adapter: the rendering lives in ``mlroadmap.maths``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mlroadmap.maths import KATEX_CSS, KATEX_JS, KatexRenderer, MathsError, maths_problems, render_maths
from mlroadmap.problems import log_problems

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.maths")

# One renderer a build: made in on_config, closed when the build ends (kept out of `mkdocs serve`'s
# long-lived module state between builds).
_renderer: list[KatexRenderer] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Get a KaTeX renderer ready for this build (Node.js starts on the first formula)."""
    _close()
    _renderer.append(KatexRenderer(KATEX_JS))
    return config


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Render the page's formulas and link KaTeX's stylesheet; log each formula KaTeX refuses."""
    try:
        rendered, failed = render_maths(output, _renderer[0])
    except MathsError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error
    log_problems(log, maths_problems(page.file.src_uri, page.file.content_string, failed))
    if rendered == output:
        return output
    stylesheet = f'<link rel="stylesheet" href="{get_relative_url(KATEX_CSS, page.url)}">'
    return rendered.replace("</head>", f"{stylesheet}</head>", 1)


def on_post_build(config: MkDocsConfig) -> None:
    """Stop the KaTeX process."""
    _close()


def on_build_error(error: Exception) -> None:
    """Stop the KaTeX process of a build that failed."""
    _close()


def _close() -> None:
    while _renderer:
        _renderer.pop().close()
