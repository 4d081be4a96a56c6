"""Notes on topic pages: kept across reloads, on the map, on "My notes", exported, imported safely."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from playwright.sync_api import Browser, Dialog, Page, expect

from .conftest import Watch, open_context
from .quizdata import QUIZ_TOPIC, blocking_violations, quiz_of
from .roadmapdata import topics
from .siteserver import Site

NOTE = "Scale the features first.\n<b>not bold</b> and *not emphasised*"


def topic(site: Site, topic_id: str) -> dict[str, str]:
    """A topic of roadmap.json."""
    return next(t for t in topics(site) if t["id"] == topic_id)


def write_note(page: Page, text: str) -> None:
    """Type a note in the open topic page's box and wait until it is saved."""
    box = page.get_by_label("Notes on this topic (plain text or Markdown)")
    box.fill(text)
    expect(page.locator(".rm-notes__status")).to_have_text("Saved in this browser.")


def add_link(page: Page, title: str, url: str) -> None:
    """Add a link to the open topic page's notes."""
    page.get_by_label("Link title").fill(title)
    page.get_by_label("Address (http or https)").fill(url)
    page.get_by_role("button", name="Add link").click()


def test_a_note_persists_shows_on_the_map_and_my_notes_and_is_exported(page: Page, site: Site, tmp_path: Path) -> None:
    kmeans = topic(site, QUIZ_TOPIC)
    page.goto(site.page(kmeans["url"]))
    write_note(page, NOTE)
    add_link(page, "Scikit-learn on k-means", "https://scikit-learn.org/stable/modules/clustering.html#k-means")
    link = page.locator(".rm-notes__links a")
    expect(link).to_have_text("Scikit-learn on k-means")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    add_link(page, "Evil", "javascript:alert(1)")
    expect(page.locator(".rm-notes__status")).to_contain_text("Only web addresses that start with http")
    expect(page.locator(".rm-notes__links a")).to_have_count(1)
    page.reload()
    expect(page.get_by_label("Notes on this topic (plain text or Markdown)")).to_have_value(NOTE)
    expect(page.locator(".rm-notes__links a")).to_have_count(1)
    # The map marks the topic, and only it.
    page.goto(site.page("roadmap/"))
    expect(page.locator(".rm-node.has-notes")).to_have_count(1)
    expect(page.locator(f'.rm-node[data-topic="{QUIZ_TOPIC}"]')).to_have_class(re.compile(r"\bhas-notes\b"))
    expect(page.locator(f'.rm-node[data-topic="{QUIZ_TOPIC}"] .rm-node__notes')).to_have_text(", has your notes")
    # "My notes" lists it as text, with a link back to the topic.
    page.goto(site.page("my-notes/"))
    item = page.locator(f'.rm-my-notes__item[data-topic="{QUIZ_TOPIC}"]')
    expect(page.locator(".rm-my-notes__item")).to_have_count(1)
    expect(item.locator(".rm-my-notes__text")).to_have_text(NOTE)
    expect(item.locator("b")).to_have_count(0)
    expect(item.get_by_role("link", name=kmeans["title"])).to_have_attribute("href", site.page(kmeans["url"]))
    assert blocking_violations(page, "my notes") == []
    with page.expect_download() as markdown_download:
        page.get_by_role("button", name="Download as Markdown").click()
    markdown = markdown_download.value.path().read_text(encoding="utf-8")
    assert f"## [{kmeans['title']}]({site.page(kmeans['url'])})" in markdown
    assert NOTE in markdown
    assert "- [Scikit-learn on k-means](https://scikit-learn.org/stable/modules/clustering.html#k-means)" in markdown
    # The progress export carries the note.
    page.goto(site.page("roadmap/"))
    with page.expect_download() as json_download:
        page.get_by_role("button", name="Export progress").click()
    data = json.loads(json_download.value.path().read_text(encoding="utf-8"))
    assert data["notes"][QUIZ_TOPIC]["text"] == NOTE
    assert data["notes"][QUIZ_TOPIC]["links"][0]["title"] == "Scikit-learn on k-means"
    # Imported in a fresh browser profile, it comes back.
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(data), encoding="utf-8")
    page.evaluate("localStorage.clear()")
    page.reload()
    expect(page.locator(".rm-node.has-notes")).to_have_count(0)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(exported))
    expect(page.locator(".rm-progress__message")).to_have_text(
        "Imported 0 done topics, 0 of them new here. Notes on 1 topics, 0 quiz answers."
    )
    expect(page.locator(".rm-node.has-notes")).to_have_count(1)


def test_notes_work_with_the_keyboard_only(page: Page, site: Site) -> None:
    page.goto(site.page(topic(site, QUIZ_TOPIC)["url"]))
    box = page.get_by_label("Notes on this topic (plain text or Markdown)")
    box.focus()
    page.keyboard.type("Typed with the keyboard")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Link title")).to_be_focused()
    page.keyboard.type("A link")
    page.keyboard.press("Tab")
    page.keyboard.type("https://example.org/page")
    page.keyboard.press("Enter")
    expect(page.locator(".rm-notes__links a")).to_have_text("A link")
    expect(page.locator(".rm-notes__status")).to_have_text("Saved in this browser.")
    page.locator(".rm-notes__remove").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".rm-notes__links a")).to_have_count(0)
    page.reload()
    expect(box).to_have_value("Typed with the keyboard")
    assert blocking_violations(page, "topic page with its notes box") == []


def test_a_hostile_import_runs_nothing_and_drops_unsafe_links(page: Page, site: Site, tmp_path: Path) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    exported = tmp_path / "hostile.json"
    exported.write_text(hostile_file(), encoding="utf-8")
    page.goto(site.page("roadmap/"))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(exported))
    expect(page.locator(".rm-progress__message")).to_contain_text("Imported 1 done topics")
    for path in ("my-notes/", topic(site, QUIZ_TOPIC)["url"], "review/"):
        page.goto(site.page(path))
        page.wait_for_load_state("networkidle")
        hrefs = page.locator("article a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))], path
    page.goto(site.page("my-notes/"))
    item = page.locator(".rm-my-notes__item")
    expect(item).to_have_count(1)
    expect(item.locator("img, script, b")).to_have_count(0)
    expect(item.locator(".rm-my-notes__text")).to_contain_text("<script>window.__pwned = 1</script>")
    expect(item.locator(".rm-my-notes__links a")).to_have_count(2)
    for href in item.locator(".rm-my-notes__links a").evaluate_all("links => links.map(a => a.href)"):
        assert href.startswith("https://example.org/"), href
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("Object.prototype.polluted") is None
    assert dialogs == []


def hostile_file() -> str:
    """The hostile export file of the Node tests (tests/js/hostile.mjs), written out by Node itself."""
    script = "import('./tests/js/hostile.mjs').then(m => process.stdout.write(m.hostileExport()))"
    repo = Path(__file__).parents[2]
    return subprocess.run(["node", "-e", script], cwd=repo, capture_output=True, text=True, check=True).stdout


def test_without_javascript_there_is_no_notes_box(browser: Browser, site: Site) -> None:
    watch = Watch()
    context = open_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    page.goto(site.page(quiz_of(site)["url"]))
    expect(page.locator(".rm-quiz")).to_have_count(1)
    expect(page.locator(".rm-notes")).to_have_count(0)
    page.goto(site.page("my-notes/"))
    expect(page.locator(".rm-my-notes__fallback")).to_be_visible()
    context.close()
    assert not watch.problems(), watch.problems()
