"""Search tuning (hooks/search.py): aliases on the page, weights by kind, boilerplate left out."""

from __future__ import annotations

import search

TOPIC_MARKDOWN = (
    '<div class="roadmap-facts" markdown>\n\nfacts\n\n</div>\n\n'
    '<p class="roadmap-summary">A summary.</p>\n\n'
    "## Why it matters\n"
)


def test_aliases_go_after_the_summary() -> None:
    out = search.with_aliases(TOPIC_MARKDOWN, ["OLS", "least squares"])
    summary_end = out.index("</p>\n\n") + len("</p>\n\n")
    assert out[summary_end:].startswith('<p class="rm-aka"><strong>Also known as:</strong> OLS, least squares.</p>')
    assert out.endswith("## Why it matters\n")


def test_aliases_are_escaped_deduplicated_and_optional() -> None:
    assert search.aliases_html(["a<b", "a<b", " ", "c & d"]) == (
        '<p class="rm-aka"><strong>Also known as:</strong> a&lt;b, c &amp; d.</p>\n\n'
    )
    assert search.with_aliases(TOPIC_MARKDOWN, []) == TOPIC_MARKDOWN
    assert search.with_aliases("# Plain\n", ["x"]).startswith('<p class="rm-aka">')


def test_page_kinds() -> None:
    assert search.page_kind("core-ml/svm.md", {"type": "topic"}) == "topic"
    assert search.page_kind("core-ml/index.md", {"type": "phase"}) == "phase"
    assert search.page_kind("notebooks/x.ipynb", {}) == "notebook"
    assert search.page_kind("contributing/index.md", {}) == "contributing"
    assert search.page_kind("tags.md", {}) == "listing"
    assert search.page_kind("roadmap.md", {}) == "roadmap"
    assert search.page_kind("tips.md", {}) == "page"
    assert search.BOOST["topic"] > search.BOOST["phase"] > 1 > search.BOOST["notebook"]


def test_topic_facts_and_next_steps_are_left_out_but_not_the_rest() -> None:
    html = (
        '<div class="roadmap-facts">\n<p><strong>Phase</strong> P · <strong>Level</strong> core</p>\n</div>\n'
        '<p class="roadmap-summary">Summary.</p>'
        '<h2 id="core-ideas">Core ideas</h2><p>Keep me.</p>'
        '<h2 id="prerequisites-and-next-steps">Prerequisites and next steps</h2>'
        "<p><strong>Study first:</strong> a.</p><p><strong>Then continue with:</strong> b.</p>"
        '<h2 id="resources">Resources</h2><p>Keep me too.</p>'
    )
    out = search.exclude_boilerplate(html, "topic", "core-ml/svm.md")
    assert '<div class="roadmap-facts">\n<p data-search-exclude><strong>Phase</strong>' in out
    assert '<h2 data-search-exclude id="prerequisites-and-next-steps">' in out
    assert out.count("<p data-search-exclude>") == 3
    assert '<p class="roadmap-summary">Summary.</p>' in out
    assert "<p>Keep me.</p>" in out and "<p>Keep me too.</p>" in out
    assert '<h2 id="core-ideas">' in out and '<h2 id="resources">' in out


def test_roadmap_tables_phase_study_plan_and_notebook_permalinks() -> None:
    assert search.exclude_boilerplate("<table>x</table>", "roadmap", "roadmap.md") == (
        "<table data-search-exclude>x</table>"
    )
    phase = '<h2 id="study-plan">Study plan</h2><table>plan</table><h2 id="resources">R</h2><table>keep</table>'
    out = search.exclude_boilerplate(phase, "phase", "core-ml/index.md")
    assert out.count("data-search-exclude") == 1 and "<table>keep</table>" in out
    notebook = '<h1 id="t">T<a class="anchor-link" href="#t">¶</a></h1>'
    assert 'class="anchor-link" data-search-exclude' in search.exclude_boilerplate(notebook, "notebook", "n.ipynb")
    assert search.exclude_boilerplate("<table>", "page", "tips.md") == "<table>"
