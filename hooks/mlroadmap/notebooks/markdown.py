"""Markdown pages as notebooks: the Python blocks of a page, where they are, and what runs.

jupytext reads the page (it decides what a code cell is); each cell is then found in the page's
text, so every block knows its line for error messages and its exact text for placing outputs
under it. A block runs when its language is ``python`` and it is not marked ``{.no-run}``; a
block marked ``{.raises-exception}`` runs and is expected to fail. Other languages never run.
The notebook holds only code cells, after a hidden preamble: an edit to the prose leaves it
unchanged, so the execution cache keeps its outputs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import jupytext
import nbformat

from mlroadmap.problems import Problem

RUN_LANGUAGE = "python"
NO_RUN = "no-run"
RAISES = "raises-exception"
GLUE_MIME = "application/vnd.mlroadmap.glue+json"
TITLE_MIME = "text/x-mlroadmap-figure-title"
PREAMBLE_TAG = "mlroadmap-preamble"
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
# An opening fence: up to three spaces, three or more backticks or tildes, then the info string.
FENCE_RE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$", re.MULTILINE)
ATTRIBUTES_RE = re.compile(r"\{([^}]*)\}")  # attr_list style: ```python {.no-run}
CLASS_RE = re.compile(r"(?<![^\s{])\.([\w-]+)")
INDENTED_PYTHON_RE = re.compile(r"^[ \t]+(?:`{3,}|~{3,})[ \t]*python\b(?P<rest>[^\n]*)$", re.MULTILINE)
JUPYTEXT_MAGIC_RE = re.compile(r"\A%%\w+\n")  # jupytext turns ```bash into a %%bash cell
PREAMBLE = f'''\
# Set up by the site build, not shown on the page: glue() and the figure settings.
def _mlroadmap_setup():
    from IPython import get_ipython
    from IPython.display import display

    shell = get_ipython()
    shell.config.InlineBackend.figure_formats = ["svg", "retina"]
    shell.config.InlineBackend.rc = {{"figure.facecolor": "white", "savefig.facecolor": "white"}}

    def figure_title(figure):
        # In the MIME bundle formatter: matplotlib's set-up clears the per-type ones of figures.
        titles = [figure.get_suptitle()] + [axes.get_title() for axes in figure.axes]
        title = "; ".join(t.strip() for t in titles if t.strip())
        return {{"{TITLE_MIME}": title}} if title else None

    shell.display_formatter.mimebundle_formatter.for_type_by_name("matplotlib.figure", "Figure", figure_title)

    def glue(name, value, fmt="{{}}"):
        """Make a value citable in the page's prose as {{{{ glue:name }}}}, formatted with fmt."""
        display({{"{GLUE_MIME}": {{"name": str(name), "text": fmt.format(value)}}}}, raw=True)

    return glue


glue = _mlroadmap_setup()
del _mlroadmap_setup
'''


@dataclass(frozen=True)
class Block:
    """A fenced code block of a page: where it is, what it says, and whether it runs."""

    line: int  # line of the opening fence in the page file
    text: str  # the block exactly as in the page, fences included
    language: str
    classes: frozenset[str]
    source: str

    @property
    def runs(self) -> bool:
        """Whether the build executes it: Python, not marked ``{.no-run}``."""
        return self.language == RUN_LANGUAGE and NO_RUN not in self.classes

    @property
    def raises(self) -> bool:
        """Whether it is marked as failing on purpose (``{.raises-exception}``)."""
        return RAISES in self.classes


def page_blocks(body: str, first_line: int = 1) -> list[Block]:
    """The code blocks jupytext finds in a page body, in order; ``first_line`` is the body's line."""
    cells = [cell for cell in jupytext.reads(body, fmt="md").cells if cell.cell_type == "code"]
    blocks: list[Block] = []
    position = 0
    for cell in cells:
        found = _locate(body, cell.source, position)
        if found is None:  # jupytext and the page disagree: leave the rest unexecuted
            break
        start, end, info, source = found
        language, _, attributes = info.partition(" ")
        line = first_line + body.count("\n", 0, start)
        classes = frozenset(c for group in ATTRIBUTES_RE.findall(attributes) for c in CLASS_RE.findall(group))
        blocks.append(Block(line, body[start:end], language.strip("{}.").lower(), classes, source))
        position = end
    return blocks


def page_notebook(blocks: Iterable[Block]) -> nbformat.NotebookNode:
    """The notebook the build executes for a page: the preamble, then each block that runs."""
    preamble = nbformat.v4.new_code_cell(PREAMBLE, metadata={"tags": [PREAMBLE_TAG]})
    cells = [preamble]
    for block in blocks:
        if block.runs:
            cells.append(nbformat.v4.new_code_cell(block.source, metadata={"tags": [RAISES]} if block.raises else {}))
    for index, cell in enumerate(cells):
        cell.id = f"block-{index}"
    metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    notebook: nbformat.NotebookNode = nbformat.v4.new_notebook(cells=cells, metadata=metadata)
    return notebook


def running_blocks(blocks: Sequence[Block]) -> list[Block]:
    """The blocks that run, in page order: block ``k`` is cell ``k + 1`` of the page notebook."""
    return [block for block in blocks if block.runs]


def unrunnable_problems(src: str, body: str, first_line: int) -> list[Problem]:
    """Indented Python blocks (in a list, tab or admonition), which jupytext cannot run."""
    problems: list[Problem] = []
    for match in INDENTED_PYTHON_RE.finditer(body):
        if f".{NO_RUN}" in match.group("rest"):
            continue
        problems.append(
            Problem(
                src,
                first_line + body.count("\n", 0, match.start()),
                "this Python block is indented (in a list, tab or admonition), where the build cannot run it",
                "move it to the top level of the page, or mark it ```python {.no-run} if it must not run",
                kind="execution",
            )
        )
    return problems


def _locate(text: str, source: str, position: int) -> tuple[int, int, str, str] | None:
    """The first fenced block at or after ``position`` whose content is ``source``.

    Returns its start and end offsets, its info string and its content.
    """
    while (match := FENCE_RE.search(text, position)) is not None:
        indent, fence = match.group("indent"), match.group("fence")
        close = re.compile(rf"^{indent}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        closing = close.search(text, match.end())
        if closing is None:
            return None
        content = text[match.end() + 1 : closing.start()].rstrip("\n")
        if content in (source, JUPYTEXT_MAGIC_RE.sub("", source, count=1)):
            return match.start(), closing.end(), match.group("info").strip(), content
        position = closing.end()
    return None
