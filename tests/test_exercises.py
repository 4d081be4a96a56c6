"""Coding exercises without MkDocs: the format, the cards, the verification and learner notebooks."""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
import pytest
from mkdocs.utils.yaml import yaml_load

from conftest import REPO
from mlroadmap.exercisenotebook import (
    learner_notebook,
    notebook_path,
    notebook_text,
    orphan_problems,
    stale_problem,
    write_notebooks,
)
from mlroadmap.exerciserender import BROKEN, WORK_SUMMARY, render_exercise, with_exercises
from mlroadmap.exercises import MIN_EXERCISES, PageExercise, page_exercises
from mlroadmap.exerciseverify import MIME, exercise_modules, verdicts, verification_notebook, verification_problems
from mlroadmap.notebooks.execute import NotebookRun

EXERCISE = """\
```exercise
id: {id}
title: Fit a line
task: Compute the weights `w` of the line through `X` and `y`.
setup: |
  import numpy as np
  X = np.c_[np.ones(5), np.arange(5.0)]
  y = 1 + 2 * np.arange(5.0)
starter: |
  w = ...  # your code
solution: |
  w = np.linalg.solve(X.T @ X, X.T @ y)
check: |
  expect_shape("w", w, (2,))
  expect_close("w", w, [1, 2], atol=1e-6)
hints:
  - The normal equations.
  - "`np.linalg.solve(A, b)` solves `A w = b`."
```
"""


def page(*ids: str) -> str:
    """A topic body with one exercise per id (body line 1 is a heading)."""
    return "## Check your understanding\n\n" + "\n".join(EXERCISE.format(id=i) for i in ids)


def parsed(*ids: str) -> list[PageExercise]:
    items, problems = page_exercises("t.md", page(*ids), 20)
    assert problems == []
    return [item for item in items if item is not None]


# ----------------------------------------------------------------------------------------------
# The format
# ----------------------------------------------------------------------------------------------
def test_a_valid_page_parses_with_lines() -> None:
    first, second = parsed("fit-line", "fit-again")
    assert (first.line, second.line) == (22, 42)  # the fences, counted from the body's line 20
    assert first.exercise.hints == ["The normal equations.", "`np.linalg.solve(A, b)` solves `A w = b`."]
    assert first.line_of("solution") == 32 and first.line_of("starter") == 30
    assert first.exercise.setup.startswith("import numpy as np\n")


def test_a_page_with_one_exercise_needs_another() -> None:
    _, problems = page_exercises("t.md", page("fit-line"), 1)
    assert [str(p) for p in problems] == [
        f"docs/t.md:3: the page has 1 exercise(s), needs at least {MIN_EXERCISES} (add 2 ```exercise blocks "
        "under '## Check your understanding'; see the exercise format in the contributors' guide)"
    ]
    assert page_exercises("t.md", "No exercises here.", 1) == ([], [])
    assert len(page_exercises("t.md", "No exercises here.", 1, required=True)[1]) == 1


def test_the_required_exercises_rule_when_switched_on() -> None:
    """With ``required`` (the site sets ``extra.exercises_required``), a topic page without exercises is a problem."""
    site = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert site["extra"]["exercises_required"] is True  # the real site requires exercises on every topic page
    body = "## Check your understanding\n\n1. A question.\n"
    assert page_exercises("t/a.md", body, 30) == ([], [])
    [problem] = page_exercises("t/a.md", body, 30, required=True)[1]
    assert str(problem) == (
        "docs/t/a.md:30: the topic page has no coding exercises (add 2 ```exercise blocks under "
        "'## Check your understanding'; see the exercise format in the contributors' guide)"
    )
    assert problem.kind == "exercise"
    assert page_exercises("t/a.md", page("one", "two"), 30, required=True)[1] == []
    [problem] = page_exercises("t/a.md", page("one"), 30, required=True)[1]
    assert problem.message == f"the page has 1 exercise(s), needs at least {MIN_EXERCISES}"


def test_bad_yaml_is_located() -> None:
    body = page("one", "two").replace("title: Fit a line", "title: Fit: a line", 1)
    items, problems = page_exercises("t.md", body, 1)
    assert items[0] is None and items[1] is not None
    assert [(p.line, p.kind) for p in problems] == [(5, "exercise")]
    assert problems[0].message.startswith("the exercise is not valid YAML: mapping values are not allowed here")


def test_missing_and_misspelt_fields_are_located() -> None:
    body = page("one", "two").replace("hints:", "hint:", 1)
    _, problems = page_exercises("t.md", body, 1)
    assert [str(p) for p in problems] == ["docs/t.md:18: exercise: unknown field 'hint' (did you mean 'hints'?)"]


