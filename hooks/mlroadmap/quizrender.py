"""A quiz as the site shows it: HTML for its topic page, and ``quizzes.json`` for the Review page.

The page's quiz is written at the Markdown stage, as HTML blocks that ``md_in_html`` fills with
the questions' Markdown (maths included). Without JavaScript it reads as a list of questions with
each answer and its explanation in a collapsed ``<details>``; ``quiz.js`` makes it interactive.
The whole quiz carries ``data-search-exclude``: questions and answers never enter the search
index. It is a ``<section>``, a tag nothing inside it uses: Material's search parser ends an
exclusion at the first closing tag of the same name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from mlroadmap.quiz import Question, Quiz, find_quiz_blocks
from mlroadmap.sitepaths import page_url

JSON_PATH = "quizzes.json"
SCHEMA_VERSION = 1
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NEWLINES_RE = re.compile(r"[ \t]*\n\s*")
EXCLUDE = "data-search-exclude"


def render_quiz(quiz: Quiz, topic_id: str) -> str:
    """The quiz as HTML blocks with Markdown inside, for ``md_in_html``."""
    questions = "\n".join(_question(question) for question in quiz.questions)
    return (
        f'<section class="rm-quiz" data-rm-quiz="{topic_id}" aria-label="Self-check quiz" {EXCLUDE} markdown="1">\n'
        f'<ol class="rm-quiz__questions" markdown="1">\n{questions}\n</ol>\n</section>\n'
    )


def with_quiz(markdown: str, html: str) -> str:
    """``markdown`` with its first quiz block replaced by ``html`` and any other quiz block removed."""
    blocks = find_quiz_blocks(markdown)
    lines = markdown.split("\n")
    for number, block in reversed(list(enumerate(blocks))):
        lines[block.start : block.end + 1] = [html if number == 0 else ""]
    return "\n".join(lines)


def quizzes_data(quizzes: Iterable[tuple[str, str, str, Quiz]]) -> dict[str, Any]:
    """Every quiz as data, from ``(topic id, title, src, quiz)``: what the Review page asks."""
    return {
        "schema_version": SCHEMA_VERSION,
        "topics": [
            {
                "id": topic_id,
                "title": title,
                "url": page_url(src),
                "questions": [_question_data(q) for q in quiz.questions],
            }
            for topic_id, title, src, quiz in quizzes
        ],
    }


def quizzes_json(quizzes: Iterable[tuple[str, str, str, Quiz]]) -> str:
    """``quizzes_data`` as compact, key-stable JSON."""
    return json.dumps(quizzes_data(quizzes), ensure_ascii=False, separators=(",", ":")) + "\n"


def number_text(value: float) -> str:
    """A number as people write it: ``9.17``, ``3``, ``0.001``."""
    return f"{value:.10g}"


def _question(question: Question) -> str:
    attributes = f'data-rm-q="{question.id}" data-rm-type="{question.type}"'
    if question.type == "numeric":
        answer, tolerance = number_text(question.answer or 0), number_text(question.tolerance or 0)
        attributes += f' data-rm-answer="{answer}" data-rm-tolerance="{tolerance}"'
    else:
        attributes += f' data-rm-correct="{" ".join(str(i) for i in question.correct_indices)}"'
    return (
        f'<li class="rm-quiz__q" {attributes} markdown="1">\n'
        f'<fieldset class="rm-quiz__group" markdown="1">\n'
        f'<legend class="rm-quiz__text" markdown="span">{_inline(question.q)}</legend>\n'
        f"{_inputs(question)}\n</fieldset>\n{_answer(question)}\n</li>"
    )


def _inputs(question: Question) -> str:
    if question.type == "numeric":
        return (
            f'<p class="rm-quiz__numeric"><label>Your answer <input class="rm-quiz__input" type="text" '
            f'inputmode="decimal" autocomplete="off" name="rm-q-{question.id}"></label></p>'
        )
    kind = "radio" if question.type == "single" else "checkbox"
    return "\n".join(
        f'<p class="rm-quiz__option" markdown="span"><label><input class="rm-quiz__input" type="{kind}" '
        f'name="rm-q-{question.id}" value="{index}"> <b class="rm-quiz__letter">{LETTERS[index]}.</b> '
        f"{_inline(option.text)}</label></p>"
        for index, option in enumerate(question.options or ())
    )


def _answer(question: Question) -> str:
    if question.type == "numeric":
        tolerance = f" (± {number_text(question.tolerance)})" if question.tolerance else ""
        answer = f"{number_text(question.answer or 0)}{tolerance}"
    else:
        answer = " and ".join(LETTERS[index] for index in question.correct_indices)
    parts = [f'<p markdown="span"><strong>Answer: {answer}.</strong> {_inline(question.why or "")}</p>']
    explained = [(index, option.why) for index, option in enumerate(question.options or ()) if option.why]
    if explained:
        items = "\n".join(
            f'<li markdown="span"><strong>{LETTERS[i]}.</strong> {_inline(why)}</li>' for i, why in explained
        )
        parts.append(f'<ul class="rm-quiz__whys" markdown="1">\n{items}\n</ul>')
    body = "\n".join(parts)
    return f'<details class="rm-quiz__answer" markdown="1">\n<summary>Answer</summary>\n{body}\n</details>'


def _question_data(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"id": question.id, "type": question.type, "q": question.q}
    if question.type == "numeric":
        data |= {"answer": question.answer, "tolerance": question.tolerance}
    else:
        data |= {
            "options": [option.text for option in question.options or ()],
            "correct": list(question.correct_indices),
        }
    data["why"] = question.why or " ".join(f"{LETTERS[i]}: {o.why}" for i, o in enumerate(question.options or ()))
    return data


def _inline(text: str) -> str:
    """Text on one line, so a blank line in it never ends the HTML block around it."""
    return NEWLINES_RE.sub(" ", text.strip())
