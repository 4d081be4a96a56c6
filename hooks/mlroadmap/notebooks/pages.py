"""Executed Markdown pages: a topic page's Python blocks run through the notebook pipeline.

:func:`read_page` finds a page's blocks and glue references; :func:`notebook_source` writes the
notebook the pipeline executes (cached like any notebook: prose never counts);
:func:`executed_page` turns the run into outputs per block, figures and glued values, and a
failure into a problem at the failing block's line; :func:`inject_outputs` places the outputs
under their blocks in the page's Markdown.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from mlroadmap.glue import GlueReference, glue_references
from mlroadmap.notebooks.execute import NotebookRun
from mlroadmap.notebooks.markdown import Block, page_blocks, page_notebook, running_blocks
from mlroadmap.notebooks.outputs import render_block
from mlroadmap.notebooks.pipeline import NotebookSource
from mlroadmap.notebooks.slim import Figure
from mlroadmap.problems import Problem
from mlroadmap.sitepaths import page_url

PYTHON_FENCE_RE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[ \t]*python\b", re.MULTILINE)
BLOCK_LINE_RE = re.compile(r"Cell In\[\d+\], line (\d+)")
SETUP_FIX = "report it: the hidden first cell that defines glue() should never fail"
RAISE_FIX = "fix the block, or mark it ```python {.raises-exception} if the error is the lesson"
TIMEOUT_FIX = "make the block faster (less data, fewer iterations) or split the work"


@dataclass(frozen=True)
class PageSource:
    """A page's code blocks and glue references, and where its figures go in the site."""

    src: str
    figure_dir: str  # site-relative folder of the page's HTML
    blocks: tuple[Block, ...]
    references: tuple[GlueReference, ...]

    @property
    def running(self) -> list[Block]:
        """The blocks the build executes, in page order."""
        return running_blocks(self.blocks)


@dataclass
class ExecutedPage:
    """What a page's run produced: HTML per running block, figures, glued values, time."""

    src: str
    status: str  # the run's status: cached, executed, failed, timeout
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)  # one per running block
    figures: list[Figure] = field(default_factory=list)
    glue: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the page ran (or came from the cache) without an unexpected error."""
        return self.status in {"cached", "executed"}


@dataclass(frozen=True)
class PageStats:
    """Per topic, for ``roadmap.json``: figures, executed blocks, seconds of execution."""

    figures: int = 0
    executed_blocks: int = 0
    execution_seconds: float = 0.0


def read_page(src: str, body: str, first_line: int, dest_uri: str) -> PageSource:
    """The blocks (read only when the page has a Python fence) and glue references of a page."""
    blocks = page_blocks(body, first_line) if PYTHON_FENCE_RE.search(body) else []
    return PageSource(src, posixpath.dirname(dest_uri), tuple(blocks), tuple(glue_references(body, first_line)))


def notebook_source(page: PageSource, root: Path) -> NotebookSource:
    """Write the page's notebook under ``root`` (only when changed) for the pipeline to run."""
    path = root / f"{page.src}.ipynb"
    text = _notebook_text(page.blocks)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return NotebookSource(page.src, path)


@functools.lru_cache(maxsize=512)  # under mkdocs serve, an unchanged page's notebook is not made again
def _notebook_text(blocks: tuple[Block, ...]) -> str:
    text: str = nbformat.writes(page_notebook(blocks))
    return text


def executed_page(page: PageSource, run: NotebookRun, seconds: float) -> tuple[ExecutedPage, list[Problem]]:
    """Outputs, figures and glue of a page's run, or the problem of a failed one."""
    executed = ExecutedPage(page.src, run.status, seconds)
    if not run.ok or run.notebook is None:
        return executed, [failure_problem(page, run)]
    problems: list[Problem] = []
    stem = posixpath.splitext(posixpath.basename(page.src))[0]
    for block, cell in zip(page.running, run.notebook.cells[1:], strict=False):
        output = render_block(
            cell.get("outputs", []), block.source, page.src, block.line, stem, len(executed.figures) + 1
        )
        executed.outputs.append(output.html)
        executed.figures += output.figures
        executed.glue.update(output.glue)
        problems += output.problems
    return executed, problems


def failure_problem(page: PageSource, run: NotebookRun) -> Problem:
    """A block that raised or ran too long, at the block's line, with the traceback's first lines."""
    running = page.running
    index = (run.cell or 0) - 2  # cell 1 is the preamble
    block = running[index] if 0 <= index < len(running) else None
    fix = TIMEOUT_FIX if run.status == "timeout" else RAISE_FIX
    trace = "".join(f"\n    {line}" for line in run.traceback if set(line.strip()) != {"-"})
    where = ""
    found = BLOCK_LINE_RE.search("\n".join(run.traceback))
    if block is not None and found:
        where = f" (page line {block.line + int(found.group(1))})"
    if block is None:
        message = f"the build's set-up cell failed: {run.error}"
        return Problem(page.src, None, message, SETUP_FIX, kind="execution", detail=trace)
    return Problem(page.src, block.line, f"{run.error}{where}", fix, kind="execution", detail=trace)


def inject_outputs(markdown: str, page: PageSource, executed: ExecutedPage) -> str:
    """Place each block's outputs under it, finding the block by its exact text."""
    parts: list[str] = []
    position = 0
    for block, output in zip(page.running, executed.outputs, strict=False):
        start = markdown.find(block.text, position)
        if start < 0 or not output:
            continue
        end = start + len(block.text)
        parts += [markdown[position:end], "\n\n", output, "\n"]
        position = end
    return "".join(parts) + markdown[position:]


def figure_files(page: PageSource, executed: ExecutedPage) -> dict[str, bytes]:
    """The page's figures by site path, beside the page's HTML."""
    return {posixpath.join(page.figure_dir, figure.name): figure.data for figure in executed.figures}


def page_stats(page: PageSource, executed: ExecutedPage | None) -> PageStats:
    """The ``roadmap.json`` figures of a page (zeros when nothing ran)."""
    if executed is None or not executed.ok:
        return PageStats()
    return PageStats(len(executed.figures), len(page.running), round(executed.seconds, 2))


def with_execution_stats(roadmap_json: str, stats: Mapping[str, PageStats]) -> str:
    """``roadmap.json`` with ``figures``, ``executed_blocks`` and ``execution_seconds`` on each topic."""
    data: dict[str, Any] = json.loads(roadmap_json)
    by_url = {page_url(src): value for src, value in stats.items()}
    for phase in data.get("phases", []):
        for topic in phase.get("topics", []):
            value = by_url.get(topic.get("url"), PageStats())
            topic.update(
                figures=value.figures,
                executed_blocks=value.executed_blocks,
                execution_seconds=value.execution_seconds,
            )
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