def test_code_that_is_not_python_is_located() -> None:
    body = page("one", "two").replace("w = ...  # your code", "w = = 1", 1)
    _, problems = page_exercises("t.md", body, 1)
    assert [(p.line, p.field) for p in problems] == [(11, "exercise.starter")]
    assert problems[0].message.startswith("the code is not valid Python: invalid syntax (its line 1)")


def test_duplicate_ids_and_unclosed_blocks() -> None:
    items, problems = page_exercises("t.md", page("same", "same"), 1)
    assert items[0] is not None and items[1] is None  # never two cards or notebook cells with one id
    assert [str(p) for p in problems] == [
        "docs/t.md:24: exercise id 'same' is already used by the exercise at line 3 (give each exercise its own id)"
    ]
    _, problems = page_exercises("t.md", page("one", "two").rstrip().removesuffix("```"), 1)
    assert [p.message for p in problems] == ["the exercise block is not closed"]


# ----------------------------------------------------------------------------------------------
# The cards
# ----------------------------------------------------------------------------------------------
def test_the_card_shows_the_task_and_folds_hints_and_solution_out_of_search() -> None:
    card = render_exercise(parsed("fit-line", "two")[0], 1)
    head, work = card.split("<section", 1)
    assert 'id="exercise-fit-line"' in head and "Exercise 1: Fit a line" in head and "Compute the weights" in head
    assert "np.linalg.solve(X.T" not in head  # the solution is only in the excluded section
    assert work.startswith(' class="rm-exercise__work" data-search-exclude markdown="1">')
    assert work.count("<section") == 0  # Material's search ends the exclusion at the first </section>
    assert "<summary>Hint 1</summary>" in work and "<summary>Show a solution</summary>" in work
    fold = work.split(">", 1)[1].lstrip()  # the work is one closed fold: laid out only when opened
    assert fold.startswith(f'<details class="rm-exercise__fold" markdown="1">\n<summary>{WORK_SUMMARY}</summary>')
    assert fold.rstrip().removesuffix("</div>").rstrip().removesuffix("</section>").rstrip().endswith("</details>")
    assert " open" not in fold.split(">", 1)[0]
    assert "```python\nw = np.linalg.solve(X.T @ X, X.T @ y)\n```" in work


def test_blocks_become_cards_with_the_links_before_the_first() -> None:
    markdown = "Intro\n\n" + page("a", "b") + "\nAfter\n"
    result = with_exercises(markdown, ["CARD-A", None], "LINKS")
    assert "```exercise" not in result
    assert result.index("LINKSCARD-A") < result.index(BROKEN) < result.index("After")


# ----------------------------------------------------------------------------------------------
# Verification
# ----------------------------------------------------------------------------------------------
def test_the_verification_notebook_checks_each_variant_on_its_own() -> None:
    items = parsed("fit-line", "two")
    notebook = verification_notebook(items)
    nbformat.validate(notebook)
    calls = [cell.source for cell in notebook.cells[2:]]
    assert len(calls) == 4
    assert calls[0].startswith("# exercise fit-line: its solution\nif False:")
    assert "    import numpy\n" in calls[0]  # the execution cache's fingerprint sees numpy
    assert "_mlroadmap_verify('fit-line', 'starter'" in calls[1]
    assert exercise_modules(items) == ["numpy"]


def verdict(exercise: str, variant: str, passed: bool, stage: str = "check", message: str = "") -> dict[str, object]:
    data = {"exercise": exercise, "variant": variant, "passed": passed, "stage": stage, "message": message}
    return {"output_type": "display_data", "data": {MIME: data}, "metadata": {}}


def run_with(*outputs: dict[str, object]) -> NotebookRun:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("", outputs=[o]) for o in outputs])
    return NotebookRun("t.md", "executed", notebook=notebook)


def test_a_failing_solution_and_a_passing_starter_are_reported_at_their_lines() -> None:
    items = parsed("one", "two")
    run = run_with(
        verdict("one", "solution", False, message="w: expected shape (2,), got (3,)"),
        verdict("one", "starter", True),
        verdict("two", "solution", False, stage="setup", message="NameError: name 'np' is not defined"),
        verdict("two", "starter", False, message="w is still ..."),
    )
    assert run.notebook is not None
    assert set(verdicts(run.notebook)) == {
        ("one", "solution"),
        ("one", "starter"),
        ("two", "solution"),
        ("two", "starter"),
    }
    assert [str(p) for p in verification_problems("t.md", items, run)] == [
        "docs/t.md:32: exercise 'one': the reference solution fails its check: w: expected shape (2,), got (3,) "
        "(fix the solution or the check: the check must pass on the reference solution)",
        "docs/t.md:30: exercise 'one': the starter code already passes the check "
        "(make the check test what the task asks: it must fail on the starter code)",
        "docs/t.md:46: exercise 'two': its set-up raises: NameError: name 'np' is not defined "
        "(fix the solution or the check: the check must pass on the reference solution)",
    ]


