"""Accessible, described and complete: axe-core on the main page types, meta tags, sitemap, 404."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from .conftest import Watch, open_context
from .siteserver import Site

# The four page types Lighthouse measures, and the planner.
PAGES = {
    "home": "",
    "roadmap": "roadmap/",
    "topic": "core-ml/k-means/",
    "notebook": "notebooks/clustering/",
    "planner": "planner/",
}
BLOCKING = ("serious", "critical")
# Progress that shows every state of the map and the summaries: done, ready, not started.
SOME_PROGRESS = (
    "localStorage.setItem('ml-roadmap.progress', JSON.stringify({version: 1, done: "
    "{'python-for-data': '2027-01-01', 'linear-algebra': '2027-01-02', 'k-means': '2027-01-03'}}))"
)
# A page has done its own work when its progress summaries and planner say so (progress.js and
# planner.js mark them ``is-ready``; the map is painted before its summary) and its "mark as done"
# boxes show the saved progress (toggles.js paints them once the page's scripts have started).
SETTLED = """() => Array.from(document.querySelectorAll('[data-rm-progress], [data-rm-planner]'))
  .every(box => box.classList.contains('is-ready'))
  && Array.from(document.querySelectorAll('[data-rm-topic]')).every(box =>
    box.querySelector('input').checked
      === (box.dataset.rmTopic in JSON.parse(localStorage.getItem('ml-roadmap.progress')).done))"""

FINISHED_TRANSITIONS = """() => Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation(browser: Browser, site: Site, scheme: str) -> None:
    watch = Watch()
    context = open_context(browser, watch, color_scheme=scheme)
    page = context.new_page()
    page.goto(site.url)
    page.evaluate(SOME_PROGRESS)
    axe = Axe()
    found = []
    for name, path in PAGES.items():
        page.goto(site.page(path))
        page.wait_for_function(SETTLED)
        # A toggle painted as done fades to its colours; contrast is judged once they are reached.
        page.evaluate(FINISHED_TRANSITIONS)
        result = axe.run(page, options={"resultTypes": ["violations"]})
        found += [
            f"{name} ({scheme}): {v['id']} [{v['impact']}] {v['help']}: {[n['target'] for n in v['nodes'][:3]]}"
            for v in result.response["violations"]
            if v["impact"] in BLOCKING
        ]
    context.close()
    assert not found, "\n".join(found)
    assert not watch.problems(), watch.problems()


# Recorded by an init script, which runs before any script of the page: the root element's
# classes at the moment the parser starts the body.
CLASSES_WHEN_BODY_STARTS = """
new MutationObserver((changes, observer) => {
  if (document.body) {
    window.__classesWhenBodyStarts = document.documentElement.className;
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def test_the_root_classes_of_materials_script_are_set_before_the_body_is_parsed(page: Page, site: Site) -> None:
    # Changed later, by Material's script once the page is parsed, the root's class makes Chromium
    # restyle every element once more on a phone (Material's table:not([class]) rules).
    page.add_init_script(CLASSES_WHEN_BODY_STARTS)
    for name, path in PAGES.items():
        page.goto(site.page(path))
        page.wait_for_function("() => document.documentElement.hasAttribute('data-js-focus-visible')")
        at_body = page.evaluate("window.__classesWhenBodyStarts").split()
        after_scripts = page.evaluate("document.documentElement.className").split()
        assert "no-js" not in at_body and "no-js" not in after_scripts, name
        assert set(after_scripts) <= set(at_body), (name, at_body, after_scripts)  # nothing added later


# Each table of the page content: how many scroll wrappers hold it, its class, and the style
# Material gives a table (a border, its small font), after Material's script has run.
TABLES = """() => Array.from(document.querySelectorAll('.md-content table')).map(table => {
  const style = getComputedStyle(table);
  let wrappers = 0;
  for (let el = table.parentElement; el; el = el.parentElement) {
    if (el.classList.contains('md-typeset__scrollwrap')) wrappers += 1;
  }
  return {cls: table.className, wrappers, border: style.borderTopStyle, font: style.fontSize,
          inline: style.display};
})"""


def test_tables_are_wrapped_once_at_build_time_and_styled_like_materials(page: Page, site: Site) -> None:
    # Wrapped by the build (hooks/mlroadmap/tables.py), not moved again by Material's script.
    for path in ("roadmap/", "core-ml/k-means/"):
        page.goto(site.page(path))
        page.wait_for_function("() => document.querySelector('.md-search__form')")  # Material has run
        tables = [t for t in page.evaluate(TABLES) if "dataframe" not in t["cls"]]
        assert tables, path
        for table in tables:
            assert table == {**table, "cls": "rm-table", "wrappers": 1, "border": "solid", "inline": "inline-block"}
            assert float(table["font"].removesuffix("px")) < 14, (path, table)  # Material's 0.64rem, not the body's


def meta(page: Page, selector: str) -> str:
    """The content (or href) of the first element matching ``selector`` in the page's head."""
    element = page.locator(selector).first
    return element.get_attribute("content") or element.get_attribute("href") or ""


