"""The notebook pipeline with real kernels: cache hits and misses, failures, timeouts."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from mlroadmap.notebooks import execute, pipeline
from mlroadmap.notebooks.fingerprint import InstalledEnvironment
from mlroadmap.notebooks.pipeline import NotebookSource, PipelineResult, build_notebooks, execute_notebooks
from mlroadmap.notebooks.settings import NotebookSettings


@pytest.fixture(autouse=True)
def installed(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Pin the installed environment the fingerprint sees; call it with a version to "upgrade" it."""

    def pin(version: str) -> None:
        environment = InstalledEnvironment({"ipykernel": version}, {"ipykernel": ()}, {})
        monkeypatch.setattr(pipeline, "installed_environment", lambda cache_file: environment)

    pin("env-1")
    return pin


def write(path: Path, *cells: nbformat.NotebookNode, data: list[str] | None = None) -> NotebookSource:
    notebook = new_notebook(cells=list(cells))
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if data is not None:
        notebook.metadata["mlroadmap"] = {"data": data}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return NotebookSource(f"notebooks/{path.name}", path)


def run(sources: list[NotebookSource], cache: Path, **environ: str) -> PipelineResult:
    """Execute as a build would with these ``ROADMAP_*`` variables set (two notebooks at once)."""
    variables = {"ROADMAP_NOTEBOOK_CACHE": str(cache), "ROADMAP_NOTEBOOK_WORKERS": "2", **environ}
    return execute_notebooks(sources, NotebookSettings.from_env(variables, cache.parent))


def statuses(result: PipelineResult) -> dict[str, str]:
    return {run.src: run.status for run in result.runs}


def test_cache_hits_and_misses(tmp_path: Path, installed: Callable[[str], None]) -> None:
    cache = tmp_path / "cache"
    source = write(tmp_path / "nb" / "a.ipynb", new_markdown_cell("# A"), new_code_cell("x = 6 * 7\nprint(x)"))
    cold = run([source], cache)
    assert statuses(cold) == {"notebooks/a.ipynb": "executed"}
    assert cold.problems == []
    executed = nbformat.read(cold.rendered["notebooks/a.ipynb"], 4)
    assert executed.cells[1].outputs[0]["text"] == "42\n"

    assert statuses(run([source], cache)) == {"notebooks/a.ipynb": "cached"}

    # A Markdown edit is a hit, and the rendered notebook has the new Markdown with old outputs.
    source = write(source.path, new_markdown_cell("# A, with a typo fixed"), new_code_cell("x = 6 * 7\nprint(x)"))
    markdown_edit = run([source], cache)
    assert statuses(markdown_edit) == {"notebooks/a.ipynb": "cached"}
    merged = nbformat.read(markdown_edit.rendered["notebooks/a.ipynb"], 4)
    assert merged.cells[0].source == "# A, with a typo fixed"
    assert merged.cells[1].outputs[0]["text"] == "42\n"

    # A code edit, a dependency change: misses.
    source = write(source.path, new_markdown_cell("# A"), new_code_cell("x = 6 * 8\nprint(x)"))
    assert statuses(run([source], cache)) == {"notebooks/a.ipynb": "executed"}
    installed("env-2")
    assert statuses(run([source], cache)) == {"notebooks/a.ipynb": "executed"}
    assert statuses(run([source], cache)) == {"notebooks/a.ipynb": "cached"}


def test_declared_data_file_change_is_a_miss(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "numbers.csv").write_text("1,2,3\n", encoding="utf-8")
    source = write(tmp_path / "nb" / "d.ipynb", new_code_cell("print(1)"), data=["numbers.csv"])
    assert statuses(run([source], cache)) == {"notebooks/d.ipynb": "executed"}
    assert statuses(run([source], cache)) == {"notebooks/d.ipynb": "cached"}
    (tmp_path / "nb" / "numbers.csv").write_text("1,2,4\n", encoding="utf-8")
    assert statuses(run([source], cache)) == {"notebooks/d.ipynb": "executed"}


def test_missing_data_file_is_a_problem(tmp_path: Path) -> None:
    source = write(tmp_path / "nb" / "d.ipynb", new_code_cell("print(1)"), data=["nowhere.csv"])
    [problem] = run([source], tmp_path / "cache").problems
    assert "declares data file 'nowhere.csv' that does not exist" in str(problem)


def test_failing_cell_names_notebook_cell_exception_and_traceback(tmp_path: Path) -> None:
    source = write(
        tmp_path / "nb" / "f.ipynb",
        new_markdown_cell("# F"),
        new_code_cell("a = 1"),
        new_code_cell("def divide(x):\n    return x / 0\n\ndivide(a)"),
        new_code_cell("print('never')"),
    )
    result = run([source], tmp_path / "cache")
    assert statuses(result) == {"notebooks/f.ipynb": "failed"}
    assert "notebooks/f.ipynb" not in result.rendered
    [problem] = result.problems
    message = str(problem)
    assert message.startswith("docs/notebooks/f.ipynb: cell 3: ZeroDivisionError: division by zero")
    assert "return x / 0" in message  # the first lines of the traceback


