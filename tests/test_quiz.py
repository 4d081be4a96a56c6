"""The quiz format (mlroadmap.quiz): blocks found, questions validated, problems located."""

from __future__ import annotations

import textwrap

import pytest
from mkdocs.utils.yaml import yaml_load

from conftest import REPO
from mlroadmap.quiz import MIN_QUESTIONS, Option, Question, find_quiz_blocks, page_quiz, question_id

SINGLE = """\
- q: Which step moves the centroids?
  options:
    - Assign
    - Update
  correct: 2
  why: The update step moves each centroid to its cluster's mean.
"""
NUMERIC = """\
- q: What is 2 + 2?
  type: numeric
  answer: 4
  tolerance: 0
  why: Two and two make four.
"""
MULTIPLE = """\
- q: Which are even?
  type: multiple
  options:
    - text: "2"
      why: 2 = 2 x 1.
    - text: "3"
      why: 3 is odd.
    - text: "4"
      why: 4 = 2 x 2.
  correct: [1, 3]
"""


def questions(count: int = MIN_QUESTIONS) -> str:
    """``count`` distinct valid questions of every type."""
    templates = [SINGLE, NUMERIC, MULTIPLE]
    return "".join(templates[n % 3].replace("- q: ", f"- q: ({n + 1}) ", 1) for n in range(count))


def body(quiz_yaml: str, before: str = "Text.\n\n") -> str:
    """A page body holding one quiz block."""
    return f"{before}```quiz\n{quiz_yaml}```\n\nAfter.\n"


def problems_of(quiz_yaml: str, first_line: int = 10) -> list[str]:
    """The problems of a body with this quiz, as messages, with the body starting on ``first_line``."""
    return [str(problem) for problem in page_quiz("t/a.md", body(quiz_yaml), first_line)[1]]


def test_a_valid_quiz_parses_with_every_question_type() -> None:
    quiz, problems = page_quiz("t/a.md", body(questions(6)), 10)
    assert problems == []
    assert quiz is not None
    assert quiz.line == 12  # body line 3
    assert [q.type for q in quiz.questions] == ["single", "numeric", "multiple"] * 2
    assert quiz.questions[0].correct_indices == (1,)
    assert quiz.questions[2].correct_indices == (0, 2)
    assert quiz.questions[2].options is not None and quiz.questions[2].options[1].why == "3 is odd."
    assert quiz.questions[1].answer == 4 and quiz.questions[1].tolerance == 0


def test_question_ids_are_hashes_of_the_text_ignoring_spacing_and_case() -> None:
    assert question_id("What is  k?") == question_id("what is k?\n")
    assert question_id("What is k?") != question_id("What is n?")
    assert len(question_id("x")) == 12
    assert Question(q="What is k?", options=[{"text": "a"}, {"text": "b"}], correct=1, why="w").id == question_id(
        "What is k?"
    )  # type: ignore[list-item]


def test_quiz_blocks_inside_other_fences_or_indented_are_content() -> None:
    source = "````markdown\n```quiz\n- q: shown as an example\n```\n````\n\n    ```quiz\n    indented\n    ```\n"
    assert find_quiz_blocks(source) == []
    blocks = find_quiz_blocks(source + "```quiz\n- q: x\n```\n", first_line=5)
    assert [(block.line, block.yaml_text) for block in blocks] == [(5 + 9, "- q: x")]


