"""The live preview (``mkdocs serve``): each page's problems, shown in a banner on the page.

The preview rebuilds only the pages that changed and does not stop at the first warning, so a
contributor sees the page and what is wrong with it at once. The full build (``./run build``, CI)
runs every check on every page and fails on any problem; nothing here is used by it.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from mlroadmap.problems import PROBLEM_ATTRIBUTE, Problem

BANNER_CLASS = "rm-preview-problems"
ARTICLE_RE = re.compile(r'<article class="md-content__inner[^"]*"[^>]*>')
BODY_RE = re.compile(r"<body[^>]*>")
DIRTY_WARNING = "A 'dirty' build is being performed"


class PageProblems(logging.Handler):
    """Keeps the warnings a build logs, by the page they are about.

    A warning that carries a :class:`Problem` belongs to the problem's file; any other warning (a
    link MkDocs could not resolve, a plugin's complaint) to the page being built when it was
    logged, which ``current_page`` names (``None`` between pages). Loggers whose names start with
    one of ``ignore`` are left out (the preview's own, the server's request log).
    """

    def __init__(self, current_page: Callable[[], str | None], ignore: Sequence[str] = ()) -> None:
        super().__init__(logging.WARNING)
        self.current_page = current_page
        self.ignore = ignore
        self.by_page: dict[str, list[str]] = {}
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """File the warning under its page."""
        if record.name.startswith(tuple(self.ignore)):
            return
        self.count += 1
        problem = getattr(record, PROBLEM_ATTRIBUTE, None)
        page = problem.path if isinstance(problem, Problem) else self.current_page()
        message = str(problem) if isinstance(problem, Problem) else record.getMessage()
        self.by_page.setdefault(page or "", []).append(message)


class DropDirtyWarning(logging.Filter):
    """Drop MkDocs' warning that a dirty build is inaccurate: the preview says so once instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        """False for the dirty build warning, True for anything else."""
        return not record.getMessage().startswith(DIRTY_WARNING)


def banner_html(src: str, messages: Sequence[str]) -> str:
    """A Material admonition listing the page's problems, for the top of the previewed page."""
    items = "".join(f"<li><code>{escape(message)}</code></li>" for message in messages)
    return (
        f'<div class="admonition failure {BANNER_CLASS}">'
        f'<p class="admonition-title">Preview: {len(messages)} problem(s) in docs/{escape(src)}</p>'
        f"<ul>{items}</ul>"
        "<p>The full build (<code>./run build</code>, and CI) fails until they are fixed.</p></div>"
    )


def with_banner(html: str, banner: str) -> str:
    """The page with ``banner`` at the top of its content (or of its body, without Material's article)."""
    match = ARTICLE_RE.search(html) or BODY_RE.search(html)
    if match is None:
        return banner + html
    return html[: match.end()] + banner + html[match.end() :]


def link_tree(source: Path, target: Path) -> None:
    """Fill ``target`` with hard links to the files of ``source`` (copies across file systems).

    The preview gives mkdocs-jupyter a linked copy of its cache: a dirty rebuild renders only the
    changed notebooks, and mkdocs-jupyter evicts every entry it did not use, which must not empty
    the cache the full build reads.
    """
    target.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        return
    for entry in os.scandir(source):
        if not entry.is_file():
            continue
        try:
            os.link(entry.path, target / entry.name)
        except FileExistsError:
            continue
        except OSError:
            (target / entry.name).write_bytes(Path(entry.path).read_bytes())
