"""Quizzes on the site (mlroadmap.quizrender, hooks/quizzes.py): the page's HTML, quizzes.json, search."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import REPO, BuildResult, run_build, topic_page
from mlroadmap.buildlog import collect_warnings
from mlroadmap.quiz import page_quiz
from mlroadmap.quizrender import quizzes_data, render_quiz, with_quiz

QUIZ = """\
- q: Which step moves the centroids, $\\mu_j$?
  options:
    - Assign
    - text: Update
      why: It moves each centroid to the **mean**.
  correct: 2
  why: The update step moves them.
- q: What is 2 + 2?
  type: numeric
  answer: 4
  tolerance: 0.5
  why: Two and two make four.
- q: Which are even?
  type: multiple
  options: ["2", "3", "4"]
  correct: [1, 3]
  why: They divide by two.
- q: Is 7 prime?
  options: ["Yes, it is prime", "No, it is not"]
  correct: 1
  why: Its only divisors are 1 and 7.
- q: What is 10 / 4?
  type: numeric
  answer: 2.5
  tolerance: 0
  why: Ten quarters make two and a half.
"""
QUIZ_PAGE = topic_page("alpha", 1) + "\nSelf-check:\n\n```quiz\n" + QUIZ + "```\n"
QUESTIONS = re.findall(r"^- q: (.+)$", QUIZ, re.MULTILINE)


def parsed() -> tuple[str, object]:
    """The test quiz's page body and parsed quiz."""
    quiz, problems = page_quiz("basics/alpha.md", "```quiz\n" + QUIZ + "```\n")
    assert problems == [] and quiz is not None
    return QUIZ, quiz


def test_the_quiz_html_has_inputs_answers_in_details_and_is_left_out_of_search() -> None:
    _, quiz = parsed()
    html = render_quiz(quiz, "alpha")  # type: ignore[arg-type]
    assert html.startswith('<section class="rm-quiz" data-rm-quiz="alpha"')
    assert "data-search-exclude" in html.split("\n")[0]
    assert html.count('<li class="rm-quiz__q"') == len(QUESTIONS)
    assert html.count("<details") == len(QUESTIONS)
    assert 'data-rm-type="single"' in html and 'data-rm-correct="1"' in html
    assert 'data-rm-type="multiple"' in html and 'data-rm-correct="0 2"' in html
    assert 'data-rm-answer="4" data-rm-tolerance="0.5"' in html
    assert "<strong>Answer: B.</strong> The update step moves them." in html
    assert "<strong>Answer: A and C.</strong>" in html
    assert "<strong>Answer: 4 (± 0.5).</strong>" in html and "<strong>Answer: 2.5.</strong>" in html
    assert "<strong>B.</strong> It moves each centroid to the **mean**." in html
    assert html.count('type="radio"') == 4 and html.count('type="checkbox"') == 3
    assert "\n\n" not in html  # a blank line would end md_in_html's block


def test_with_quiz_replaces_the_first_block_and_drops_others() -> None:
    markdown = "A\n\n```quiz\n- q: x\n```\n\nB\n\n```quiz\n- q: y\n```\nC"
    assert with_quiz(markdown, "<QUIZ>") == "A\n\n<QUIZ>\n\nB\n\n\nC"


def test_quizzes_data_lists_every_question_by_topic_with_its_url() -> None:
    _, quiz = parsed()
    data = quizzes_data([("alpha", "Topic alpha", "basics/alpha.md", quiz)])  # type: ignore[list-item]
    [topic] = data["topics"]
    assert (topic["id"], topic["title"], topic["url"]) == ("alpha", "Topic alpha", "basics/alpha/")
    assert [q["q"] for q in topic["questions"]] == QUESTIONS
    first, numeric, multiple = topic["questions"][:3]
    assert first["options"] == ["Assign", "Update"] and first["correct"] == [1] and len(first["id"]) == 12
    assert (numeric["answer"], numeric["tolerance"]) == (4, 0.5) and "options" not in numeric
    assert multiple["correct"] == [0, 2]


def with_quiz_hook_and_search(config_file: Path) -> Path:
    """The small site's mkdocs.yml with Material's search and the site's Markdown extensions."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    config["markdown_extensions"] = [*config["markdown_extensions"], "pymdownx.details"]
    config_file.write_text(yaml.dump(config), encoding="utf-8")
    return config_file


def test_a_built_page_shows_the_quiz_and_search_never_sees_it(small_site: Callable[..., Path], tmp_path: Path) -> None:
    config = with_quiz_hook_and_search(small_site({"basics/alpha.md": QUIZ_PAGE}))
    result: BuildResult = run_build(config, tmp_path / "site")
    assert result.ok, result.warnings
    html = result.html("basics/alpha/")
    assert html.count('class="rm-quiz__q"') == len(QUESTIONS)
    assert "```quiz" not in html and "- q:" not in html
    index = json.dumps(json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8")))
    assert "Self-check" in index  # the page itself is indexed
    for text in ["Which step moves the centroids", "What is 2 + 2", "Which are even", "Is 7 prime", "The update step"]:
        assert text in html
        assert text not in index, text
    data = json.loads((tmp_path / "site" / "quizzes.json").read_text(encoding="utf-8"))
    assert [topic["id"] for topic in data["topics"]] == ["alpha"]


def test_a_broken_quiz_fails_the_strict_build_at_its_line(small_site: Callable[..., Path], tmp_path: Path) -> None:
    broken = QUIZ_PAGE.replace("  tolerance: 0.5\n", "")
    line = broken.split("\n").index("- q: What is 2 + 2?") + 1
    result = run_build(small_site({"basics/alpha.md": broken}), tmp_path / "site")
    assert not result.ok
    assert result.warnings == [
        f"docs/basics/alpha.md:{line}: quiz[2]: the numeric question has no tolerance "
        "(add 'tolerance: <how far from the answer counts>')"
    ]
    # Served without --strict (mkdocs serve), the page says so and shows no answers.
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False)
    with collect_warnings():
        build(config)
    html = (tmp_path / "site" / "basics" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "This quiz has mistakes" in html and "Two and two make four" not in html


QUIZ_BLOCK_RE = re.compile(r"^```quiz\n.*?^```\n", re.MULTILINE | re.DOTALL)


def test_the_real_sites_quizzes_are_published_and_never_searchable(real_site: BuildResult) -> None:
    assert real_site.ok, real_site.error
    data = json.loads((real_site.site_dir / "quizzes.json").read_text(encoding="utf-8"))
    assert data["topics"], "no topic has a quiz"
    index = json.dumps(json.loads((real_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")))
    for topic in data["topics"]:
        html = real_site.html(topic["url"])
        assert html.count('class="rm-quiz__q"') == len(topic["questions"]) >= 5
        source = (REPO / "docs" / (topic["url"].rstrip("/") + ".md")).read_text(encoding="utf-8")
        prose = QUIZ_BLOCK_RE.sub("", source)  # the page's own text, which search does index
        for question in topic["questions"]:
            assert question["id"] in html
            text = " ".join(question["why"].split())[:60]
            if text not in " ".join(prose.split()):  # text found only in the quiz is never indexed
                assert json.dumps(text)[1:-1] not in index, question["q"]
