"""Board downloads generated from the roadmap: CSV, Notion checklist, Trello card lists."""

from __future__ import annotations

import csv
import io

from conftest import small_roadmap
from mlroadmap.boards import CSV_COLUMNS, notion_markdown, roadmap_csv, trello_lists


def test_csv_has_a_row_per_topic_in_order_with_absolute_links() -> None:
    rows = list(csv.reader(io.StringIO(roadmap_csv(small_roadmap(), "https://example.org/site"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[2] for row in rows[1:]] == ["Topic alpha", "Topic beta"]
    assert rows[2][5] == "Topic alpha"  # prerequisites by title
    assert rows[1][7] == "https://example.org/site/basics/alpha/"
    assert all(row[8] == "Not started" for row in rows[1:])


def test_notion_checklist_has_a_heading_per_phase_and_a_todo_per_topic() -> None:
    text = notion_markdown(small_roadmap(), "https://example.org/")
    assert "## Phase 1: Basics (2-4 weeks)" in text
    assert "- [ ] [Topic alpha](https://example.org/basics/alpha/) (10 h, beginner)" in text
    assert text.count("- [ ]") == 2


def test_trello_lists_have_one_line_per_card() -> None:
    text = trello_lists(small_roadmap())
    assert text.splitlines()[:3] == ["=== List: Phase 1: Basics ===", "1. Topic alpha (10 h)", "2. Topic beta (10 h)"]
