"""Coding exercises: the ```` ```exercise ```` blocks of a topic page, parsed and validated.

An exercise is a fenced block whose info string is exactly ``exercise``, at the start of a line,
holding one YAML mapping (the format is documented in the contributors' guide)::

    ```exercise
    id: fit-line
    title: Fit a line with the normal equations
    task: Compute the weights `w` of a line through `X` and `y`.
    setup: |
      import numpy as np
      X = np.c_[np.ones(5), np.arange(5)]
      y = 1 + 2 * np.arange(5)
    starter: |
      w = ...  # your code
    solution: |
      w = np.linalg.solve(X.T @ X, X.T @ y)
    check: |
      expect_shape("w", w, (2,))
      expect_close("w", w, [1, 2], atol=1e-6)
    hints:
      - The normal equations are $X^\\top X w = X^\\top y$.
    ```

Every problem is a :class:`Problem` of kind ``exercise`` at its line in the page: block start
plus the line in the YAML. Each exercise is self-contained: its set-up, starter or solution and
check run on their own, never after another exercise's code.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationError, field_validator

from mlroadmap.frontmatter import FieldPath, FrontMatter
from mlroadmap.model import Slug, StrictModel, rule_error
from mlroadmap.problems import Problem
from mlroadmap.quiz import QuizBlock, block_yaml, find_fenced_blocks
from mlroadmap.records import TopicRecord
from mlroadmap.validation import describe_validation_error

KIND = "exercise"
INFO_STRING = "exercise"
MIN_EXERCISES = 2
"""The fewest exercises a topic page with exercises may have (and, when they are required, every one)."""
CODE_FIELDS = ("setup", "starter", "solution", "check")
ADD_EXERCISES = (
    f"add {MIN_EXERCISES} ```exercise blocks under '## Check your understanding'; "
    "see the exercise format in the contributors' guide"
)

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Prose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=3000)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Exercise(StrictModel):
    """One coding exercise: what to do, the code to start from, a check, hints and a solution."""

    id: Slug = Field(description="Unique on its page: lower-case words joined by hyphens, e.g. 'fit-line'.")
    title: Title = Field(description="A short title, shown on the card.")
    task: Prose = Field(description="What to do, in Markdown: name the variables or function the check reads.")
    setup: str = Field("", description="Code run first (imports, data); shown, and given in the notebook.")
    starter: Code = Field(description="The code the learner starts from; the check must fail on it.")
    solution: Code = Field(description="A reference solution; the check must pass on it.")
    check: Code = Field(description="Code that checks the result with the check helpers (expect_...).")
    hints: list[Prose] = Field(min_length=1, description="Hints, from a nudge to nearly the answer.")

    @field_validator(*CODE_FIELDS)
    @classmethod
    def _python(cls, value: str) -> str:
        try:
            ast.parse(value)
        except SyntaxError as error:
            raise rule_error(
                f"the code is not valid Python: {error.msg} (its line {error.lineno})",
                "fix the code; write ... where the learner fills something in",
            ) from None
        return value


@dataclass(frozen=True)
class PageExercise:
    """A valid exercise and where it is: its block's line, and the file line of each key."""

    line: int
    exercise: Exercise
    lines: dict[FieldPath, int]

    def line_of(self, key: str) -> int:
        """The file line of one key of the exercise (the block's line when it has none)."""
        return self.lines.get((key,), self.line)


def find_exercise_blocks(markdown: str, first_line: int = 1) -> list[QuizBlock]:
    """Every top-level ```` ```exercise ```` block of ``markdown``, in order."""
    return find_fenced_blocks(markdown, INFO_STRING, first_line)


def page_exercises(
    src: str, markdown: str, first_line: int = 1, required: bool = False
) -> tuple[list[PageExercise | None], list[Problem]]:
    """Each exercise block of a topic page's body (None when invalid), and the problems of all.

    ``first_line`` is the body's line in the file. A page with exercises needs at least
    :data:`MIN_EXERCISES`; with ``required`` (mkdocs.yml's ``extra.exercises_required``), a page
    without any is a problem too, at the body's first line.
    """
    blocks = find_exercise_blocks(markdown, first_line)
    results = [parse_exercise(src, block) for block in blocks]
    exercises = [exercise for exercise, _ in results]
    problems = [problem for _, found in results for problem in found]
    duplicates = _duplicate_ids(src, [e for e in exercises if e is not None])
    problems += [problem for _, problem in duplicates]
    repeated = {id(item) for item, _ in duplicates}
    exercises = [None if id(item) in repeated else item for item in exercises]
    if blocks and len(blocks) < MIN_EXERCISES:
        message = f"the page has {len(blocks)} exercise(s), needs at least {MIN_EXERCISES}"
        problems.append(Problem(src, blocks[0].line, message, ADD_EXERCISES, kind=KIND))
    elif required and not blocks:
        problems.append(Problem(src, first_line, "the topic page has no coding exercises", ADD_EXERCISES, kind=KIND))
    return exercises, problems


def valid_exercises(record: TopicRecord) -> list[PageExercise]:
    """The valid exercises of a topic page, in page order; reporting the invalid ones is the build's job."""
    items, _ = page_exercises(record.src, record.front.body, record.front.body_start_line)
    return [item for item in items if item is not None]


def parse_exercise(src: str, block: QuizBlock) -> tuple[PageExercise | None, list[Problem]]:
    """Validate one block: its YAML, then the exercise's fields."""
    if not block.closed:
        fix = "end it with a line of ```"
        return None, [Problem(src, block.line, "the exercise block is not closed", fix, kind=KIND)]
    fix = "check the indentation on this line and the one before it; write code as 'key: |' blocks"
    data, lines, problem = block_yaml(src, block, "exercise", fix, KIND)
    if problem is not None:
        return None, [problem]
    if not isinstance(data, dict):
        fix = "write 'id: ...', 'title: ...' and the other keys; see the exercise format in the contributors' guide"
        return None, [Problem(src, block.line, "the exercise is not a YAML mapping", fix, kind=KIND)]
    try:
        exercise = Exercise.model_validate(data)
    except ValidationError as error:
        front = FrontMatter(data=data, lines=lines)
        found = describe_validation_error(src, front, error, Exercise)
        return None, [_located(problem, block.line) for problem in found]
    return PageExercise(block.line, exercise, lines), []


def _located(problem: Problem, line: int) -> Problem:
    label = f"exercise.{problem.field}" if problem.field else "exercise"
    return replace(problem, line=problem.line or line, field=label, kind=KIND)


def _duplicate_ids(src: str, exercises: list[PageExercise]) -> list[tuple[PageExercise, Problem]]:
    """Each exercise whose id an earlier one has, with its problem."""
    first: dict[str, int] = {}
    found: list[tuple[PageExercise, Problem]] = []
    for item in exercises:
        known = first.setdefault(item.exercise.id, item.line)
        if known != item.line:
            message = f"exercise id '{item.exercise.id}' is already used by the exercise at line {known}"
            found.append((item, Problem(src, item.line_of("id"), message, "give each exercise its own id", kind=KIND)))
    return found
