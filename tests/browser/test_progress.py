"""Progress kept in the browser: mark as done, see it on the map and home page, move it by file."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, Route, expect

from .roadmapdata import phase_topics, topics
from .siteserver import Site

STORAGE_KEY = "ml-roadmap.progress"


def mark_done(page: Page, site: Site, topic_url: str) -> None:
    """Open a topic page and tick its "Mark as done" box at the top."""
    page.goto(site.page(topic_url))
    toggle = page.locator(".rm-done--top input[type=checkbox]")
    toggle.check()
    expect(page.locator(".rm-done--top .rm-done__label")).to_have_text("Done")


def test_marking_done_updates_the_roadmap_and_survives_reload_and_navigation(page: Page, site: Site) -> None:
    total, in_foundations = len(topics(site)), len(phase_topics(site, "foundations"))
    mark_done(page, site, "foundations/linear-algebra/")
    expect(page.locator(".rm-done--bottom input")).to_be_checked()  # both controls agree
    # Instant navigation (Material swaps the page in place): follow the link at the end.
    page.locator(".rm-done__roadmap").click()
    page.wait_for_url("**/roadmap/")
    node = page.locator('.rm-node[data-topic="linear-algebra"]')
    expect(node).to_have_class("rm-node is-done")
    expect(page.locator('.rm-node[data-topic="calculus"]')).to_have_class("rm-node is-ready")
    expect(page.locator(".rm-progress__overall")).to_contain_text(f"1 of {total} topics done")
    foundations = page.locator('.rm-phase[data-phase="foundations"] [data-rm-phase-count]')
    expect(foundations).to_have_text(f"1 of {in_foundations} done")
    page.reload()
    expect(page.locator('.rm-node[data-topic="linear-algebra"]')).to_have_class("rm-node is-done")
    # The home page shows the same progress, fetched from roadmap.json.
    page.goto(site.url)
    expect(page.locator(".rm-progress__overall")).to_contain_text(f"1 of {total} topics done")
    # Back on the topic through the map, untick: the map the back button returns to follows.
    page.goto(site.page("roadmap/"))
    page.locator('.rm-node[data-topic="linear-algebra"] a').click()
    page.wait_for_url("**/foundations/linear-algebra/")
    expect(page.locator(".rm-done--top input")).to_be_checked()
    page.locator(".rm-done--bottom input").uncheck()
    expect(page.locator(".rm-done--top .rm-done__label")).to_have_text("Mark as done")
    page.go_back()
    expect(page.locator('.rm-node[data-topic="linear-algebra"]')).to_have_class("rm-node is-ready")  # no prerequisites
    expect(page.locator('.rm-node[data-topic="calculus"]')).to_have_class("rm-node")


def test_export_then_import_restores_progress(page: Page, site: Site, tmp_path: Path) -> None:
    for topic in ("foundations/python-for-data/", "foundations/linear-algebra/", "core-ml/k-means/"):
        mark_done(page, site, topic)
    page.goto(site.page("roadmap/"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "ml-roadmap-progress"
    assert set(data["done"]) == {"python-for-data", "linear-algebra", "k-means"}

    # A new browser: nothing saved.
    page.evaluate(f"localStorage.removeItem('{STORAGE_KEY}')")
    page.reload()
    expect(page.locator(".rm-progress__overall")).to_contain_text("No topic marked as done yet.")
    expect(page.locator(".rm-node.is-done")).to_have_count(0)

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(exported))
    expect(page.locator(".rm-progress__message")).to_have_text("Imported 3 done topics, 3 of them new here.")
    expect(page.locator(".rm-node.is-done")).to_have_count(3)
    expect(page.locator(".rm-progress__overall")).to_contain_text(f"3 of {len(topics(site))} topics done")
    page.reload()
    expect(page.locator(".rm-node.is-done")).to_have_count(3)


def test_importing_a_wrong_file_says_so_and_keeps_progress(page: Page, site: Site, tmp_path: Path) -> None:
    mark_done(page, site, "core-ml/dbscan/")
    wrong = tmp_path / "notes.json"
    wrong.write_text('{"hello": "world"}', encoding="utf-8")
    page.goto(site.page("roadmap/"))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(wrong))
    expect(page.locator(".rm-progress__message")).to_have_text("That file is not a progress export from ML Roadmap.")
    expect(page.locator(".rm-node.is-done")).to_have_count(1)


def test_a_box_ticked_before_the_scripts_ran_is_saved(page: Page, site: Site) -> None:
    # Something is saved, so the page first asks roadmap.json whether topics moved; hold that answer
    # so the learner's click lands before the scripts have bound the box.
    mark_done(page, site, "foundations/calculus/")
    held: list[Route] = []
    holding = [True]
    page.route("**/roadmap.json", lambda route: held.append(route) if holding[0] else route.continue_())
    page.goto(site.page("foundations/linear-algebra/"), wait_until="domcontentloaded")
    page.locator(".rm-done--top input[type=checkbox]").check()
    expect(page.locator(".rm-done--top .rm-done__label")).to_have_text("Mark as done")  # not bound yet
    page.wait_for_timeout(200)
    assert held, "the page did not wait for roadmap.json"
    holding[0] = False
    for route in held:
        route.continue_()
    expect(page.locator(".rm-done--top .rm-done__label")).to_have_text("Done")
    expect(page.locator(".rm-done--bottom input")).to_be_checked()
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('{STORAGE_KEY}'))")
    assert saved["done"].get("linear-algebra"), saved
