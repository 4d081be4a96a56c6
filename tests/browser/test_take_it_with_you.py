"""The roadmap to take away: the printable page, its PDF, and the offline copy opened from disk."""

from __future__ import annotations

import zipfile
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from conftest import load_script

from .roadmapdata import roadmap, topics
from .siteserver import Site


def test_the_print_page_has_every_topic_with_its_resources(page: Page, site: Site) -> None:
    every = topics(site)
    page.goto(site.page("print/"))
    expect(page.locator(".rm-print-topic")).to_have_count(len(every))
    expect(page.locator(".rm-print-phase")).to_have_count(len(roadmap(site)["phases"]))
    for topic in every:
        section = page.locator(f".rm-print-topic:has(h3#{topic['id']})")
        expect(section.locator("h3")).to_contain_text(topic["title"])
        expect(section.locator("li > a.rm-print-url")).to_have_count(len(topic["resources"]))
    for_paper = sum(len(t["resources"]) for t in every) + len(every)  # resources, and each topic's page online
    expect(page.locator(".rm-print-url")).to_have_count(for_paper)


def test_axe_finds_no_serious_or_critical_violation_on_the_print_page(page: Page, site: Site) -> None:
    page.goto(site.page("print/"))
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")] == []


def test_printing_leaves_out_the_sites_frame_and_writes_out_addresses(page: Page, site: Site) -> None:
    page.goto(site.page("print/"))
    page.emulate_media(media="print")
    for frame in (".md-header", ".md-sidebar--primary", ".md-footer"):
        expect(page.locator(frame).first).to_be_hidden()
    first = topics(site)[0]["resources"]
    link = page.locator(".rm-print-topic li > a.rm-print-url").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert any(resource["url"] in after for resource in first), after
    breaks = page.locator(".rm-print-topic").first.evaluate("s => getComputedStyle(s).breakInside")
    assert breaks == "avoid"


def test_the_pdf_has_a_page_per_phase_at_least(site: Site, tmp_path: Path) -> None:
    make_pdf = load_script("make_pdf")
    output = tmp_path / "ml-roadmap.pdf"
    assert make_pdf.main(["--site-dir", str(site.root), "--output", str(output)]) == 0
    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert make_pdf.page_count(pdf) >= len(roadmap(site)["phases"])  # each phase starts a page


def test_the_offline_copy_opens_from_disk_with_working_links_and_search(page: Page, site: Site, tmp_path: Path) -> None:
    load_script("ci_summary")  # make_offline imports it
    make_offline = load_script("make_offline")
    assert make_offline.main(["--site-dir", str(tmp_path / "site")]) == 0
    with zipfile.ZipFile(tmp_path / "site" / make_offline.ZIP_PATH) as archive:
        archive.extractall(tmp_path / "unzipped")
    home = tmp_path / "unzipped" / make_offline.FOLDER / "index.html"
    page.goto(home.as_uri())
    expect(page.locator("h1")).to_contain_text("Learn machine learning")
    page.locator("article a[href='roadmap.html']").first.click()  # a Markdown link
    expect(page.locator("h1")).to_contain_text("The roadmap")
    first = topics(site)[0]
    page.locator(f'.rm-node[data-topic="{first["id"]}"] a').click()  # the map's own HTML
    page.wait_for_url(f"**/{first['url'].rstrip('/')}.html")
    expect(page.locator("h1")).to_contain_text(first["title"])
    expect(page.locator(".rm-done").first).to_be_hidden()  # no progress offline: no controls that do nothing
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("[data-rm-palette] label:not([hidden])").click()  # the light/dark toggle works from files
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme or "")
    page.keyboard.press("/")
    page.keyboard.type(first["title"].split(":")[0])
    expect(page.locator(".md-search-result__item").first).to_be_visible()
