"""The whole roadmap on one page, to print or save as a PDF: every phase and topic, no notebooks.

Pure: a roadmap in, Markdown out. Each topic links to its page on the published site, so the
link also works on paper and in the PDF; prerequisites link to the topic further up the same
page. The print stylesheet (``docs/assets/stylesheets/print.css``) keeps each topic on one page
where it fits and writes out the address of each resource and topic page link.
"""

from __future__ import annotations

from mlroadmap.graph import Roadmap
from mlroadmap.model import HOURS_PER_WEEK
from mlroadmap.records import PhaseRecord, TopicRecord
from mlroadmap.render import COST_ORDER
from mlroadmap.sitepaths import absolute_url, relative_link

PRINT_PATH = "print.md"
"""Where the page lives in the site's sources (generated in memory): served at ``print/``."""
PDF_PATH = "downloads/ml-roadmap.pdf"
"""Where ``scripts/make_pdf.py`` puts the PDF of the page, in the built site."""
TOPIC_CLASS = "rm-print-topic"
PHASE_CLASS = "rm-print-phase"
URL_ATTR = "{ .rm-print-url }"
"""attr_list's mark on links whose address the print stylesheet writes out after them."""


def printable_page(roadmap: Roadmap, site_url: str = "") -> str:
    """The Markdown of the printable page: a short introduction, then each phase and its topics.

    With the published site's address, each topic links to its page there, so the link works on
    paper and in the PDF too; without it, to the page beside this one.
    """
    hours = sum(t.topic.effort_hours for t in roadmap.topics)
    lines = [
        "---",
        "title: The whole roadmap, to print",
        "description: Every phase and topic of the ML Roadmap on one page, with summaries, "
        "prerequisites and resources, to print or save as a PDF.",
        "hide:",
        "  - navigation",
        "  - toc",
        "search:",
        "  exclude: true",  # every topic's text is on its own page: found there, not here
        "---",
        "",
        "# The whole roadmap",
        "",
        f"{len(roadmap.phases)} phases and {len(roadmap.topics)} topics, about {hours} hours of study at "
        f"{HOURS_PER_WEEK} hours a week: every topic with its summary, what to study first and its "
        "resources, to print or save as a PDF from your browser. The notebooks and the explanations "
        "are on the topic pages.",
        "",
    ]
    for phase in roadmap.phases:
        lines += phase_section(phase, roadmap, site_url)
    return "\n".join(lines)


def phase_section(phase: PhaseRecord, roadmap: Roadmap, site_url: str = "") -> list[str]:
    """A phase's heading, duration, goal and summary, then each of its topics."""
    data = phase.phase
    lines = [
        f'<section class="{PHASE_CLASS}" markdown>',
        "",
        f"## {_escape(data.title)} {{#phase-{phase.id}}}",
        "",
        f"**Duration:** {_escape(data.duration)} · **Goal:** {_escape(data.goal)}",
        "",
        _escape(data.summary),
        "",
        "</section>",
        "",
    ]
    for record in roadmap.topics_in(phase.id):
        lines += topic_section(record, roadmap, site_url)
    return lines


def topic_section(record: TopicRecord, roadmap: Roadmap, site_url: str = "") -> list[str]:
    """One topic: title, summary, level and effort, prerequisites, then its resources.

    Links whose address is printed after them (resources, the topic's page online) have the
    class ``rm-print-url``.
    """
    topic = record.topic
    before = roadmap.prerequisites_of(record)
    study_first = ", ".join(_topic_link(t, roadmap) for t in before) or "nothing: you can start here"
    resources = sorted(topic.resources, key=lambda r: COST_ORDER[r.cost])
    if site_url:
        page = f"[Topic page]({absolute_url(site_url, record.src)}){URL_ATTR}"
    else:
        page = f"[Topic page]({relative_link(PRINT_PATH, record.src)})"
    return [
        f'<section class="{TOPIC_CLASS}" markdown>',
        "",
        f"### {_escape(topic.title)} {{#{record.id}}}",
        "",
        _escape(topic.summary),
        "",
        f"**Level** {topic.level.value} · **Effort** about {topic.effort_hours} h · {page}",
        "",
        f"**Study first:** {study_first}.",
        "",
        "**Resources:**",
        "",
        *(
            f"- [{_escape(r.title)}]({r.url}){URL_ATTR} ({r.kind.value}, {r.cost.value}): {_escape(r.note)}"
            for r in resources
        ),
        "",
        "</section>",
        "",
    ]


def _topic_link(record: TopicRecord, roadmap: Roadmap) -> str:
    """A link to a topic further up the page; only its title when it is in no phase (not printed)."""
    title = _escape(record.topic.title)
    return f"[{title}](#{record.id})" if roadmap.phase(record.topic.phase) is not None else title


def _escape(text: str) -> str:
    """Keep front matter text literal in Markdown: no emphasis, links or HTML from it."""
    return (
        text.replace("\\", "\\\\")
        .replace("<", "&lt;")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("*", "\\*")
        .replace("_", "\\_")
    )