def test_every_page_type_has_a_description_and_social_preview(page: Page, site: Site) -> None:
    descriptions = set()
    for name, path in PAGES.items():
        page.goto(site.page(path))
        description = meta(page, 'meta[name="description"]')
        assert len(description) >= 50, name
        descriptions.add(description)
        assert meta(page, 'link[rel="canonical"]').startswith("https://"), name
        assert meta(page, 'meta[property="og:title"]'), name
        assert meta(page, 'meta[property="og:description"]') == description, name
        assert meta(page, 'meta[property="og:image"]').endswith("assets/images/social.png"), name
        assert meta(page, 'meta[name="twitter:card"]') == "summary_large_image", name
    assert len(descriptions) == len(PAGES), "two page types share a description"
    assert (site.root / "assets" / "images" / "social.png").is_file()


def test_sitemap_lists_the_pages(site: Site) -> None:
    config = yaml.safe_load((Path(__file__).parents[2] / "mkdocs.yml").read_text(encoding="utf-8"))
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    pages = [page.parent.relative_to(site.root).as_posix() for page in site.root.rglob("index.html")]
    assert sorted(locations) == sorted(config["site_url"] + ("" if p == "." else p + "/") for p in pages)
    for path in PAGES.values():
        assert config["site_url"] + path in locations
    assert not any("404" in location for location in locations)


def test_unknown_address_gets_a_helpful_404(browser: Browser, site: Site) -> None:
    watch = Watch()
    context = open_context(browser, watch)
    page = context.new_page()
    response = page.goto(site.page("no/such/page/"))
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    page.locator("article").get_by_role("link", name="The roadmap", exact=True).click()
    page.wait_for_url("**/roadmap/")
    context.close()
    # The browser itself logs the 404 response as a console error; nothing else may go wrong.
    assert [e for e in watch.problems() if "404" not in e] == []


def test_a_code_block_is_focusable_at_once_and_gets_its_copy_button_when_it_scrolls_into_view(
    page: Page, site: Site
) -> None:
    # content.lazy: Material mounts a code block (its copy button) only once it is on screen;
    # the build made it focusable before that (hooks/mlroadmap/codeblocks.py).
    page.goto(site.page("core-ml/k-means/"))
    page.wait_for_function("() => document.querySelector('.md-search__form')")  # Material has run
    blocks = page.locator(".md-content .highlight pre:not(.rm-exercise__work pre)")
    last = blocks.last
    assert last.locator("> code").get_attribute("tabindex") == "0"
    expect(last.locator(".md-code__button")).to_have_count(0)
    last.scroll_into_view_if_needed()
    copy = last.locator('.md-code__button[data-md-type="copy"]')
    expect(copy).to_have_count(1)
    expect(copy).to_have_attribute("title", "Copy to clipboard")