@pytest.mark.parametrize(
    ("mistake", "expected"),
    [
        (SINGLE.replace("  correct: 2\n", ""), "docs/t/a.md:13: quiz[1]: the question has no correct answer"),
        (SINGLE.replace("correct: 2", "correct: 5"), "docs/t/a.md:17: quiz[1].correct: option 5 does not exist"),
        (SINGLE.replace("correct: 2", "correct: 0"), "docs/t/a.md:17: quiz[1].correct: option 0 does not exist"),
        (SINGLE.replace("correct: 2", "correct: [1, 2]"), "docs/t/a.md:13: quiz[1]: a single-choice question has one"),
        (
            SINGLE.replace("correct: 2", "correct: [2, 2]").replace("- q:", "- type: multiple\n  q:"),
            "an option is listed twice",
        ),
        (NUMERIC.replace("  tolerance: 0\n", ""), "docs/t/a.md:13: quiz[1]: the numeric question has no tolerance"),
        (NUMERIC.replace("  answer: 4\n", ""), "docs/t/a.md:13: quiz[1]: the numeric question has no answer"),
        (
            NUMERIC.replace("  tolerance: 0\n", "  tolerance: -1\n"),
            "docs/t/a.md:16: quiz[1].tolerance: Input should be greater",
        ),
        (
            SINGLE.replace("  why: The update", "  wyh: The update"),
            "docs/t/a.md:18: quiz[1]: unknown field 'wyh' (did you mean 'why'?)",
        ),
        (
            MULTIPLE.replace("      why: 3 is odd.", "      wyh: 3 is odd."),
            "docs/t/a.md:19: quiz[1].options[2]: unknown field 'wyh' (did you mean 'why'?)",
        ),
        (
            MULTIPLE.replace("      why: 3 is odd.\n", ""),
            "quiz[1]: the question does not explain its answer (add 'why: ...'",
        ),
        (SINGLE.replace("    - Update\n", ""), "docs/t/a.md:14: quiz[1].options: has 1 item(s), needs at least 2"),
        (
            SINGLE.replace("- q:", "- type: truefalse\n  q:"),
            "docs/t/a.md:13: quiz[1].type: 'truefalse' is not allowed (use one of: ",
        ),
        (
            SINGLE + SINGLE.replace("Which step", "which  step"),
            "docs/t/a.md:19: quiz[2]: repeats question 1 (reword it or remove it)",
        ),
        (
            SINGLE.replace("Which step", "Step: which"),
            "docs/t/a.md:13: the quiz is not valid YAML: mapping values are not allowed",
        ),
        ("- q: a\n  q: b\n", "docs/t/a.md:14: key 'q' appears twice (first on line 13)"),
        ("- just text\n", "docs/t/a.md:12: the quiz is not a list of questions"),
    ],
)
def test_each_mistake_is_one_located_problem(mistake: str, expected: str) -> None:
    found = [p for p in problems_of(mistake + questions(MIN_QUESTIONS)) if "question(s), needs" not in p]
    assert len(found) == 1, found
    assert found[0].startswith(expected) or expected in found[0], found
    quiz, problems = page_quiz("t/a.md", body(mistake + questions()), 10)
    assert quiz is None and all(problem.kind == "quiz" and problem.fix for problem in problems)


def test_a_quiz_needs_enough_questions() -> None:
    assert problems_of(questions(MIN_QUESTIONS - 1)) == [
        f"docs/t/a.md:12: the quiz has {MIN_QUESTIONS - 1} question(s), needs at least {MIN_QUESTIONS} "
        "(add more questions)"
    ]
    assert problems_of(questions(MIN_QUESTIONS)) == []


def test_a_page_has_one_quiz_and_every_block_is_closed() -> None:
    two = body(questions()) + body(questions(), before="")
    assert [str(p) for p in page_quiz("t/a.md", two, 1)[1]] == [
        "docs/t/a.md:39: the page has a second quiz (merge it into the first one)"
    ]
    unclosed = "```quiz\n" + questions()
    assert [str(p) for p in page_quiz("t/a.md", unclosed, 1)[1]] == [
        "docs/t/a.md:1: the quiz block is not closed (end it with a line of ```)"
    ]


def test_the_required_quiz_rule_when_switched_on() -> None:
    """With ``required`` (the site sets ``extra.quiz_required``), a topic page without a quiz is a problem."""
    site = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert site["extra"]["quiz_required"] is True  # the real site requires a quiz on every topic page
    assert page_quiz("t/a.md", "## Check your understanding\n\n1. A question.\n", 30)[1] == []
    [problem] = page_quiz("t/a.md", "## Check your understanding\n\n1. A question.\n", 30, required=True)[1]
    assert str(problem).startswith("docs/t/a.md:30: the topic page has no quiz (add a ```quiz block")
    assert problem.kind == "quiz"
    assert page_quiz("t/a.md", body(questions()), 30, required=True)[1] == []


def test_options_are_text_and_yaml_booleans_are_reported() -> None:
    block = textwrap.dedent(
        """\
        - q: "Quoted: with a colon"
          options: [1, 2.5, "yes"]
          correct: 1
          why: Quoting keeps the colon.
        """
    )
    quiz, problems = page_quiz("t/a.md", body(block + questions()), 1)
    assert problems == [] and quiz is not None
    assert quiz.questions[0].q == "Quoted: with a colon"
    assert quiz.questions[0].options is not None and [o.text for o in quiz.questions[0].options] == ["1", "2.5", "yes"]
    unquoted = block.replace('"yes"', "yes")
    [problem] = page_quiz("t/a.md", body(unquoted + questions()), 1)[1]
    assert str(problem).startswith("docs/t/a.md:5: quiz[1].options[3].text: Input should be a valid string")
    assert "quote it" in problem.fix


def test_the_contributors_guide_documents_every_quiz_key() -> None:
    guide = (REPO / "docs" / "contributing" / "index.md").read_text(encoding="utf-8")
    missing = [name for model in (Question, Option) for name in model.model_fields if f"`{name}`" not in guide]
    assert missing == []
    example = guide.split("````markdown\n```quiz\n", 1)[1].split("```\n````", 1)[0]
    quiz, problems = page_quiz("contributing/index.md", "```quiz\n" + example + questions(2) + "```\n")
    assert problems == [] and quiz is not None  # the guide's example is a valid quiz
