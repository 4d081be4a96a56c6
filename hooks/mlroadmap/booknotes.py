"""A book cited on several topic pages: each page's note names the chapter or section it means.

A learner who meets the same book on five pages should learn which part of it each page is about,
not be sent to the whole book five times.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mlroadmap.model import ResourceKind
from mlroadmap.problems import Problem
from mlroadmap.records import TopicRecord

KIND = "resources"

# "Chapter 6", "chapters 4-5", "ch. 3", "Section 5.4", "Part II", "Appendix B", "§2.3".
SECTION_RE = re.compile(
    r"(?:\b(?:chapters?|ch\.|sections?|parts?|appendix)\s*|§\s*)(?:[0-9]+|[IVX]+|[A-H])\b", re.IGNORECASE
)

BookCitation = tuple[TopicRecord, int]


def names_a_section(note: str) -> bool:
    """Whether a resource note names a chapter, section, part or appendix."""
    return SECTION_RE.search(note) is not None


def repeated_book_problems(topics: Sequence[TopicRecord]) -> list[Problem]:
    """Every note of a book cited on more than one topic page that names no chapter or section."""
    citations: dict[str, list[BookCitation]] = {}
    for record in topics:
        for index, resource in enumerate(record.topic.resources):
            if resource.kind is ResourceKind.BOOK:
                citations.setdefault(resource.url, []).append((record, index))
    problems: list[Problem] = []
    for cited in citations.values():
        pages = sorted({record.src for record, _ in cited})
        if len(pages) > 1:
            problems.extend(_vague_note(record, index, pages) for record, index in cited if _is_vague(record, index))
    return problems


def _is_vague(record: TopicRecord, index: int) -> bool:
    return not names_a_section(record.topic.resources[index].note)


def _vague_note(record: TopicRecord, index: int, pages: list[str]) -> Problem:
    others = ", ".join(f"docs/{src}" for src in pages if src != record.src)
    title = record.topic.resources[index].title
    message = f"the book '{title}' is also cited on {others}, but this note names no chapter or section"
    fix = "say which part of the book this page means, e.g. 'Chapter 6 covers ...'"
    return Problem(record.src, record.front.line_of(("resources", index, "note")), message, fix, "note", KIND)
