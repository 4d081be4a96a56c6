"""Progress that survives a renamed topic: the old site, then the new one, in the same browser.

Two copies of the site (mkdocs.yml's theme, scripts and Markdown extensions, a small roadmap)
are built in ``tmp_path``: the old one, and the new one where topic ``gamma`` became
``gamma-rays`` with ``moved_from: [gamma]``. Both are served from the same address, one after
the other, so the browser keeps one storage for both, as for a learner who comes back after a
release.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Page, expect

from conftest import PHASE_PAGE, REPO, run_build, topic_page

from .siteserver import Site, serve

STORAGE_KEY = "ml-roadmap.progress"
NOTES_KEY = "ml-roadmap.notes"
QUIZ_KEY = "ml-roadmap.quiz"
NOTE = "Gamma: remember the half-life."
# A quiz answer as the quiz keeps it (leitner.js's card), under the topic's id and a question id.
QUIZ_STATE = {
    "version": 1,
    "topics": {
        "gamma": {
            "0123456789ab": {
                "box": 2,
                "due": "2030-01-01T00:00:00.000Z",
                "seen": "2026-11-29T00:00:00.000Z",
                "right": True,
                "answers": 1,
            }
        }
    },
}
OLD_PAGES = {
    "index.md": "# Home\n\nSee [the roadmap](roadmap.md).\n",
    "basics/index.md": PHASE_PAGE,
    "basics/alpha.md": topic_page("alpha", 1),
    "basics/beta.md": topic_page("beta", 2, "[alpha]"),
    "basics/gamma.md": topic_page("gamma", 3, "[alpha, beta]"),
}
NEW_PAGES = {
    **{src: text for src, text in OLD_PAGES.items() if src != "basics/gamma.md"},
    "basics/gamma-rays.md": topic_page("gamma-rays", 3, "[alpha, beta]", extra="moved_from: [gamma]\n"),
}


def site_config(docs: Path) -> dict[str, Any]:
    """mkdocs.yml for a copy of the site in ``docs``: its theme, scripts and Markdown, the roadmap hooks."""
    config: dict[str, Any] = copy.deepcopy(yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8")))
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    config["hooks"] = [str(REPO / "hooks" / name) for name in ("roadmap.py", "quizzes.py", "search.py")]
    config["plugins"] = ["search"]  # no notebooks, no API reference in this copy
    config["extra"]["quiz_required"] = False  # its small topic pages have no quiz
    config.pop("watch", None)
    for extension in config["markdown_extensions"]:
        options = extension.get("pymdownx.snippets") if isinstance(extension, dict) else None
        if options is not None:
            options["base_path"] = [str(REPO / base) for base in options["base_path"]]
    return config


def build_copy(root: Path, pages: dict[str, str]) -> Path:
    """Build a copy of the site with these pages (and the site's assets) strictly; its site folder."""
    docs = root / "docs"
    shutil.copytree(REPO / "docs" / "assets", docs / "assets")
    for src, text in pages.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(text, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.dump(site_config(docs), Dumper=yaml.Dumper, sort_keys=False), encoding="utf-8")
    result = run_build(config_file, root / "site")
    assert result.ok, result.error + "\n".join(result.warnings)
    assert result.warnings == []
    return root / "site"


@contextmanager
def old_then_new(tmp_path: Path) -> Iterator[tuple[Site, Callable[[], None]]]:
    """Serve the old copy; yields it and a function that puts the new copy at the same address.

    The server serves a link to a copy, swapped on release: the browser may keep its connection
    to the server, and a second server on the same port would leave it talking to the first.
    """
    old = build_copy(tmp_path / "old", OLD_PAGES)
    new = build_copy(tmp_path / "new", NEW_PAGES)
    live = tmp_path / "live"
    live.symlink_to(old, target_is_directory=True)

    def release() -> None:
        live.unlink()
        live.symlink_to(new, target_is_directory=True)

    with serve(live) as site:
        yield site, release


def test_a_done_mark_note_and_quiz_answer_follow_their_renamed_topic_on_the_next_visit(
    page: Page, tmp_path: Path
) -> None:
    with old_then_new(tmp_path) as (site, release):
        page.goto(site.page("basics/gamma/"))
        page.locator(".rm-done--top input[type=checkbox]").check()
        expect(page.locator(".rm-done--top .rm-done__label")).to_have_text("Done")
        page.get_by_label("Notes on this topic (plain text or Markdown)").fill(NOTE)
        page.wait_for_function(f"(localStorage.getItem('{NOTES_KEY}') || '').includes('half-life')")
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [QUIZ_KEY, json.dumps(QUIZ_STATE)])
        release()
        page.goto(site.page("basics/gamma-rays/"))
        expect(page.locator(".rm-done--top input")).to_be_checked()
        expect(page.get_by_label("Notes on this topic (plain text or Markdown)")).to_have_value(NOTE)
        saved = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))
        assert list(saved["done"]) == ["gamma-rays"]
        notes = json.loads(page.evaluate(f"localStorage.getItem('{NOTES_KEY}')"))
        assert list(notes["topics"]) == ["gamma-rays"]
        quiz = json.loads(page.evaluate(f"localStorage.getItem('{QUIZ_KEY}')"))
        assert quiz["topics"] == {"gamma-rays": QUIZ_STATE["topics"]["gamma"]}
        page.goto(site.page("roadmap/"))
        expect(page.locator('.rm-node[data-topic="gamma-rays"]')).to_have_class("rm-node has-notes is-done")
        expect(page.locator(".rm-progress__overall")).to_contain_text("1 of 3 topics done")


def test_an_old_export_file_is_imported_onto_the_renamed_topic(page: Page, tmp_path: Path) -> None:
    with old_then_new(tmp_path) as (old_site, _):
        for topic in ("basics/gamma/", "basics/alpha/"):
            page.goto(old_site.page(topic))
            page.locator(".rm-done--top input[type=checkbox]").check()
            expect(page.locator(".rm-done--top .rm-done__label")).to_have_text("Done")
        page.goto(old_site.page("roadmap/"))
        with page.expect_download() as download:
            page.get_by_role("button", name="Export progress").click()
        exported = tmp_path / "old-export.json"
        download.value.save_as(exported)
        assert set(json.loads(exported.read_text(encoding="utf-8"))["done"]) == {"alpha", "gamma"}
    new_root = tmp_path / "new" / "site"
    with serve(new_root) as new_site:  # another address: another browser's storage, empty
        page.goto(new_site.page("roadmap/"))
        expect(page.locator(".rm-progress__overall")).to_contain_text("No topic marked as done yet.")
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Import progress").click()
        chooser.value.set_files(str(exported))
        expect(page.locator(".rm-progress__message")).to_have_text("Imported 2 done topics, 2 of them new here.")
        expect(page.locator('.rm-node[data-topic="gamma-rays"]')).to_have_class("rm-node is-done")
        expect(page.locator(".rm-node.is-done")).to_have_count(2)
