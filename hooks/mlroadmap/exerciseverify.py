"""Every exercise checked by the build: its check must pass on its solution and fail on its starter.

:func:`verification_notebook` writes one notebook per page for the notebook pipeline (cached and
run in parallel like every notebook): the check helpers, a small runner, then one cell per
exercise and variant (``solution``, ``starter``). Each cell runs the set-up, the variant's code
and the check in a namespace of its own, catches what they raise, and displays the verdict as a
JSON output; :func:`verification_problems` reads the verdicts back and reports, at the
exercise's line, a solution that fails its check and a starter that passes it.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat

from mlroadmap import exercisecheck
from mlroadmap.exercises import KIND, PageExercise
from mlroadmap.notebooks.execute import NotebookRun
from mlroadmap.notebooks.markdown import KERNELSPEC
from mlroadmap.notebooks.pipeline import NotebookSource
from mlroadmap.problems import Problem

MIME = "application/vnd.mlroadmap.exercise+json"
VARIANTS = ("solution", "starter")
HELPER_CELLS = 2  # the check helpers, then the runner
SOLUTION_FIX = "fix the solution or the check: the check must pass on the reference solution"
STARTER_FIX = "make the check test what the task asks: it must fail on the starter code"
SOLUTION_FAILURES = {
    "setup": "its set-up raises",
    "solution": "the reference solution raises",
    "check": "the reference solution fails its check",
}
TIMEOUT_FIX = "make the exercise faster (less data, fewer iterations); the starter must not loop forever"
RUNNER = f'''\
# Set up by the site build: run one variant of an exercise on its own and display the verdict.
def _mlroadmap_verify(exercise, variant, setup, code, check):
    from IPython.display import display

    namespace = {{"__name__": "__main__", **{{name: globals()[name] for name in __all__}}}}
    stage = "setup"
    try:
        exec(compile(setup, "<setup>", "exec"), namespace)
        stage = variant
        exec(compile(code, "<" + variant + ">", "exec"), namespace)
        stage = "check"
        exec(compile(check, "<check>", "exec"), namespace)
    except Exception as error:
        message = str(error) if isinstance(error, ExerciseFailed) else f"{{type(error).__name__}}: {{error}}"
        verdict = {{"passed": False, "stage": stage, "message": message}}
    else:
        verdict = {{"passed": True, "stage": "check", "message": ""}}
    display({{"{MIME}": {{"exercise": exercise, "variant": variant, **verdict}}}}, raw=True)
'''


@dataclass(frozen=True)
class Verdict:
    """What one variant of one exercise did: passed its check, or where it stopped and why."""

    exercise: str
    variant: str
    passed: bool
    stage: str  # setup, solution or starter (the code raised), check
    message: str


def helpers_source() -> str:
    """The check helpers' source, as learners get it in their notebooks."""
    return Path(exercisecheck.__file__).read_text(encoding="utf-8")


def imported_modules(code: str) -> list[str]:
    """The top-level modules some code imports, in order of first import."""
    found: dict[str, None] = {}
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found.update((alias.name.split(".")[0], None) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found[node.module.split(".")[0]] = None
    return list(found)


def exercise_modules(items: Sequence[PageExercise]) -> list[str]:
    """The modules the exercises import (standard library left out), sorted."""
    modules = {
        module
        for item in items
        for field in ("setup", "starter", "solution", "check")
        for module in imported_modules(getattr(item.exercise, field))
    }
    return sorted(modules - set(sys.stdlib_module_names))


def verification_notebook(items: Sequence[PageExercise]) -> nbformat.NotebookNode:
    """The notebook that checks a page's exercises: helpers, runner, one cell per exercise and variant."""
    cells = [nbformat.v4.new_code_cell(helpers_source()), nbformat.v4.new_code_cell(RUNNER)]
    for item in items:
        exercise = item.exercise
        code = f"{exercise.setup}\n{exercise.starter}\n{exercise.solution}\n{exercise.check}"
        imports = "".join(f"    import {module}\n" for module in imported_modules(code))
        # Never runs: shows the execution cache's fingerprint what the exercise imports.
        header = f"if False:  # what the exercise imports, for the execution cache\n{imports}" if imports else ""
        for variant in VARIANTS:
            call = (
                f"_mlroadmap_verify({exercise.id!r}, {variant!r}, {exercise.setup!r}, "
                f"{getattr(exercise, variant)!r}, {exercise.check!r})"
            )
            cells.append(nbformat.v4.new_code_cell(f"# exercise {exercise.id}: its {variant}\n{header}{call}"))
    for index, cell in enumerate(cells):
        cell.id = f"verify-{index}"
    metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    notebook: nbformat.NotebookNode = nbformat.v4.new_notebook(cells=cells, metadata=metadata)
    return notebook


def verification_source(src: str, items: Sequence[PageExercise], root: Path) -> NotebookSource:
    """Write the page's verification notebook under ``root`` (only when changed) for the pipeline."""
    path = root / f"{src}.ipynb"
    text = nbformat.writes(verification_notebook(items))
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return NotebookSource(src, path)


def verdicts(notebook: nbformat.NotebookNode) -> dict[tuple[str, str], Verdict]:
    """The verdicts an executed verification notebook displayed, by (exercise id, variant)."""
    found: dict[tuple[str, str], Verdict] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get(MIME) if output.get("output_type") == "display_data" else None
            if isinstance(data, dict):
                verdict = Verdict(
                    str(data.get("exercise")),
                    str(data.get("variant")),
                    bool(data.get("passed")),
                    str(data.get("stage")),
                    str(data.get("message")),
                )
                found[verdict.exercise, verdict.variant] = verdict
    return found


def verification_problems(src: str, items: Sequence[PageExercise], run: NotebookRun) -> list[Problem]:
    """A solution that fails its check and a starter that passes it, each at its key's line."""
    if not run.ok or run.notebook is None:
        return [_failed_run(src, items, run)]
    found = verdicts(run.notebook)
    problems: list[Problem] = []
    for item in items:
        name = item.exercise.id
        solution, starter = found.get((name, "solution")), found.get((name, "starter"))
        if solution is None or starter is None:
            fix = "report it: every exercise's check should report a verdict"
            problems.append(Problem(src, item.line, f"exercise '{name}' was not checked", fix, kind=KIND))
            continue
        if not solution.passed:
            what = SOLUTION_FAILURES.get(solution.stage, SOLUTION_FAILURES["check"])
            line = item.line_of("setup" if solution.stage == "setup" else "solution")
            message = f"exercise '{name}': {what}: {solution.message}"
            problems.append(Problem(src, line, message, SOLUTION_FIX, kind=KIND))
        if starter.passed:
            message = f"exercise '{name}': the starter code already passes the check"
            problems.append(Problem(src, item.line_of("starter"), message, STARTER_FIX, kind=KIND))
    return problems


def _failed_run(src: str, items: Sequence[PageExercise], run: NotebookRun) -> Problem:
    """A verification that stopped (a timeout, a dead kernel), at the exercise it stopped in."""
    index = (run.cell or 0) - HELPER_CELLS - 1
    if not 0 <= index < len(items) * len(VARIANTS):
        fix = "report it: the check helpers should always load"
        return Problem(src, None, f"the exercises could not be checked: {run.error}", fix, kind=KIND)
    item, variant = items[index // len(VARIANTS)], VARIANTS[index % len(VARIANTS)]
    what = "ran past the time limit" if run.status == "timeout" else f"stopped: {run.error}"
    message = f"exercise '{item.exercise.id}': checking its {variant} {what}"
    return Problem(src, item.line_of(variant), message, TIMEOUT_FIX, kind=KIND)
