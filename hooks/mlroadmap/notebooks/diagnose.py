"""Notebook files that are not notebooks at all: say why, and what to render in their place."""

from __future__ import annotations

import json
from pathlib import Path

from nbformat import NotebookNode
from nbformat.v4 import new_markdown_cell, new_notebook

from mlroadmap.problems import Problem

CONFLICT_MARKERS = ("<<<<<<< ", "=======", ">>>>>>> ")
KIND = "notebook"


def unreadable_problem(src: str, path: Path) -> Problem | None:
    """A notebook file that is not JSON (a merge conflict, a broken hand edit), with its line."""
    try:
        json.loads(path.read_bytes())
    except UnicodeDecodeError:
        return Problem(src, None, "is not UTF-8 text", "open it in Jupyter and save it again", kind="encoding")
    except json.JSONDecodeError as error:
        lines = error.doc.splitlines()
        conflict = next((n for n, line in enumerate(lines, 1) if line.startswith(CONFLICT_MARKERS)), None)
        if conflict is not None:
            fix = "resolve the merge conflict: keep one side of it and delete the <<<<<<<, ======= and >>>>>>> lines"
            return Problem(src, conflict, "has merge conflict markers, so it is not valid JSON", fix, kind=KIND)
        fix = "undo the hand edit, or open the notebook in Jupyter and save it again"
        return Problem(src, error.lineno, f"is not valid JSON: {error.msg}", fix, kind=KIND)
    return None


def placeholder_notebook() -> NotebookNode:
    """What a notebook that could not be read or run shows instead: a pointer to the build log."""
    cell = new_markdown_cell("This notebook could not be built: the build log says why.", id="not-built")
    notebook: NotebookNode = new_notebook(cells=[cell])
    return notebook
