"""Self-check quizzes: the ```` ```quiz ```` block of a topic page, parsed and validated.

A quiz is a fenced block whose info string is exactly ``quiz``, at the start of a line, holding
a YAML list of questions (the format is documented in the contributors' guide)::

    ```quiz
    - q: Which step of Lloyd's algorithm moves the centroids?
      options:
        - Assign every point to its nearest centroid
        - Move each centroid to the mean of its points
      correct: 2
      why: With the assignments fixed, the mean is the point closest to its cluster.
    ```

Options are counted from 1, as a reader counts them. Every problem is a :class:`Problem` of kind
``quiz`` at its line in the page: block start plus the line in the YAML.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, StringConstraints, ValidationError, ValidationInfo, field_validator, model_validator

from mlroadmap.frontmatter import FieldPath, FrontMatter, FrontMatterError, yaml_lines
from mlroadmap.model import StrictModel, rule_error
from mlroadmap.problems import Problem
from mlroadmap.validation import describe_validation_error, field_label

MIN_QUESTIONS = 5
"""The fewest questions a topic's quiz may have."""

KIND = "quiz"
INFO_STRING = "quiz"
FENCE_RE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*?)[ \t]*$")
ADD_QUIZ = "add a ```quiz block under '## Check your understanding'; see the quiz format in the contributors' guide"

QuizText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class Option(StrictModel):
    """One option of a choice question, when it carries its own explanation."""

    text: QuizText = Field(description="What the learner reads.")
    why: QuizText | None = Field(None, description="Why this option is right or wrong.")


class Question(StrictModel):
    """One question of a quiz: single or multiple choice, or a number within a tolerance."""

    q: QuizText = Field(description="The question, in Markdown (maths as $...$).")
    type: Literal["single", "multiple", "numeric"] = Field("single", description="single, multiple or numeric.")
    options: list[Option] | None = Field(None, min_length=2, description="The choices, at least two.")
    correct: int | list[int] | None = Field(None, description="The right option(s), counted from 1.")
    answer: float | None = Field(None, description="A numeric question's answer.")
    tolerance: float | None = Field(None, ge=0, description="How far from 'answer' still counts as right.")
    why: QuizText | None = Field(None, description="Why the answer is right (or a 'why' on every option).")

    @field_validator("options", mode="before")
    @classmethod
    def _options_as_mappings(cls, value: object) -> object:
        """An option written as plain text (or a number) is an option without its own 'why'."""
        if not isinstance(value, list):
            return value
        return [{"text": _plain(item)} if isinstance(item, str | int | float) else item for item in value]

    @field_validator("correct")
    @classmethod
    def _correct_in_range(cls, value: int | list[int] | None, info: ValidationInfo) -> int | list[int] | None:
        options = info.data.get("options")
        numbers = value if isinstance(value, list) else [value] if value is not None else []
        if options is not None:
            for number in numbers:
                if not 1 <= number <= len(options):
                    raise rule_error(
                        f"option {number} does not exist: the question has {len(options)} options",
                        f"count the options from 1, up to {len(options)}",
                    )
        if len(set(numbers)) != len(numbers):
            raise rule_error("an option is listed twice", "list each right option once")
        return value

    @model_validator(mode="after")
    def _has_answer_and_explanation(self) -> Question:
        problem = next(self._rule_problems(), None)
        if problem is not None:
            raise rule_error(*problem)
        return self

    def _rule_problems(self) -> Iterator[tuple[str, str]]:
        if self.type == "numeric":
            if self.options is not None or self.correct is not None:
                yield "a numeric question has no options", "remove 'options' and 'correct', or use type: single"
            if self.answer is None:
                yield "the numeric question has no answer", "add 'answer: <number>'"
            if self.tolerance is None:
                yield "the numeric question has no tolerance", "add 'tolerance: <how far from the answer counts>'"
        else:
            if self.answer is not None or self.tolerance is not None:
                yield (
                    "a choice question has no 'answer'",
                    "mark the right option(s) with 'correct', or use type: numeric",
                )
            if self.options is None:
                yield "the question has no options", "add 'options:' with at least two choices"
            if not self.correct_indices:
                yield "the question has no correct answer", "add 'correct: <number of the right option>'"
            if self.type == "single" and len(self.correct_indices) > 1:
                yield "a single-choice question has one right option", "use type: multiple"
        if self.why is None and not (self.options and all(option.why for option in self.options)):
            yield "the question does not explain its answer", "add 'why: ...' (or a 'why' to every option)"

    @property
    def correct_indices(self) -> tuple[int, ...]:
        """The right options, counted from 0."""
        numbers = self.correct if isinstance(self.correct, list) else [self.correct] if self.correct else []
        return tuple(number - 1 for number in numbers)

    @property
    def id(self) -> str:
        """A stable id: a hash of the question's text (spacing and case ignored)."""
        return question_id(self.q)


@dataclass(frozen=True)
class QuizBlock:
    """A ```` ```quiz ```` (or other YAML) block: its YAML, and where it is (``start``/``end``: line indexes)."""

    line: int
    yaml_text: str
    start: int
    end: int
    closed: bool = True


@dataclass(frozen=True)
class Quiz:
    """A valid quiz: its questions, and the page line of its block."""

    line: int
    questions: tuple[Question, ...]


def question_id(text: str) -> str:
    """A question's id: the first 12 hex digits of the SHA-256 of its normalised text."""
    normal = " ".join(text.split()).lower()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def find_quiz_blocks(markdown: str, first_line: int = 1) -> list[QuizBlock]:
    """Every top-level ```` ```quiz ```` block of ``markdown`` (fences inside other fences are content)."""
    return find_fenced_blocks(markdown, INFO_STRING, first_line)


