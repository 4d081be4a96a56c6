"""MkDocs hooks: the self-check quizzes of topic pages, validated, rendered and published.

Thin adapters only: the format lives in ``mlroadmap.quiz``, its HTML and ``quizzes.json`` in
``mlroadmap.quizrender``. Listed after ``hooks/roadmap.py`` in mkdocs.yml, so a quiz is rendered
inside the page the roadmap hook has already wrapped.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files

from mlroadmap.load import TopicRecord, load_pages
from mlroadmap.problems import Problem, log_problems
from mlroadmap.quiz import Quiz, page_quiz
from mlroadmap.quizrender import JSON_PATH, quizzes_json, render_quiz, with_quiz

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.quizzes")

BROKEN_QUIZ = '<p class="rm-quiz-broken">This quiz has mistakes: the build log says where.</p>\n'

# Reset on every build: MkDocs keeps hook modules loaded across `mkdocs serve` rebuilds.
_quizzes: dict[str, tuple[str, Quiz]] = {}
_broken: set[str] = set()
# Kept across `mkdocs serve` rebuilds on purpose: a page's quiz is parsed again only when its text changed.
_page_quiz = functools.lru_cache(maxsize=512)(page_quiz)


# ----------------------------------------------------------------------------------------------
# Event handlers
# ----------------------------------------------------------------------------------------------
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate every topic page's quiz, log each problem, and publish ``quizzes.json``."""
    _quizzes.clear()
    _broken.clear()
    entries, problems = topic_quizzes(files, required=bool(config.extra.get("quiz_required", False)))
    log_problems(log, problems)
    _broken.update(problem.path for problem in problems)
    _quizzes.update({record.src: (record.id, quiz) for record, quiz in entries})
    published = [(record.id, record.topic.title, record.src, quiz) for record, quiz in entries]
    files.append(File.generated(config, JSON_PATH, content=quizzes_json(published)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace a topic page's quiz block with the quiz itself (a broken quiz never shows its answers)."""
    if page.file.src_uri in _broken:
        return with_quiz(markdown, BROKEN_QUIZ)
    entry = _quizzes.get(page.file.src_uri)
    if entry is None:
        return markdown
    topic_id, quiz = entry
    return with_quiz(markdown, render_quiz(quiz, topic_id))


# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------
def topic_quizzes(files: Files, required: bool) -> tuple[list[tuple[TopicRecord, Quiz]], list[Problem]]:
    """The valid quiz of each topic page, in path order, and the problems of all of them.

    With ``required`` (mkdocs.yml's ``extra.quiz_required``), a topic page without a quiz is a
    problem too.

    The pages come from the one loader, which remembers them: the roadmap hook has already read
    them this build, and reported their front matter problems.
    """
    pages = [f for f in files.documentation_pages() if f.src_uri.endswith(".md") and not f.generated_by]
    records = load_pages((file.src_uri, file.content_bytes) for file in pages).records
    entries: list[tuple[TopicRecord, Quiz]] = []
    problems: list[Problem] = []
    for record in sorted((r for r in records if isinstance(r, TopicRecord)), key=lambda r: r.src):
        quiz, quiz_problems = _page_quiz(record.src, record.front.body, record.front.body_start_line, required)
        problems += quiz_problems
        if quiz is not None:
            entries.append((record, quiz))
    return entries, problems
