"""Markdown generated from front matter: topic and phase blocks, and the roadmap index page.

Every function here is pure: records in, Markdown out. Links are relative ``.md`` links, so
MkDocs validates them and rewrites them to page URLs like any hand-written link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from html import escape

from mlroadmap.diagram import MAP_LEGEND, progress_placeholder, roadmap_diagram
from mlroadmap.graph import Roadmap
from mlroadmap.model import HOURS_PER_WEEK, Cost, Resource
from mlroadmap.records import PhaseRecord, TopicRecord
from mlroadmap.sitepaths import relative_link

COST_ORDER = {Cost.FREE: 0, Cost.FREEMIUM: 1, Cost.PAID: 2}
INDEX_PATH = "roadmap.md"
JSON_PATH = "roadmap.json"


def topic_header(record: TopicRecord, roadmap: Roadmap) -> str:
    """The facts under a topic's title: phase, level, effort, position and summary."""
    topic = record.topic
    phase = roadmap.phase(topic.phase)
    position = f"{topic.order} of {len(roadmap.topics_in(topic.phase))}"
    phase_link = (
        f"[{_markdown_escape(phase.phase.title)}]({relative_link(record.src, phase.src)})" if phase else topic.phase
    )
    facts = (
        f"**Phase** {phase_link} · **Topic** {position} · **Level** {topic.level.value} · "
        f"**Effort** about {topic.effort_hours} h"
    )
    return (
        f'<div class="roadmap-facts" markdown>\n\n{facts}\n\n</div>\n\n'
        f'<p class="roadmap-summary">{escape(topic.summary, quote=False)}</p>\n\n'
    )


def topic_footer(record: TopicRecord, roadmap: Roadmap) -> str:
    """The generated end of a topic page: notebooks, prerequisites and next steps, resources."""
    parts = []
    if record.topic.notebooks:
        parts.append(notebooks_section(record))
    parts.append(prerequisites_section(record, roadmap))
    parts.append(resources_section(record.topic.resources))
    return "\n\n".join(parts) + "\n"


def notebooks_section(record: TopicRecord) -> str:
    """Links to the topic's executed notebooks."""
    lines = ["## Notebook" if len(record.topic.notebooks) == 1 else "## Notebooks", ""]
    for notebook in record.topic.notebooks:
        name = posixpath.splitext(posixpath.basename(notebook))[0].replace("-", " ")
        lines.append(f"- [{name.capitalize()}]({relative_link(record.src, notebook)}): run when this site was built.")
    return "\n".join(lines)


def prerequisites_section(record: TopicRecord, roadmap: Roadmap) -> str:
    """What to study before this topic and what it unlocks, as links."""
    before = roadmap.prerequisites_of(record)
    after = roadmap.next_topics(record)
    lines = ["## Prerequisites and next steps", ""]
    if before:
        lines.append("**Study first:** " + ", ".join(_topic_link(record.src, t) for t in before) + ".")
    else:
        lines.append("**Study first:** nothing: you can start here.")
    lines.append("")
    if after:
        lines.append("**Then continue with:** " + ", ".join(_topic_link(record.src, t) for t in after) + ".")
    else:
        roadmap_link = relative_link(record.src, INDEX_PATH)
        lines.append(f"**Then continue with:** the [roadmap]({roadmap_link}): no topic builds on this one yet.")
    return "\n".join(lines)


def resources_section(resources: Sequence[Resource]) -> str:
    """A table of resources, free ones first, each with its kind, cost and why it is worth it."""
    if not resources:
        return ""
    rows = [
        f"| [{_markdown_escape(r.title)}]({r.url}) | {r.kind.value} | {r.cost.value} | {_markdown_escape(r.note)} |"
        for r in sorted(resources, key=lambda r: COST_ORDER[r.cost])
    ]
    return "\n".join(
        [
            "## Resources",
            "",
            "| Resource | Kind | Cost | Why it is worth your time |",
            "| --- | --- | --- | --- |",
            *rows,
        ]
    )


def phase_header(record: PhaseRecord) -> str:
    """The goal and duration box at the top of a phase page."""
    phase = record.phase
    return (
        f'!!! abstract "Goal: {_quotes_to_apostrophes(phase.goal)}"\n\n'
        f"    **Duration:** {phase.duration} (about {_weeks(record)} at {HOURS_PER_WEEK} hours a week).\n"
        f"    {_markdown_escape(phase.summary)}\n\n"
    )


