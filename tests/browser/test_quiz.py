"""Self-check quizzes on topic pages: feedback, a score kept by topic id, keyboard use, no JavaScript."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from .conftest import Watch, open_context
from .quizdata import QUIZ_TOPIC, answer, blocking_violations, question_item, quiz_of
from .siteserver import Site


def test_a_wrong_then_right_answer_shows_feedback_and_updates_the_score(page: Page, site: Site) -> None:
    quiz = quiz_of(site)
    questions = quiz["questions"]
    total = len(questions)
    page.goto(site.page(quiz["url"]))
    expect(page.locator(".rm-quiz__q")).to_have_count(total)
    score = page.locator(".rm-quiz__score")
    expect(score).to_contain_text("your score is kept in this browser")
    first = questions[0]
    item = answer(page, first, right=False)
    expect(item.locator(".rm-quiz__feedback")).to_have_text("Not quite. Try again, or open the answer to see why.")
    expect(item).to_have_class("rm-quiz__q is-wrong")
    expect(score).to_have_text(f"Your score: 0 of {total} right (0%).")
    item = answer(page, first, right=True)
    expect(item.locator(".rm-quiz__feedback")).to_have_text("Correct.")
    expect(item).to_have_class("rm-quiz__q is-right")
    expect(item.locator("details.rm-quiz__answer")).to_have_attribute("open", "")
    expect(score).to_have_text(f"Your score: 1 of {total} right ({round(100 / total)}%).")
    suggestion = page.locator(".rm-quiz__suggest")
    expect(suggestion).to_be_hidden()
    for question in questions[1:]:
        expect(answer(page, question, right=True).locator(".rm-quiz__feedback")).to_have_text("Correct.")
    expect(score).to_have_text(f"Your score: {total} of {total} right (100%).")
    # 80% or more: the quiz suggests marking the topic done, with the page's own control.
    expect(suggestion).to_be_visible()
    suggestion.get_by_role("button", name="Mark as done").click()
    expect(page.locator(".rm-done--top input")).to_be_checked()
    expect(suggestion).to_be_hidden()
    page.reload()
    expect(score).to_have_text(f"Your score: {total} of {total} right (100%).")
    stored = page.evaluate("JSON.parse(localStorage.getItem('ml-roadmap.quiz'))")
    assert stored["version"] == 1
    assert set(stored["topics"][QUIZ_TOPIC]) == {q["id"] for q in questions}


def test_a_quiz_works_with_the_keyboard_only(page: Page, site: Site) -> None:
    quiz = quiz_of(site)
    choice = next(q for q in quiz["questions"] if q["type"] == "single")
    page.goto(site.page(quiz["url"]))
    item = question_item(page, choice)
    item.locator("input").first.focus()
    page.keyboard.press("Space")  # select the first option
    for _ in range(choice["correct"][0]):
        page.keyboard.press("ArrowDown")  # move to the right one
    expect(item.locator("input").nth(choice["correct"][0])).to_be_checked()
    page.keyboard.press("Tab")
    expect(item.get_by_role("button", name="Check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(item.locator(".rm-quiz__feedback")).to_have_text("Correct.")
    numeric = next(q for q in quiz["questions"] if q["type"] == "numeric")
    field = question_item(page, numeric).locator("input")
    field.focus()
    page.keyboard.type(str(numeric["answer"]))
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(question_item(page, numeric).locator(".rm-quiz__feedback")).to_have_text("Correct.")
    assert blocking_violations(page, "topic page with its quiz answered") == []


def test_without_javascript_the_quiz_reads_with_answers_in_collapsed_details(browser: Browser, site: Site) -> None:
    quiz = quiz_of(site)
    watch = Watch()
    context = open_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    page.goto(site.page(quiz["url"]))
    items = page.locator(".rm-quiz__q")
    expect(items).to_have_count(len(quiz["questions"]))
    expect(page.locator(".rm-quiz__input").first).to_be_hidden()
    expect(page.get_by_role("button", name="Check")).to_have_count(0)
    for index, question in enumerate(quiz["questions"]):
        details = items.nth(index).locator("details.rm-quiz__answer")
        expect(details).not_to_have_attribute("open", "")
        expect(details.locator("summary")).to_have_text("Answer")
        expect(items.nth(index).locator("legend")).to_be_visible()
        assert "Answer:" in (details.text_content() or ""), question["q"]
    context.close()
    assert not watch.problems(), watch.problems()
