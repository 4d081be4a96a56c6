"""The roadmap's map (mlroadmap.diagram): geometry, links, and what a screen reader hears."""

from __future__ import annotations

import re

from conftest import PHASE_PAGE, topic_page
from mlroadmap.diagram import (
    GAP_X,
    HEAD_H,
    MARGIN_X,
    PHASED_ABOVE_ROWS,
    ROW_H,
    Node,
    column_width,
    edge_path,
    layout,
    map_height,
    node_box,
    roadmap_diagram,
    short_title,
)
from mlroadmap.graph import Roadmap, build_roadmap
from mlroadmap.load import load_pages
from mlroadmap.sitepaths import relative_url

SECOND_PHASE = PHASE_PAGE.replace('"Phase 1: Basics"', '"Phase 2: More"').replace("number: 1", "number: 2")


def roadmap_of(pages: dict[str, str]) -> Roadmap:
    records, load_problems = load_pages((src, source.encode()) for src, source in pages.items())
    assert len(records) == len(pages) and load_problems == [], load_problems
    roadmap, problems = build_roadmap(records)
    # Durations do not matter to the map: a small phase may not add up to its weeks.
    assert [p for p in problems if p.field not in ("weeks_min", "weeks_max")] == []
    return roadmap


ROADMAP = roadmap_of(
    {
        "basics/index.md": PHASE_PAGE,
        "basics/alpha.md": topic_page("alpha", 1),
        "basics/beta.md": topic_page("beta", 2, "[alpha]"),
        "more/index.md": SECOND_PHASE,
        "more/gamma.md": topic_page("gamma", 1, "[alpha, beta]", phase="more"),
    }
)


def test_relative_url_links_between_directory_urls() -> None:
    assert relative_url("roadmap.md", "core-ml/svm.md") == "../core-ml/svm/"
    assert relative_url("roadmap.md", "core-ml/index.md") == "../core-ml/"
    assert relative_url("roadmap.md", "index.md") == "../"
    assert relative_url("index.md", "roadmap.md") == "roadmap/"


def test_layout_puts_phases_in_columns_and_topics_in_rows() -> None:
    places = {node.record.id: (node.column, node.row) for node in layout(ROADMAP)}
    assert places == {"alpha": (0, 0), "beta": (0, 1), "gamma": (1, 0)}


def test_columns_fill_the_width_exactly() -> None:
    width = column_width(5)
    assert abs(MARGIN_X + 5 * width + 4 * GAP_X - 100) < 1e-9
    assert map_height(1) == HEAD_H + ROW_H


def test_edges_start_and_end_on_their_nodes() -> None:
    alpha, beta, gamma = layout(ROADMAP)
    a_left, a_right, a_mid = node_box(alpha, 2)
    g_left, _, g_mid = node_box(gamma, 2)
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", edge_path(alpha, gamma, 2))]
    assert (numbers[0], numbers[1]) == (round(a_right, 3), round(a_mid, 3))
    assert (numbers[-2], numbers[-1]) == (round(g_left, 3), round(g_mid, 3))
    down = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", edge_path(alpha, beta, 2))]
    assert down[0] == round(a_left, 3) and down[2] < down[0]  # the arc bulges into the left margin


def test_backward_prerequisite_is_drawn_from_the_left_edge() -> None:
    first = Node(ROADMAP.topics_in("basics")[0], 1, 0)
    later = Node(ROADMAP.topics_in("more")[0], 0, 0)
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", edge_path(first, later, 2))]
    left, _, _ = node_box(first, 2)
    _, right, _ = node_box(later, 2)
    assert numbers[0] == round(left, 3) and numbers[-2] == round(right, 3)


def test_short_title_keeps_the_part_before_a_colon() -> None:
    assert short_title("Linear algebra: vectors and matrices") == ("Linear algebra", ": vectors and matrices")
    assert short_title("Naive Bayes") == ("Naive Bayes", "")
    assert short_title("AI: x") == ("AI: x", "")  # too short a head to stand alone


def test_diagram_is_lists_of_links_with_lines_hidden_from_screen_readers() -> None:
    html = roadmap_diagram(ROADMAP, "roadmap.md")
    assert html.startswith('<nav class="rm-map" aria-label="Roadmap map" data-search-exclude>')
    assert html.count('<li class="rm-phase"') == 2
    assert html.count('<li class="rm-node"') == 3
    assert 'href="../basics/alpha/"' in html and 'href="../more/"' in html
    assert '<svg class="rm-map__edges"' in html and 'aria-hidden="true"' in html
    assert html.count('<path class="rm-edge"') == 3  # beta<-alpha, gamma<-alpha, gamma<-beta
    assert 'data-from="beta" data-to="gamma"' in html
    assert "Study first: Topic alpha, Topic beta." in html
    assert "Study first: nothing, you can start here." in html
    assert "\n\n" not in html  # one raw HTML block for Markdown


def test_diagram_escapes_titles() -> None:
    page = topic_page("alpha", 1).replace("title: Topic alpha", 'title: "Fish & <chips>"')
    roadmap = roadmap_of({"basics/index.md": PHASE_PAGE, "basics/alpha.md": page})
    html = roadmap_diagram(roadmap, "roadmap.md")
    assert "Fish &amp; &lt;chips&gt;" in html and "<chips>" not in html


def test_empty_roadmap_draws_nothing() -> None:
    assert roadmap_diagram(Roadmap((), ()), "roadmap.md") == ""


def test_a_phase_longer_than_the_limit_folds_the_map_phase_by_phase() -> None:
    count = PHASED_ABOVE_ROWS + 1
    pages = {"basics/index.md": PHASE_PAGE, "more/index.md": SECOND_PHASE}
    for order in range(1, count + 1):
        pages[f"basics/t{order}.md"] = topic_page(f"t{order}", order, f"[t{order - 1}]" if order > 1 else "[]")
    pages["more/last.md"] = topic_page("last", 1, f"[t{count}]", phase="more")
    html = roadmap_diagram(roadmap_of(pages), "roadmap.md")
    assert html.startswith('<nav class="rm-map rm-map--phased"')
    assert "<svg" not in html and "rm-edge" not in html  # no lines at this size
    assert html.count('<details class="rm-phase__fold">') == 2  # all closed: no open attribute
    assert html.count('<li class="rm-node"') == count + 1  # every topic is still there, as a link
    assert html.count("data-rm-phase-count") == 2  # one count per phase, in its summary
    summary = re.search(r'<summary class="rm-phase__summary">(.*?)</summary>', html)
    assert summary is not None
    assert re.sub(r"<[^>]+>", "", summary.group(1)) == f"Phase 1: Basics ({count} topics, {count * 10} h, 2-4 weeks)"
    assert '<h3 class="rm-phase__title"><a href="../basics/">Phase 1: Basics</a></h3>' in html
    assert f"Study first: Topic t{count}." in html
    assert "\n\n" not in html
    small = roadmap_diagram(ROADMAP, "roadmap.md")
    assert "rm-map--phased" not in small and "<details" not in small