def phase_footer(record: PhaseRecord, roadmap: Roadmap) -> str:
    """The generated study plan of a phase, then its resources."""
    return "\n\n".join(filter(None, [study_plan(record, roadmap), resources_section(record.phase.resources)])) + "\n"


def study_plan(record: PhaseRecord, roadmap: Roadmap) -> str:
    """The phase's topics in order, with effort and the week each one ends in."""
    lines = [
        "## Study plan",
        "",
        f"At {HOURS_PER_WEEK} hours a week, in this order "
        "(topics without a link between them can be studied in parallel):",
        "",
        "| # | Topic | Level | Effort | Done by week |",
        "| --- | --- | --- | --- | --- |",
    ]
    total = 0
    for item in roadmap.topics_in(record.id):
        topic = item.topic
        total += topic.effort_hours
        week = -(-total // HOURS_PER_WEEK)
        link = _topic_link(record.src, item)
        lines.append(f"| {topic.order} | {link} | {topic.level.value} | {topic.effort_hours} h | {week} |")
    lines += ["", f"**Total:** {total} hours, about {-(-total // HOURS_PER_WEEK)} weeks."]
    return "\n".join(lines)


def roadmap_index(roadmap: Roadmap, extra_pages: Sequence[tuple[str, str]] = ()) -> str:
    """The roadmap index page: progress, the map, then every phase with its topics in a table."""
    total = sum(t.topic.effort_hours for t in roadmap.topics)
    lines = [
        "---",
        "title: The roadmap",
        "description: Every phase and topic of the ML Roadmap in study order, with effort, level and prerequisites.",
        "hide:",
        "  - navigation",
        "  - toc",
        "---",
        "",
        "# The roadmap",
        "",
        f"{len(roadmap.phases)} phases and {len(roadmap.topics)} topics, about {total} hours of study "
        f"in all. Work through the phases in order; inside a phase, follow the numbers. Each topic lists "
        f"what to study first, so you can also jump to what you need.",
        "",
        f"This page is generated from the pages' front matter; the same data is published as "
        f"[`{JSON_PATH}`]({JSON_PATH}) for tools and trackers.",
        "",
        "## Your progress",
        "",
        *progress_placeholder("full"),
        "",
    ]
    if roadmap.topics:
        lines += ["## The map", "", MAP_LEGEND, "", roadmap_diagram(roadmap, INDEX_PATH), ""]
    for phase in roadmap.phases:
        lines += _phase_section(phase, roadmap)
    if extra_pages:
        lines += ["## Beyond the phases", ""]
        lines += [f"- [{_markdown_escape(title)}]({src})" for title, src in extra_pages]
        lines.append("")
    return "\n".join(lines)


def _phase_section(phase: PhaseRecord, roadmap: Roadmap) -> list[str]:
    data = phase.phase
    lines = [
        f"## {data.title}",
        "",
        f"**Duration:** {data.duration} · **Goal:** {_markdown_escape(data.goal)} · [About this phase]({phase.src})",
        "",
        "| # | Topic | Level | Effort | Study first |",
        "| --- | --- | --- | --- | --- |",
    ]
    for record in roadmap.topics_in(phase.id):
        prerequisites = ", ".join(_topic_link(INDEX_PATH, t) for t in roadmap.prerequisites_of(record)) or "-"
        lines.append(
            f"| {record.topic.order} | {_topic_link(INDEX_PATH, record)} | {record.topic.level.value} "
            f"| {record.topic.effort_hours} h | {prerequisites} |"
        )
    return [*lines, ""]


def _topic_link(from_src: str, record: TopicRecord) -> str:
    return _link(from_src, record.topic.title, record.src)


def _link(from_src: str, title: str, to_src: str) -> str:
    return f"[{_markdown_escape(title)}]({relative_link(from_src, to_src)})"


def _weeks(record: PhaseRecord) -> str:
    phase = record.phase
    if phase.weeks_max is None:
        return f"{phase.weeks_min}+ weeks"
    return f"{phase.weeks_min}-{phase.weeks_max} weeks"


def _markdown_escape(text: str) -> str:
    """Escape what would break a Markdown table cell or link text."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def _quotes_to_apostrophes(text: str) -> str:
    """Keep a double quote from ending an admonition's quoted title."""
    return text.replace('"', "'")
