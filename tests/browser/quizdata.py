"""The quizzes as the built site publishes them (``quizzes.json``), and how a learner answers them.

Questions, answers and counts come from here, never from today's content.
"""

from __future__ import annotations

import json
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page

from .siteserver import Site

QUIZ_TOPIC = "k-means"  # one of the topic pages that has a quiz
BLOCKING = ("serious", "critical")


def quiz_of(site: Site, topic_id: str = QUIZ_TOPIC) -> dict[str, Any]:
    """A topic's entry of quizzes.json: id, title, url and questions."""
    data = json.loads((site.root / "quizzes.json").read_text(encoding="utf-8"))
    return next(topic for topic in data["topics"] if topic["id"] == topic_id)


def question_item(page: Page, question: dict[str, Any]) -> Locator:
    """The list item of a question on the page (a topic's quiz or the Review page)."""
    return page.locator(f'.rm-quiz__q[data-rm-q="{question["id"]}"]')


def fill_answer(item: Locator, question: dict[str, Any], right: bool) -> None:
    """Choose or type a right (or wrong) answer to ``question`` in its ``item``, without checking it."""
    if question["type"] == "numeric":
        value = question["answer"] if right else question["answer"] + 10 * question["tolerance"] + 1
        item.locator("input.rm-quiz__input").fill(str(value))
        return
    options = item.locator("input.rm-quiz__input")
    chosen = (
        question["correct"]
        if right
        else [n for n in range(len(question["options"])) if n not in question["correct"]][:1]
    )
    for index in range(len(question["options"])):
        if question["type"] == "multiple":
            options.nth(index).set_checked(index in chosen)
        elif index in chosen:
            options.nth(index).check()


def answer(page: Page, question: dict[str, Any], right: bool) -> Locator:
    """Answer a question right or wrong and check it; returns its item."""
    item = question_item(page, question)
    fill_answer(item, question, right)
    item.get_by_role("button", name="Check").click()
    return item


def blocking_violations(page: Page, name: str) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    result = Axe().run(page, options={"resultTypes": ["violations"]})
    return [
        f"{name}: {v['id']} [{v['impact']}] {v['help']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in result.response["violations"]
        if v["impact"] in BLOCKING
    ]
