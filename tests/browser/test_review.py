"""Spaced review: today's queue has the missed question, not the mastered one; the roadmap shows the count."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .quizdata import answer, blocking_violations, question_item, quiz_of
from .siteserver import Site


def test_the_queue_has_the_missed_question_and_not_the_mastered_one(page: Page, site: Site) -> None:
    quiz = quiz_of(site)
    missed, mastered, *unseen = quiz["questions"]
    page.goto(site.page(quiz["url"]))
    expect(answer(page, missed, right=False).locator(".rm-quiz__feedback")).to_contain_text("Not quite")
    expect(answer(page, mastered, right=True).locator(".rm-quiz__feedback")).to_have_text("Correct.")
    # The topic is started: its missed question is due, and the ones never tried are new.
    due = 1 + len(unseen)
    page.goto(site.page("review/"))
    expect(page.locator(".rm-review__summary")).to_contain_text(f"{due} questions to review today.")
    expect(page.locator(".rm-review__item")).to_have_count(due)
    expect(page.locator(".rm-review__item").first).to_have_attribute("data-rm-q", missed["id"])  # missed first
    expect(question_item(page, missed)).to_have_count(1)
    expect(question_item(page, mastered)).to_have_count(0)
    expect(question_item(page, missed).locator("legend")).to_have_text(missed["q"])
    expect(question_item(page, missed).get_by_role("link", name=quiz["title"])).to_have_attribute(
        "href", site.page(quiz["url"])
    )
    assert blocking_violations(page, "review") == []
    # The roadmap page shows how many are due.
    page.goto(site.page("roadmap/"))
    expect(page.locator(".rm-progress__review a")).to_have_text(f"{due} questions due for review today")
    # Answered right in the review, the missed question leaves today's queue.
    page.goto(site.page("review/"))
    expect(answer(page, missed, right=True).locator(".rm-quiz__feedback")).to_have_text("Correct.")
    page.reload()
    expect(page.locator(".rm-review__item")).to_have_count(due - 1)
    expect(question_item(page, missed)).to_have_count(0)


def test_with_nothing_started_there_is_nothing_to_review(page: Page, site: Site) -> None:
    page.goto(site.page("review/"))
    expect(page.locator(".rm-review__summary")).to_have_text(
        "Nothing to review today. Answer the quizzes on the topic pages you study, and missed questions come back here."
    )
    page.goto(site.page("roadmap/"))
    expect(page.locator(".rm-progress__review a")).to_have_text("0 questions due for review today")
