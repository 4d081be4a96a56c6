"""The light/dark toggle: the system's scheme first, the reader's choice kept, no restyling start-up."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from .conftest import Watch, open_context
from .siteserver import Site

SCHEME = "() => [document.body.dataset.mdColorScheme, document.documentElement.style.colorScheme]"


def toggle(page: Page) -> None:
    """Click the toggle the header shows (one label at a time, for the other scheme)."""
    page.locator("[data-rm-palette] label:not([hidden])").click()


def test_the_system_scheme_shows_first_then_the_readers_choice_is_kept(browser: Browser, site: Site) -> None:
    watch = Watch()
    context = open_context(browser, watch, color_scheme="dark")
    page = context.new_page()
    page.goto(site.page("core-ml/k-means/"))
    assert page.evaluate(SCHEME) == ["slate", "dark"]  # set while the header was parsed
    expect(page.locator("[data-rm-palette] label:not([hidden])")).to_have_count(1)
    toggle(page)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    assert page.evaluate(SCHEME) == ["default", "light"]
    page.goto(site.page("roadmap/"))
    assert page.evaluate(SCHEME) == ["default", "light"]  # the choice holds on every page
    page.locator("[data-rm-palette] input:checked").focus()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    context.close()
    assert not watch.problems(), watch.problems()


def test_a_reader_who_never_chose_follows_the_system(page: Page, site: Site) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site.page("core-ml/k-means/"))
    assert page.evaluate(SCHEME) == ["default", "light"]
    page.emulate_media(color_scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_materials_palette_component_does_not_start(page: Page, site: Site) -> None:
    # As it starts, it marks the body "switching", appends a color-scheme meta tag and reads the
    # header's computed style: three restyles of the whole page on a phone.
    page.add_init_script(
        "new MutationObserver(changes => { for (const c of changes) if (c.attributeName === "
        "'data-md-color-switching') window.__switching = true }).observe(document, "
        "{attributes: true, subtree: true})"
    )
    page.goto(site.page("core-ml/k-means/"))
    page.wait_for_function("() => document.querySelector('.md-search__form')")  # Material has run
    assert page.locator('head meta[name="color-scheme"]').count() == 0
    assert page.evaluate("window.__switching") is None
    assert page.locator('head meta[name="theme-color"]').get_attribute("content") == "#4051b5"