def test_cell_tagged_raises_exception_is_allowed(tmp_path: Path) -> None:
    cell = new_code_cell("raise ValueError('this is the lesson')")
    cell.metadata["tags"] = ["raises-exception"]
    source = write(tmp_path / "nb" / "r.ipynb", cell, new_code_cell("print('after')"))
    result = run([source], tmp_path / "cache")
    assert result.problems == []
    assert statuses(result) == {"notebooks/r.ipynb": "executed"}


def test_hanging_cell_hits_the_cell_timeout(tmp_path: Path) -> None:
    source = write(
        tmp_path / "nb" / "h.ipynb",
        new_code_cell("print(1)"),
        new_code_cell("import time\nwhile True:\n    time.sleep(0.1)"),
    )
    result = run([source], tmp_path / "cache", ROADMAP_CELL_TIMEOUT="2", ROADMAP_NOTEBOOK_DEADLINE="60")
    assert statuses(result) == {"notebooks/h.ipynb": "timeout"}
    assert "docs/notebooks/h.ipynb: cell 2: a cell ran longer than the 2 s cell timeout" in str(result.problems[0])


def test_slow_notebook_hits_its_deadline(tmp_path: Path) -> None:
    cells = [new_code_cell("import time\ntime.sleep(1)") for _ in range(20)]
    source = write(tmp_path / "nb" / "s.ipynb", *cells)
    result = run([source], tmp_path / "cache", ROADMAP_CELL_TIMEOUT="30", ROADMAP_NOTEBOOK_DEADLINE="4")
    assert statuses(result) == {"notebooks/s.ipynb": "timeout"}
    assert "the notebook ran longer than its 4 s deadline" in str(result.problems[0])
    assert result.runs[0].seconds < 30  # stopped at the deadline, not after all 20 cells


