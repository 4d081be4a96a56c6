"""The roadmap as files to import into a tracker: a spreadsheet, Notion, Trello.

Each function takes the validated roadmap and the site's URL and returns file content; the hook
publishes them under ``downloads/``. Columns and checklists follow roadmap order.
"""

from __future__ import annotations

import csv
import io

from mlroadmap.graph import Roadmap
from mlroadmap.model import HOURS_PER_WEEK
from mlroadmap.sitepaths import absolute_url

CSV_COLUMNS = (
    "Phase",
    "Order",
    "Topic",
    "Level",
    "Effort (hours)",
    "Prerequisites",
    "Tags",
    "Page",
    "Status",
)


def roadmap_csv(roadmap: Roadmap, site_url: str) -> str:
    """One row per topic, for a spreadsheet or a Notion database (Import, then CSV)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for phase in roadmap.phases:
        for record in roadmap.topics_in(phase.id):
            topic = record.topic
            writer.writerow(
                [
                    phase.phase.title,
                    topic.order,
                    topic.title,
                    topic.level.value,
                    topic.effort_hours,
                    ", ".join(t.topic.title for t in roadmap.prerequisites_of(record)),
                    ", ".join(topic.tags),
                    absolute_url(site_url, record.src),
                    "Not started",
                ]
            )
    return buffer.getvalue()


def notion_markdown(roadmap: Roadmap, site_url: str) -> str:
    """A checklist page: a heading per phase, a to-do per topic (Notion imports it as a page)."""
    lines = ["# ML Roadmap", "", f"Study plan from {site_url} at {HOURS_PER_WEEK} hours a week.", ""]
    for phase in roadmap.phases:
        data = phase.phase
        lines += [f"## {data.title} ({data.duration})", "", f"Goal: {data.goal}", ""]
        for record in roadmap.topics_in(phase.id):
            lines.append(
                f"- [ ] [{record.topic.title}]({absolute_url(site_url, record.src)}) "
                f"({record.topic.effort_hours} h, {record.topic.level.value})"
            )
        lines.append("")
    return "\n".join(lines)


def trello_lists(roadmap: Roadmap) -> str:
    """Per phase, a block of card titles to paste into a Trello list's "Add a card" box.

    Trello offers to create one card per line when several lines are pasted there.
    """
    blocks = []
    for phase in roadmap.phases:
        titles = [f"{r.topic.order}. {r.topic.title} ({r.topic.effort_hours} h)" for r in roadmap.topics_in(phase.id)]
        blocks.append("\n".join([f"=== List: {phase.phase.title} ===", *titles]))
    return "\n\n".join(blocks) + "\n"
