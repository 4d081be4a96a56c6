"""The learner's exercises notebook of a topic page, and the rule that the committed copy is current.

Every topic page with exercises gets ``exercises/<topic-id>.ipynb``: a first cell that installs
what the exercises import only when it is missing (so it works offline and on Colab), the check
helpers' source, then per exercise its task, set-up, starter code to edit, check, and hints. It is
committed at the repository root (Colab opens notebooks from GitHub) and published with the
site; ``./run exercises`` writes it, and the build fails while the committed copy is missing or
out of date. Notebooks are written without outputs and with fixed cell ids, so the text of a
notebook depends only on its page.
"""

from __future__ import annotations

import functools
import json
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import Path

import nbformat

from mlroadmap.exercises import KIND, PageExercise
from mlroadmap.exerciseverify import exercise_modules, helpers_source
from mlroadmap.notebooks.markdown import KERNELSPEC
from mlroadmap.problems import Problem
from mlroadmap.records import TopicRecord
from mlroadmap.sitepaths import absolute_url

NOTEBOOK_DIR = "exercises"
"""Where the exercises notebooks are, in the repository and on the site."""
ALWAYS_NEEDED = ("numpy",)  # the check helpers import it
REGENERATE = "run ./run exercises and commit the result"
INSTALL = """\
# Installs what these exercises import, only when it is missing (Colab already has most of it).
import importlib.util
import subprocess
import sys

needed = {needed}
missing = [package for module, package in needed.items() if importlib.util.find_spec(module) is None]
if missing:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", *missing])
"""
INTRODUCTION = """\
# Exercises: {title}

The coding exercises of the ML Roadmap page [{title}]({url}). For each exercise, run its set-up
cell, write your code in the cell marked "your code", then run its check: it says what is wrong,
or that your code passes. Hints follow each exercise; a reference solution is folded away on the
page. Run the first two cells once: they install what is missing and define the check helpers.
"""


def notebook_path(topic_id: str) -> str:
    """The exercises notebook of a topic, in the repository and on the site: ``exercises/<id>.ipynb``."""
    return f"{NOTEBOOK_DIR}/{topic_id}.ipynb"


def distribution_of(module: str) -> str:
    """The package that installs ``module`` (``sklearn``: ``scikit-learn``), or the module's name."""
    providers = _distributions().get(module, [])
    return sorted(providers)[0] if providers else module


@functools.cache
def _distributions() -> Mapping[str, list[str]]:
    return metadata.packages_distributions()


def learner_notebook(title: str, url: str, items: Sequence[PageExercise]) -> nbformat.NotebookNode:
    """The exercises notebook of a page titled ``title`` published at ``url``."""
    modules = sorted({*ALWAYS_NEEDED, *exercise_modules(items)})
    needed = {module: distribution_of(module) for module in modules}
    cells = [
        _cell("markdown", "introduction", INTRODUCTION.format(title=title, url=url)),
        _cell("code", "install", INSTALL.format(needed=json.dumps(needed))),
        _cell("code", "check-helpers", "# The check helpers: run this cell once.\n" + helpers_source()),
    ]
    for number, item in enumerate(items, start=1):
        cells += _exercise_cells(number, item, url)
    metadata_ = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    notebook: nbformat.NotebookNode = nbformat.v4.new_notebook(cells=cells, metadata=metadata_)
    return notebook


def notebook_text(title: str, url: str, items: Sequence[PageExercise]) -> str:
    """The notebook as the file's text, ending in a newline."""
    text: str = nbformat.writes(learner_notebook(title, url, items))
    return text + "\n"


def topic_notebook(record: TopicRecord, items: Sequence[PageExercise], site_url: str) -> str:
    """The text of a topic's exercises notebook, linking back to its page on the site at ``site_url``."""
    return notebook_text(record.topic.title, absolute_url(site_url, record.src), items)


def stale_problem(src: str, topic_id: str, line: int, text: str, project_dir: Path) -> Problem | None:
    """A problem when the committed notebook of ``topic_id`` is missing or differs from ``text``."""
    path = notebook_path(topic_id)
    committed = project_dir / path
    if not committed.is_file():
        return Problem(src, line, f"the exercises notebook {path} is missing", REGENERATE, kind=KIND)
    if committed.read_text(encoding="utf-8") != text:
        message = f"the exercises notebook {path} is out of date (the page's exercises changed)"
        return Problem(src, line, message, REGENERATE, kind=KIND)
    return None


def orphan_problems(project_dir: Path, topic_ids: Iterable[str]) -> list[Problem]:
    """Committed exercises notebooks of topics that have no exercises (any more)."""
    expected = {notebook_path(topic_id) for topic_id in topic_ids}
    folder = project_dir / NOTEBOOK_DIR
    found = sorted(f"{NOTEBOOK_DIR}/{path.name}" for path in folder.glob("*.ipynb")) if folder.is_dir() else []
    return [
        Problem(
            posixpath.join("..", path),  # relative to docs/: the file is outside it
            None,
            "no topic page has exercises for this notebook",
            "delete it (./run exercises does), or restore the page's exercises",
            kind=KIND,
        )
        for path in found
        if path not in expected
    ]


def write_notebooks(project_dir: Path, notebooks: dict[str, str]) -> tuple[list[str], list[str]]:
    """Write each ``{topic id: text}`` notebook that changed and delete the others; (written, deleted)."""
    folder = project_dir / NOTEBOOK_DIR
    written: list[str] = []
    for topic_id, text in sorted(notebooks.items()):
        path = project_dir / notebook_path(topic_id)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(notebook_path(topic_id))
    deleted = [problem.file for problem in orphan_problems(project_dir, notebooks)]
    for gone in deleted:
        (project_dir / gone).unlink()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return written, deleted


def _exercise_cells(number: int, item: PageExercise, url: str) -> list[nbformat.NotebookNode]:
    exercise = item.exercise
    name = exercise.id
    cells = [_cell("markdown", f"{name}-task", f"## {number}. {exercise.title}\n\n{exercise.task}")]
    if exercise.setup:
        cells.append(_cell("code", f"{name}-setup", f"# Set-up: run this first.\n{exercise.setup}"))
    cells.append(_cell("code", f"{name}-starter", f"# Your code:\n{exercise.starter}"))
    passed = f'print("{name}: passed")'
    cells.append(_cell("code", f"{name}-check", f"# Check: run this after your code.\n{exercise.check}\n{passed}"))
    hints = "\n\n".join(
        f"<details><summary>Hint {n}</summary>\n\n{hint}\n\n</details>"
        for n, hint in enumerate(exercise.hints, start=1)
    )
    solution = f"A reference solution is on the page, under [{exercise.title}]({url}#exercise-{name})."
    cells.append(_cell("markdown", f"{name}-hints", f"{hints}\n\n{solution}"))
    return cells


def _cell(kind: str, cell_id: str, source: str) -> nbformat.NotebookNode:
    text = source.rstrip("\n")
    cell: nbformat.NotebookNode = (
        nbformat.v4.new_code_cell(text) if kind == "code" else nbformat.v4.new_markdown_cell(text)
    )
    cell.id = cell_id
    return cell