def test_stored_outputs_are_a_problem_but_the_notebook_still_runs(tmp_path: Path) -> None:
    cell = new_code_cell("print(2)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="stale\n")]
    cell.execution_count = 7
    source = write(tmp_path / "nb" / "o.ipynb", new_code_cell("x = 1"), cell)
    result = run([source], tmp_path / "cache")
    [problem] = result.problems
    assert str(problem).startswith("docs/notebooks/o.ipynb: cell(s) 2 were committed with outputs")
    assert "jupyter nbconvert --clear-output --inplace docs/notebooks/o.ipynb" in str(problem)
    rendered = nbformat.read(result.rendered["notebooks/o.ipynb"], 4)
    assert rendered.cells[1].outputs[0]["text"] == "2\n"


@pytest.mark.parametrize("broken", ["{not json", '{"cells": 3}'])
def test_unreadable_notebook_is_a_problem(tmp_path: Path, broken: str) -> None:
    path = tmp_path / "nb" / "bad.ipynb"
    path.parent.mkdir(parents=True)
    path.write_text(broken, encoding="utf-8")
    [problem] = run([NotebookSource("notebooks/bad.ipynb", path)], tmp_path / "cache").problems
    assert "docs/notebooks/bad.ipynb: is not a readable notebook" in str(problem)


def test_longest_expected_notebooks_start_first(tmp_path: Path) -> None:
    from mlroadmap.notebooks.execute import NotebookJob
    from mlroadmap.notebooks.pipeline import estimate_seconds, longest_first

    quick = NotebookJob("a.ipynb", new_notebook(cells=[new_code_cell("print(1)")]))
    torch = NotebookJob("b.ipynb", new_notebook(cells=[new_code_cell("import torch")]))
    known = NotebookJob("c.ipynb", new_notebook(cells=[new_code_cell("print(2)")]))
    assert estimate_seconds(torch.notebook) > estimate_seconds(quick.notebook)
    assert [j.src for j in longest_first([quick, torch, known], {"c.ipynb": 30.0})] == ["c.ipynb", "b.ipynb", "a.ipynb"]


def test_execution_times_are_remembered(tmp_path: Path) -> None:
    source = write(tmp_path / "nb" / "t.ipynb", new_code_cell("print(1)"))
    run([source], tmp_path / "cache")
    durations = json.loads((tmp_path / "cache" / "durations.json").read_text(encoding="utf-8"))
    assert set(durations) == {"notebooks/t.ipynb"}


def test_imported_modules_ignore_magics_and_relative_imports() -> None:
    from mlroadmap.notebooks.fingerprint import imported_modules

    notebook = new_notebook(
        cells=[
            new_code_cell("%matplotlib inline\nimport numpy as np, os.path\nfrom sklearn.linear_model import Ridge"),
            new_markdown_cell("import nothing"),
            new_code_cell("from . import local\nimport torch.nn as nn"),
        ]
    )
    assert imported_modules(notebook) == {"numpy", "os", "sklearn", "torch"}
    assert imported_modules(new_notebook(cells=[new_code_cell("def broken(:")])) == {"*"}


def test_fingerprint_covers_what_is_imported_and_what_it_requires() -> None:
    from mlroadmap.notebooks.fingerprint import InstalledEnvironment

    env = InstalledEnvironment(
        versions={"scikit-learn": "1.9", "numpy": "2.4", "ruff": "0.8", "ipykernel": "7.4", "torch": "2.13"},
        requires={"scikit-learn": ("numpy",), "numpy": (), "ruff": (), "ipykernel": (), "torch": ()},
        providers={"sklearn": ("scikit-learn",), "numpy": ("numpy",), "ruff": ("ruff",), "torch": ("torch",)},
    )
    assert env.closure(["scikit-learn"]) == {"scikit-learn", "numpy"}
    sklearn = env.fingerprint({"sklearn", "os"})
    assert sklearn == env.fingerprint({"sklearn"})  # stdlib modules add nothing
    upgraded_numpy = InstalledEnvironment({**env.versions, "numpy": "2.5"}, env.requires, env.providers)
    assert upgraded_numpy.fingerprint({"sklearn"}) != sklearn  # a dependency of an import changed
    newer_linter = InstalledEnvironment({**env.versions, "ruff": "0.9"}, env.requires, env.providers)
    assert newer_linter.fingerprint({"sklearn"}) == sklearn  # a tool the notebook never imports
    newer_torch = InstalledEnvironment({**env.versions, "torch": "2.14"}, env.requires, env.providers)
    assert newer_torch.fingerprint({"sklearn"}) == sklearn and newer_torch.fingerprint({"torch"}) != env.fingerprint(
        {"torch"}
    )


def test_settings_come_from_the_environment_variables(tmp_path: Path) -> None:
    default = NotebookSettings.from_env({}, tmp_path)
    assert default == NotebookSettings(tmp_path / ".cache" / "notebooks")
    assert default.enabled and default.workers == 0
    chosen = NotebookSettings.from_env(
        {
            "ROADMAP_NOTEBOOKS": "off",
            "ROADMAP_NOTEBOOK_CACHE": str(tmp_path / "elsewhere"),
            "ROADMAP_NOTEBOOK_WORKERS": "3",
            "ROADMAP_CELL_TIMEOUT": "5",
            "ROADMAP_NOTEBOOK_DEADLINE": "7.5",
        },
        tmp_path,
    )
    assert chosen == NotebookSettings(tmp_path / "elsewhere", False, 3, 5, 7.5)


def test_a_file_that_is_not_a_notebook_is_located_and_rendered_as_a_placeholder(tmp_path: Path) -> None:
    good = write(tmp_path / "nb" / "good.ipynb", new_code_cell("print(1)"))
    conflict = tmp_path / "nb" / "conflict.ipynb"
    conflict.write_text('{\n<<<<<<< HEAD\n "cells": []\n=======\n>>>>>>> main\n}\n', encoding="utf-8")
    sources = [good, NotebookSource("notebooks/conflict.ipynb", conflict)]
    settings = NotebookSettings.from_env({"ROADMAP_NOTEBOOK_CACHE": str(tmp_path / "cache")}, tmp_path)
    result = build_notebooks(sources, settings)
    assert [str(problem) for problem in result.problems] == [
        "docs/notebooks/conflict.ipynb:2: has merge conflict markers, so it is not valid JSON (resolve the merge "
        "conflict: keep one side of it and delete the <<<<<<<, ======= and >>>>>>> lines)"
    ]
    assert statuses(result) == {"notebooks/good.ipynb": "executed"}
    placeholder = nbformat.read(result.rendered["notebooks/conflict.ipynb"], 4)
    assert placeholder.cells[0].source == "This notebook could not be built: the build log says why."


def test_notebooks_run_from_code_that_already_runs_an_event_loop() -> None:
    """A build started inside a running event loop (Playwright's sync API, Jupyter) still executes."""
    notebook = new_notebook(cells=[new_code_cell("print(6 * 7)")])

    async def inside_a_loop() -> list[str]:
        [outcome] = execute.run([execute.NotebookJob("inside.ipynb", notebook)], workers=1)
        assert outcome.ok, outcome.error
        assert outcome.notebook is not None
        return [output.get("text", "") for output in outcome.notebook.cells[0].outputs]

    assert asyncio.run(inside_a_loop()) == ["42\n"]