def test_a_timeout_is_reported_at_the_variant_that_ran_too_long() -> None:
    items = parsed("one", "two")
    run = NotebookRun("t.md", "timeout", cell=6, error="Cell timed out")
    [problem] = verification_problems("t.md", items, run)
    assert (problem.line, problem.message) == (50, "exercise 'two': checking its starter ran past the time limit")


# ----------------------------------------------------------------------------------------------
# The learner's notebook
# ----------------------------------------------------------------------------------------------
def test_the_learner_notebook_is_valid_clean_and_stable() -> None:
    items = parsed("fit-line", "two")
    notebook = learner_notebook("Linear regression", "https://example.org/core-ml/lr/", items)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert [cell.id for cell in notebook.cells[:3]] == ["introduction", "install", "check-helpers"]
    assert '"numpy": "numpy"' in notebook.cells[1].source and "find_spec" in notebook.cells[1].source
    assert "class ExerciseFailed(AssertionError)" in notebook.cells[2].source
    assert "np.linalg.solve(X.T" not in nbformat.writes(notebook)  # the solution stays on the page
    assert "https://example.org/core-ml/lr/#exercise-fit-line" in nbformat.writes(notebook)
    assert notebook_text("T", "u", items) == notebook_text("T", "u", items)  # no random cell ids


def run_cells(notebook: nbformat.NotebookNode, replace: dict[str, str]) -> dict[str, object]:
    """Run a notebook's code cells in one namespace, as a learner would, with some cells edited."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            exec(compile(replace.get(cell.id, cell.source), cell.id, "exec"), namespace)
    return namespace


def test_the_learner_notebook_checks_pass_on_the_solution_and_fail_on_the_starter(
    capsys: pytest.CaptureFixture[str],
) -> None:
    items = parsed("fit-line", "two")
    notebook = learner_notebook("T", "https://example.org/t/", items)
    solution = items[0].exercise.solution
    run_cells(notebook, {"fit-line-starter": solution, "two-starter": solution})
    assert "fit-line: passed" in capsys.readouterr().out
    with pytest.raises(AssertionError, match=r"^w is still \.\.\.: replace the \.\.\. with your code$"):
        run_cells(notebook, {})


def test_committed_notebooks_must_be_current(tmp_path: Path) -> None:
    text = notebook_text("T", "u", parsed("a", "b"))
    assert str(stale_problem("t.md", "topic", 3, text, tmp_path)) == (
        "docs/t.md:3: the exercises notebook exercises/topic.ipynb is missing "
        "(run ./run exercises and commit the result)"
    )
    assert write_notebooks(tmp_path, {"topic": text}) == (["exercises/topic.ipynb"], [])
    assert stale_problem("t.md", "topic", 3, text, tmp_path) is None
    problem = stale_problem("t.md", "topic", 3, text.replace("Fit a line", "Fit a curve"), tmp_path)
    assert problem is not None and "is out of date" in problem.message
    (tmp_path / notebook_path("gone")).write_text("{}", encoding="utf-8")
    assert [str(p) for p in orphan_problems(tmp_path, ["topic"])] == [
        "exercises/gone.ipynb: no topic page has exercises for this notebook "
        "(delete it (./run exercises does), or restore the page's exercises)"
    ]
    assert write_notebooks(tmp_path, {"topic": text}) == ([], ["exercises/gone.ipynb"])
    assert write_notebooks(tmp_path, {}) == ([], ["exercises/topic.ipynb"])
    assert not (tmp_path / "exercises").exists()


def test_the_example_in_the_format_docstring_is_valid() -> None:
    import mlroadmap.exercises as module

    example = textwrap.dedent((module.__doc__ or "").split("::\n\n", 1)[1].split("\n\nEvery problem")[0])
    _, problems = page_exercises("t.md", example + "\n" + example.replace("fit-line", "fit-again"), 1)
    assert problems == []


def test_the_guide_documents_every_key_and_helper() -> None:
    from conftest import REPO
    from mlroadmap import exercisecheck
    from mlroadmap.exercises import Exercise

    guide = (REPO / "docs" / "contributing" / "index.md").read_text(encoding="utf-8")
    missing = [name for name in [*Exercise.model_fields, *exercisecheck.__all__] if f"`{name}" not in guide]
    assert missing == []
