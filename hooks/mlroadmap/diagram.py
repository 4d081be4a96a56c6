"""The roadmap drawn as a map: phases as columns, topics as linked nodes, prerequisites as lines.

Pure: a validated ``Roadmap`` in, one block of HTML out, embedded in the generated index page.
The markup is lists of links (phases, then their topics), so it reads as a plain linked list
without CSS or JavaScript and to a screen reader; the prerequisite lines are a decorative SVG
(``aria-hidden``), and every node also says in words what to study first. Progress is not
known here: the browser adds ``is-done`` and ``is-ready`` classes from what the learner saved,
and fills the placeholders that ``progress_placeholder`` leaves for its summaries.

Geometry: every size is fixed here and handed to CSS as custom properties, so the SVG drawn
now lines up with the nodes the browser lays out. Across, units are percent of the map's width
(the SVG stretches with ``preserveAspectRatio="none"``); down, units are rem.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from mlroadmap.graph import Roadmap
from mlroadmap.records import PhaseRecord, TopicRecord
from mlroadmap.sitepaths import relative_url

# Across, in percent of the map's width: a left margin for arcs between topics of one phase,
# then the phase columns with gaps between them.
MARGIN_X = 2.5
GAP_X = 3.5
# Down, in rem: the phase header, each topic row and the gap between rows.
HEAD_H = 4.4
ROW_H = 3.1
GAP_Y = 0.45

# A roadmap whose longest phase has more topics than this is shown one phase at a time: each phase
# folds open on its own and no lines are drawn (hundreds of crossing lines would say nothing).
PHASED_ABOVE_ROWS = 40


# What the map's marks and lines mean, shown above it.
MAP_LEGEND = (
    '<ul class="rm-legend" data-search-exclude>'
    '<li><span class="rm-legend__key rm-legend__key--done" aria-hidden="true"></span>Done</li>'
    '<li><span class="rm-legend__key rm-legend__key--ready" aria-hidden="true"></span>'
    "Ready: everything it builds on is done</li>"
    '<li><span class="rm-legend__key" aria-hidden="true"></span>Not started</li>'
    '<li><span class="rm-legend__key rm-legend__key--line" aria-hidden="true"></span>'
    "Builds on: point at a topic or move to it with Tab to highlight its lines</li>"
    "</ul>"
)


def progress_placeholder(kind: str) -> list[str]:
    """Where the browser shows the learner's progress; without JavaScript, a line saying so."""
    return [
        f'<div class="rm-progress" data-rm-progress="{kind}" data-search-exclude>',
        '<p class="rm-progress__fallback">Mark topics as done on their pages and your progress shows '
        "here. It is kept in your browser only (it needs JavaScript).</p>",
        "</div>",
    ]


@dataclass(frozen=True)
class Node:
    """A topic's place on the map: column (phase, from 0) and row (order in phase, from 0)."""

    record: TopicRecord
    column: int
    row: int


def layout(roadmap: Roadmap) -> list[Node]:
    """Every topic with its column (its phase's position) and row (its order in the phase)."""
    return [
        Node(record, column, row)
        for column, phase in enumerate(roadmap.phases)
        for row, record in enumerate(roadmap.topics_in(phase.id))
    ]


def column_width(columns: int) -> float:
    """The width of one phase column, in percent of the map's width."""
    return (100 - MARGIN_X - GAP_X * (columns - 1)) / max(columns, 1)


def map_height(rows: int) -> float:
    """The map's height in rem for a tallest phase of ``rows`` topics."""
    return round(HEAD_H + rows * ROW_H + max(rows - 1, 0) * GAP_Y, 3)


def node_box(node: Node, columns: int) -> tuple[float, float, float]:
    """A node's left and right edge (percent across) and its vertical centre (rem down)."""
    width = column_width(columns)
    left = MARGIN_X + node.column * (width + GAP_X)
    middle = HEAD_H + node.row * (ROW_H + GAP_Y) + ROW_H / 2
    return left, left + width, middle


def edge_path(before: Node, after: Node, columns: int) -> str:
    """The SVG path of a prerequisite line, from the topic studied first to the one it unlocks."""
    b_left, b_right, b_mid = node_box(before, columns)
    a_left, a_right, a_mid = node_box(after, columns)
    if before.column == after.column:
        # Same phase: an arc through the margin left of the column.
        bulge = min(GAP_X * 0.9, 0.6 + 0.25 * abs(after.row - before.row))
        return (
            f"M{_n(b_left)} {_n(b_mid)}"
            f"C{_n(b_left - bulge)} {_n(b_mid)} {_n(a_left - bulge)} {_n(a_mid)} {_n(a_left)} {_n(a_mid)}"
        )
    if before.column < after.column:
        x1, x2, pull = b_right, a_left, GAP_X * 0.9
    else:  # a prerequisite in a later phase: drawn backwards, so it stands out
        x1, x2, pull = b_left, a_right, -GAP_X * 0.9
    return f"M{_n(x1)} {_n(b_mid)}C{_n(x1 + pull)} {_n(b_mid)} {_n(x2 - pull)} {_n(a_mid)} {_n(x2)} {_n(a_mid)}"


def short_title(title: str) -> tuple[str, str]:
    """A title split into what a node shows and the rest, e.g. ``("Linear algebra", ": vectors...")``."""
    head, colon, tail = title.partition(": ")
    return (head, colon + tail) if colon and len(head) >= 4 else (title, "")


