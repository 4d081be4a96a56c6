"""The roadmap's map: drawn, linked, usable by keyboard, and a plain list without JavaScript."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from .conftest import Watch, open_context
from .roadmapdata import lines_of, roadmap, topics
from .siteserver import Site


def test_map_draws_every_topic_and_prerequisite(page: Page, site: Site) -> None:
    page.goto(site.page("roadmap/"))
    expected = topics(site)
    nodes = page.locator(".rm-map .rm-node")
    expect(nodes).to_have_count(len(expected))
    assert [nodes.nth(i).get_attribute("data-topic") for i in range(nodes.count())] == [t["id"] for t in expected]
    edges = page.locator(".rm-map .rm-edge")
    expect(edges).to_have_count(sum(len(t["prerequisites"]) for t in expected))
    expect(page.locator(".rm-map__edges")).to_be_visible()
    # The drawn lines end on the nodes they join: each path starts at its prerequisite's height.
    for edge in (edges.nth(0), edges.nth(edges.count() - 1)):
        start = edge.evaluate("e => e.getPointAtLength(0).y")
        svg = page.locator(".rm-map__edges").bounding_box()
        node = page.locator(f'.rm-node[data-topic="{edge.get_attribute("data-from")}"]').bounding_box()
        assert svg and node
        scale = svg["height"] / float(page.locator(".rm-map__edges").evaluate("s => s.viewBox.baseVal.height"))
        assert abs(svg["y"] + start * scale - (node["y"] + node["height"] / 2)) < 3


def test_every_node_links_to_an_existing_page(page: Page, site: Site) -> None:
    page.goto(site.page("roadmap/"))
    links = page.locator(".rm-map a").evaluate_all("links => links.map(link => link.href)")
    expected = {site.page(str(t["url"])) for t in topics(site)}
    assert expected <= set(links)
    for href in links:
        response = page.request.get(href)
        assert response.status == 200, href


def test_keyboard_focus_highlights_a_topics_lines(page: Page, site: Site) -> None:
    before, after = lines_of(site, "linear-regression")
    assert before and after  # a topic with prerequisites and next steps shows both kinds of line
    order = [t["id"] for t in topics(site)]
    page.goto(site.page("roadmap/"))
    page.locator('.rm-node[data-topic="linear-regression"] a').focus()
    lit = page.locator(".rm-edge.is-lit")
    expect(lit).to_have_count(len(before) + len(after))
    ends = [(lit.nth(i).get_attribute("data-from"), lit.nth(i).get_attribute("data-to")) for i in range(lit.count())]
    assert all("linear-regression" in pair for pair in ends), ends
    page.keyboard.press("Tab")  # focus moves on to the next topic of the map
    following = order[order.index("linear-regression") + 1]
    expect(page.locator(f'.rm-node[data-topic="{following}"] a')).to_be_focused()


def test_narrow_screens_get_a_stacked_list(browser: Browser, site: Site, watch: Watch) -> None:
    context = open_context(browser, watch, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(site.page("roadmap/"))
    expect(page.locator(".rm-map__edges")).to_be_hidden()
    first, second = (page.locator(".rm-phase").nth(i).bounding_box() for i in (0, 1))
    assert first and second and second["y"] > first["y"] + first["height"] - 1
    context.close()
    assert not watch.problems(), watch.problems()


def test_without_javascript_the_map_is_a_plain_linked_list(browser: Browser, site: Site, watch: Watch) -> None:
    context = open_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    page.goto(site.page("roadmap/"))
    phases = page.locator(".rm-map ol.rm-map__phases > li")
    expect(phases).to_have_count(len(roadmap(site)["phases"]))
    names = page.locator(".rm-map ol.rm-phase__topics > li > a").all_inner_texts()
    assert len(names) == len(topics(site))
    assert all(name.strip() for name in names)
    assert page.locator(".rm-progress__fallback").is_visible()
    assert not page.locator("[data-rm-topic]").count()  # no topic page here; the controls live there
    page.goto(site.page("core-ml/k-means/"))
    assert not page.locator(".rm-done").first.is_visible()  # "Mark as done" needs JavaScript
    context.close()
    assert not watch.problems(), watch.problems()