def find_fenced_blocks(markdown: str, info: str, first_line: int = 1) -> list[QuizBlock]:
    """Every top-level fenced block of ``markdown`` whose info string is exactly ``info``."""
    lines = markdown.split("\n")
    blocks: list[QuizBlock] = []
    index = 0
    while index < len(lines):
        match = FENCE_RE.match(lines[index])
        if match is None:
            index += 1
            continue
        fence = match.group("fence")
        end = _closing_fence(lines, index + 1, fence)
        if match.group("info") == info and not match.group("indent"):
            text = "\n".join(lines[index + 1 : end])
            blocks.append(QuizBlock(first_line + index, text, index, min(end, len(lines) - 1), end < len(lines)))
        index = end + 1
    return blocks


def page_quiz(
    src: str, markdown: str, first_line: int = 1, required: bool = False
) -> tuple[Quiz | None, list[Problem]]:
    """The quiz of a topic page's body (``first_line``: its line in the file) and its problems.

    With ``required``, a page without a quiz is a problem too.
    """
    blocks = find_quiz_blocks(markdown, first_line)
    if not blocks:
        problem = Problem(src, first_line, "the topic page has no quiz", ADD_QUIZ, kind=KIND)
        return None, [problem] if required else []
    problems = [
        Problem(src, block.line, "the page has a second quiz", "merge it into the first one", kind=KIND)
        for block in blocks[1:]
    ]
    quiz, quiz_problems = parse_quiz(src, blocks[0])
    return (quiz if not quiz_problems else None), problems + quiz_problems


def block_yaml(
    src: str, block: QuizBlock, noun: str, fix: str, kind: str
) -> tuple[Any, dict[FieldPath, int], Problem | None]:
    """The YAML of a fenced block (quiz, exercise), the file line of each key, or the problem with it."""
    try:
        node = yaml.compose(block.yaml_text, Loader=yaml.SafeLoader)
        lines = yaml_lines(node, block.line + 1) if node is not None else {}
        return yaml.safe_load(block.yaml_text), lines, None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = block.line + 1 + (mark.line if mark else 0)
        what = " ".join(str(part) for part in (error.context, error.problem) if part)
        return None, {}, Problem(src, line, f"the {noun} is not valid YAML: {what}", fix, kind=kind)
    except FrontMatterError as error:
        message = error.message.replace("field", "key", 1)
        return None, {}, Problem(src, error.line, message, error.fix, kind=kind)


def parse_quiz(src: str, block: QuizBlock) -> tuple[Quiz | None, list[Problem]]:
    """Validate one block: YAML, each question, duplicates and the number of questions."""
    if not block.closed:
        return None, [Problem(src, block.line, "the quiz block is not closed", "end it with a line of ```", kind=KIND)]
    fix = "check the indentation and quoting on this line and the one before it"
    data, lines, problem = block_yaml(src, block, "quiz", fix, KIND)
    if problem is not None:
        return None, [problem]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        fix = "write one '- q: ...' item per question; see the quiz format in the contributors' guide"
        return None, [Problem(src, block.line, "the quiz is not a list of questions", fix, kind=KIND)]
    questions: list[Question] = []
    problems: list[Problem] = []
    for index, item in enumerate(data):
        question, question_problems = _question(src, index, item, lines)
        problems += question_problems
        if question is not None:
            questions.append(question)
    problems += _duplicates(src, data, lines)
    if len(data) < MIN_QUESTIONS:
        message = f"the quiz has {len(data)} question(s), needs at least {MIN_QUESTIONS}"
        problems.append(Problem(src, block.line, message, "add more questions", kind=KIND))
    return (Quiz(block.line, tuple(questions)) if not problems else None), problems


def _question(
    src: str, index: int, item: dict[str, object], lines: dict[FieldPath, int]
) -> tuple[Question | None, list[Problem]]:
    own_lines = {path[1:]: line for path, line in lines.items() if path[:1] == (index,)}
    try:
        return Question.model_validate(item), []
    except ValidationError as error:
        front = FrontMatter(data=item, lines=own_lines)
        return None, [
            _as_quiz_problem(problem, index) for problem in describe_validation_error(src, front, error, Question)
        ]


def _as_quiz_problem(problem: Problem, index: int) -> Problem:
    label = field_label(("quiz", index))
    return replace(problem, field=f"{label}.{problem.field}" if problem.field else label, kind=KIND)


def _duplicates(src: str, data: list[dict[str, object]], lines: dict[FieldPath, int]) -> list[Problem]:
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for index, item in enumerate(data):
        text = item.get("q")
        if not isinstance(text, str):
            continue
        key = question_id(text)
        if key in first:
            message = f"repeats question {first[key] + 1}"
            line = lines.get((index, "q"), lines.get((index,)))
            problems.append(Problem(src, line, message, "reword it or remove it", field_label(("quiz", index)), KIND))
        else:
            first[key] = index
    return problems


def _plain(item: str | float) -> str | bool:
    """An option's text: numbers as written (YAML's ``yes``/``no`` stay booleans, reported as not text)."""
    return item if isinstance(item, bool) else str(item)


def _closing_fence(lines: list[str], start: int, fence: str) -> int:
    """The index of the line that closes ``fence`` (``len(lines)`` when none does)."""
    for index in range(start, len(lines)):
        match = FENCE_RE.match(lines[index])
        if (
            match
            and match.group("fence")[0] == fence[0]
            and len(match.group("fence")) >= len(fence)
            and not match.group("info")
        ):
            return index
    return len(lines)