def roadmap_diagram(roadmap: Roadmap, from_src: str) -> str:
    """The map as one block of HTML, its links relative to the page at ``from_src``."""
    nodes = layout(roadmap)
    if not nodes:
        return ""
    columns = len(roadmap.phases)
    rows = max(node.row for node in nodes) + 1
    if rows > PHASED_ABOVE_ROWS:
        return _phased_map(roadmap, nodes, from_src)
    height = map_height(rows)
    style = (
        f"--rm-margin-x:{_n(MARGIN_X)}%;--rm-gap-x:{_n(GAP_X)}%;--rm-column-w:{_n(column_width(columns))}%;"
        f"--rm-head-h:{_n(HEAD_H)}rem;--rm-row-h:{_n(ROW_H)}rem;--rm-gap-y:{_n(GAP_Y)}rem;--rm-height:{_n(height)}rem"
    )
    parts = [
        '<nav class="rm-map" aria-label="Roadmap map" data-search-exclude>',
        f'<div class="rm-map__canvas" style="{style}">',
        _edges_svg(roadmap, nodes, columns, height),
        '<ol class="rm-map__phases">',
    ]
    for column, phase in enumerate(roadmap.phases):
        phase_nodes = _in_column(nodes, column)
        parts += [
            f'<li class="rm-phase" data-phase="{escape(phase.id)}" style="--rm-column:{column}">',
            '<div class="rm-phase__head">',
            _phase_title(phase, from_src),
            _phase_meta(phase, phase_nodes, "p"),
            "</div>",
            _topics_html(phase_nodes, roadmap, from_src),
            "</li>",
        ]
    return "".join([*parts, MAP_END])


def _phased_map(roadmap: Roadmap, nodes: Sequence[Node], from_src: str) -> str:
    """The map of a large roadmap: a fold per phase, closed until the learner opens it, and no lines."""
    parts = [
        '<nav class="rm-map rm-map--phased" aria-label="Roadmap map" data-search-exclude>',
        f'<p class="rm-map__note">{len(nodes)} topics: open a phase to see its topics. '
        "Each topic says what to study first.</p>",
        '<div class="rm-map__canvas">',
        '<ol class="rm-map__phases">',
    ]
    for column, phase in enumerate(roadmap.phases):
        phase_nodes = _in_column(nodes, column)
        parts += [
            f'<li class="rm-phase" data-phase="{escape(phase.id)}">',
            '<details class="rm-phase__fold">',
            f'<summary class="rm-phase__summary">{escape(phase.phase.title)} '
            f"({_phase_meta(phase, phase_nodes, 'span')})</summary>",
            _phase_title(phase, from_src),
            _topics_html(phase_nodes, roadmap, from_src),
            "</details>",
            "</li>",
        ]
    return "".join([*parts, MAP_END])


MAP_END = "</ol></div></nav>"
"""Closes the phases list, the canvas and the map that both layouts open."""


def _topics_html(phase_nodes: Sequence[Node], roadmap: Roadmap, from_src: str) -> str:
    """A phase's topics as a list of nodes."""
    nodes = "".join(_node_html(node, roadmap, from_src) for node in phase_nodes)
    return f'<ol class="rm-phase__topics">{nodes}</ol>'


def _in_column(nodes: Sequence[Node], column: int) -> list[Node]:
    return [node for node in nodes if node.column == column]


def _phase_title(phase: PhaseRecord, from_src: str) -> str:
    link = relative_url(from_src, phase.src)
    return f'<h3 class="rm-phase__title"><a href="{link}">{escape(phase.phase.title)}</a></h3>'


def _phase_meta(phase: PhaseRecord, phase_nodes: Sequence[Node], tag: str) -> str:
    hours = sum(n.record.topic.effort_hours for n in phase_nodes)
    return (
        f'<{tag} class="rm-phase__meta"><span data-rm-phase-count>{len(phase_nodes)} topics</span>, '
        f"{hours} h, {escape(phase.phase.duration)}</{tag}>"
    )


def _edges_svg(roadmap: Roadmap, nodes: Sequence[Node], columns: int, height: float) -> str:
    place = {node.record.id: node for node in nodes}
    paths = [
        f'<path class="rm-edge" data-from="{escape(before.record.id)}" data-to="{escape(node.record.id)}" '
        f'd="{edge_path(before, node, columns)}"/>'
        for node in nodes
        for prerequisite in node.record.topic.prerequisites
        if (before := place.get(prerequisite)) is not None
    ]
    return (
        f'<svg class="rm-map__edges" viewBox="0 0 100 {_n(height)}" preserveAspectRatio="none" '
        f'aria-hidden="true" focusable="false">{"".join(paths)}</svg>'
    )


def _node_html(node: Node, roadmap: Roadmap, from_src: str) -> str:
    record = node.record
    topic = record.topic
    shown, rest = short_title(topic.title)
    before = roadmap.prerequisites_of(record)
    first = ", ".join(t.topic.title for t in before) if before else "nothing, you can start here"
    return (
        f'<li class="rm-node" data-topic="{escape(record.id)}" data-hours="{topic.effort_hours}" '
        f'data-prerequisites="{escape(" ".join(t.id for t in before))}">'
        f'<a class="rm-node__link" href="{relative_url(from_src, record.src)}" title="{escape(topic.title)}">'
        '<span class="rm-node__mark" aria-hidden="true"></span>'
        f'<span class="rm-node__title">{escape(shown)}'
        + (f'<span class="rm-sr">{escape(rest)}</span>' if rest else "")
        + "</span>"
        f'<span class="rm-node__meta">{topic.effort_hours} h, {topic.level.value}'
        '<span class="rm-sr" data-rm-state></span></span>'
        f'<span class="rm-sr">. Study first: {escape(first)}.</span>'
        "</a></li>"
    )


def _n(value: float) -> str:
    """A number for CSS or SVG: at most three decimals, no trailing zeros."""
    return f"{value:.3f}".rstrip("0").rstrip(".")
