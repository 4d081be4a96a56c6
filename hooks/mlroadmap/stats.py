"""Content figures: how many topic pages, how long, how many resources of each kind."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from mlroadmap.load import load_pages, read_docs
from mlroadmap.records import TopicRecord

FENCE_RE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
DISPLAY_MATH_RE = re.compile(r"^\$\$.*?^\$\$[ \t]*$", re.MULTILINE | re.DOTALL)
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")  # apostrophes straight or curly

# How long a topic page's prose may be for its declared effort: a base plus words per study hour.
MIN_WORDS_BASE, MIN_WORDS_PER_HOUR = 500, 20
MAX_WORDS_BASE, MAX_WORDS_PER_HOUR = 1200, 60


def prose_words(body: str) -> int:
    """Words of prose in a Markdown body: code blocks and display maths do not count."""
    text = DISPLAY_MATH_RE.sub(" ", FENCE_RE.sub(" ", body))
    return len(WORD_RE.findall(text))


def prose_word_range(effort_hours: int) -> tuple[int, int]:
    """The prose words a topic page of ``effort_hours`` should have: (fewest, most).

    A page is the guide to its hours of study, not all of it, so the range grows slowly with the
    hours: a 5-hour topic has 600-1,500 words, a 40-hour one 1,300-3,600.
    """
    low = MIN_WORDS_BASE + MIN_WORDS_PER_HOUR * effort_hours
    high = MAX_WORDS_BASE + MAX_WORDS_PER_HOUR * effort_hours
    return low, high


@dataclass(frozen=True)
class ContentStats:
    """Figures over the topic pages of a docs folder."""

    words: dict[str, int]
    resources_by_kind: dict[str, int]
    resources_by_cost: dict[str, int]

    @property
    def pages(self) -> int:
        """Number of topic pages."""
        return len(self.words)

    @property
    def median_words(self) -> float:
        """Median prose words per topic page."""
        return statistics.median(self.words.values())

    @property
    def min_words(self) -> tuple[str, int]:
        """The shortest topic page and its prose words."""
        src = min(self.words, key=lambda s: self.words[s])
        return src, self.words[src]


def topic_records(docs_dir: Path) -> list[TopicRecord]:
    """Every valid topic page under ``docs_dir``."""
    records, _ = load_pages(read_docs(docs_dir))
    return [record for record in records if isinstance(record, TopicRecord)]


def content_stats(docs_dir: Path) -> ContentStats:
    """Word counts and resource counts over the topic pages of ``docs_dir``."""
    records = topic_records(docs_dir)
    resources = [r for record in records for r in record.topic.resources]
    return ContentStats(
        words={record.src: prose_words(record.front.body) for record in records},
        resources_by_kind=dict(Counter(r.kind.value for r in resources).most_common()),
        resources_by_cost=dict(Counter(r.cost.value for r in resources).most_common()),
    )
