"""The roadmap to take away: the printable page, its PDF, and the offline copy of the site.

Pure parts with plain strings; the offline configuration against mkdocs.yml; one small site
built with the printable page. Printing the PDF and opening the offline copy from ``file://``
are browser tests (``tests/browser/test_take_it_with_you.py``).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from conftest import PHASE_PAGE, REPO, BuildResult, load_script, small_roadmap, topic_page
from mlroadmap.graph import Roadmap, build_roadmap
from mlroadmap.load import load_pages
from mlroadmap.offline import directory_links_to_files
from mlroadmap.printable import PDF_PATH, PRINT_PATH, printable_page

OFFLINE_CONFIG = REPO / "mkdocs.offline.yml"
SITE_URL = "https://example.org/site/"


def config(path: Path) -> dict[str, Any]:
    """A configuration file as MkDocs reads it, without following INHERIT."""
    return yaml_load(path.read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------------------------
# The printable page (mlroadmap.printable)
# ----------------------------------------------------------------------------------------------
def test_the_printable_page_has_every_phase_and_topic_in_order_with_anchors() -> None:
    roadmap = small_roadmap()
    markdown = printable_page(roadmap, SITE_URL)
    headings = re.findall(r"^(#+) (.+) \{#([a-z0-9-]+)\}$", markdown, re.MULTILINE)
    expected = [("##", "Phase 1: Basics", "phase-basics")]
    expected += [("###", t.topic.title, t.id) for t in roadmap.ordered_topics()]
    assert headings == expected
    assert f"{len(roadmap.phases)} phases and {len(roadmap.topics)} topics, about 20 hours" in markdown


def test_a_topic_has_its_summary_prerequisites_resources_and_page_but_no_notebook() -> None:
    markdown = printable_page(small_roadmap(), SITE_URL)
    beta = markdown[markdown.index("{#beta}") :]
    assert "A one-sentence summary of topic beta." in beta
    assert "**Study first:** [Topic alpha](#alpha)." in beta  # further up the same page, so the PDF links it
    assert "[Topic page](https://example.org/site/basics/beta/){ .rm-print-url }" in beta
    resources = re.findall(r"^- \[(.+?)\]\((\S+)\)\{ \.rm-print-url \} \((\w+), (\w+)\): ", beta, re.MULTILINE)
    assert resources == [
        ("beta resource 1", "https://example.org/beta/1", "video", "free"),
        ("beta resource 2", "https://example.org/beta/2", "docs", "free"),
        ("beta resource 3", "https://example.org/beta/3", "book", "paid"),
    ]
    assert ".ipynb" not in markdown and "notebooks/" not in markdown
    alpha = markdown[markdown.index("{#alpha}") : markdown.index("{#beta}")]
    assert "**Study first:** nothing: you can start here." in alpha


def test_a_prerequisite_that_is_not_printed_is_named_not_linked() -> None:
    pages = {
        "basics/index.md": PHASE_PAGE,
        "basics/alpha.md": topic_page("alpha", 1, phase="basis"),  # a typo: in no phase, so not printed
        "basics/beta.md": topic_page("beta", 2, "[alpha]"),
    }
    records, _ = load_pages((src, source.encode()) for src, source in pages.items())
    roadmap, _ = build_roadmap(records)
    markdown = printable_page(roadmap)
    assert "{#alpha}" not in markdown
    assert "**Study first:** Topic alpha." in markdown


def test_without_a_site_address_topics_link_to_the_pages_beside_it() -> None:
    assert "[Topic page](basics/beta.md)" in printable_page(small_roadmap())


def test_the_printable_page_is_left_out_of_search_navigation_and_table_of_contents() -> None:
    front = printable_page(small_roadmap()).split("---")[1]
    assert "search:\n  exclude: true" in front
    assert "hide:\n  - navigation\n  - toc" in front


def test_front_matter_text_stays_text() -> None:
    roadmap = small_roadmap()
    alpha = roadmap.topics[0]
    odd = alpha.topic.model_copy(update={"title": "A *b* [c](d) <i>e</i> f_g"})
    roadmap = Roadmap(roadmap.phases, (type(alpha)(alpha.src, odd, alpha.front), *roadmap.topics[1:]))
    assert r"### A \*b\* \[c\](d) &lt;i>e&lt;/i> f\_g {#alpha}" in printable_page(roadmap)


def test_the_site_builds_the_printable_page_outside_the_navigation(build_small: Callable[..., BuildResult]) -> None:
    result = build_small()
    assert result.ok, result.warnings
    assert result.warnings == []
    html = result.html("print")
    topics = re.findall(r'<section class="rm-print-topic">.*?</section>', html, re.DOTALL)
    assert len(topics) == 3
    assert 'href="https://example.org/basics/alpha/"' in topics[0]  # the published page: works on paper
    assert 'href="#alpha"' in topics[1]
    assert 'href="print/"' not in result.html("")  # not in the navigation


def test_the_pdf_page_count_reads_page_objects() -> None:
    make_pdf = load_script("make_pdf")
    pdf = b"<< /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page/Parent 1 0 R>> << /Type /Catalog >>"
    assert make_pdf.page_count(pdf) == 2


# ----------------------------------------------------------------------------------------------
# The home page links the downloads where the scripts put them
# ----------------------------------------------------------------------------------------------
def test_the_home_page_links_the_printable_page_the_pdf_and_the_offline_copy() -> None:
    load_script("ci_summary")  # make_offline imports it
    home = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    assert f"]({PRINT_PATH})" in home
    # HTML links, which MkDocs does not check: a plain `mkdocs build` makes neither file.
    assert f'<a href="{PDF_PATH}">' in home
    assert f'<a href="{load_script("make_offline").ZIP_PATH}" download>' in home


# ----------------------------------------------------------------------------------------------
# The offline copy: its configuration, its links, its zip
# ----------------------------------------------------------------------------------------------
def test_the_offline_configuration_is_the_sites_plus_the_offline_plugin_and_hook() -> None:
    site, offline = config(REPO / "mkdocs.yml"), config(OFFLINE_CONFIG)
    assert offline["INHERIT"] == "mkdocs.yml"
    # INHERIT replaces lists: these repeat mkdocs.yml's and must not drift from it.
    assert offline["plugins"] == [*site["plugins"], "offline"]
    assert offline["hooks"] == [*site["hooks"], "hooks/offline.py"]
    assert offline["use_directory_urls"] is False
    assert offline["extra_javascript"] == [s for s in site["extra_javascript"] if isinstance(s, str)]  # no module
    [shim] = offline["extra"]["polyfills"]
    assert (REPO / "docs" / shim).is_file()  # Material would fetch it from unpkg.com otherwise


FILES = {
    "": "index.html",
    "roadmap/": "roadmap.html",
    "core-ml/": "core-ml/index.html",
    "core-ml/svm/": "core-ml/svm.html",
    "notebooks/svm-demo/": "notebooks/svm-demo.html",
}


def test_links_written_for_directory_urls_open_the_pages_files() -> None:
    # The map on the roadmap page: written relative to its directory URL, roadmap/.
    html = '<a href="../core-ml/svm/">SVM</a> <a href="../core-ml/">Phase</a> <a href="../core-ml/svm/#x">x</a>'
    assert directory_links_to_files(html, "roadmap.md", FILES) == (
        '<a href="core-ml/svm.html">SVM</a> <a href="core-ml/index.html">Phase</a> <a href="core-ml/svm.html#x">x</a>'
    )
    # A theme template's link on a topic page: written relative to the page's file.
    assert directory_links_to_files('<a href="../roadmap/">', "core-ml/svm.md", FILES) == '<a href="../roadmap.html">'
    assert directory_links_to_files('<a href="./">', "core-ml/index.md", FILES) == '<a href="index.html">'
    assert directory_links_to_files('<a href="../">', "core-ml/svm.md", FILES) == '<a href="../index.html">'


def test_other_links_are_left_as_they_are() -> None:
    html = (
        '<a href="https://example.org/core-ml/svm/"> <a href="/core-ml/svm/"> <a href="svm.html">'
        ' <a href="#top"> <a href="../unknown/"> <a href="mailto:a@b.c/">'
    )
    assert directory_links_to_files(html, "core-ml/svm.md", FILES) == html
    assert directory_links_to_files('<a href="../roadmap/">', "not-a-page.md", FILES) == '<a href="../roadmap/">'


def test_the_zip_holds_one_folder_in_path_order_with_fixed_dates(tmp_path: Path) -> None:
    make_offline = load_script("make_offline")
    folder = tmp_path / "copy"
    for name in ("index.html", "b/page.html", "a.css"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name, encoding="utf-8")
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    make_offline.zip_folder(folder, first)
    make_offline.zip_folder(folder, second)
    assert first.read_bytes() == second.read_bytes()  # the same files give the same zip
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["ml-roadmap/a.css", "ml-roadmap/b/page.html", "ml-roadmap/index.html"]
        assert archive.read("ml-roadmap/b/page.html") == b"b/page.html"
