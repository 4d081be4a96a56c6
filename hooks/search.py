"""MkDocs hooks: tune Material's search so that a learner's words find the right topic page.

Three things, each a small pure function below the handlers:

- a topic's ``aliases`` (other names people search for) are shown under its summary as an
  "Also known as" line, so they are on the page and in its index entry;
- pages are weighted by kind (``search.boost``): topics first, notebooks and contributors'
  pages after them;
- generated navigation (the roadmap's tables and map, a phase's study plan, a topic's facts line
  and its "Prerequisites and next steps" section, heading included) and notebook permalinks are
  kept out of the index with ``data-search-exclude``, so a page is found for what it explains, not
  for what it links to; a topic's result then opens with its summary, and the index carries no
  entry per topic for a heading every topic shares (one in seven of the 10x index's entries).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

EXCLUDE = "data-search-exclude"
# Weight of a page in search results, by kind; pages of no listed kind keep Material's 1.
BOOST = {"topic": 3.0, "phase": 1.5, "notebook": 0.4, "listing": 0.4, "contributing": 0.3}
LISTING_PAGES = frozenset({"tags.md"})
ROADMAP_INDEX = "roadmap.md"

SUMMARY_RE = re.compile(r'<p class="roadmap-summary">.*?</p>\n\n', re.DOTALL)
TABLE_RE = re.compile(r"<table(?=[\s>])")
PARAGRAPH_RE = re.compile(r"<p(?=[\s>])")
ANCHOR_LINK_RE = re.compile(r'<a class="anchor-link"')
STUDY_PLAN_RE = re.compile(r'<h2 id="study-plan"[\s\S]*?(?=<h2[\s>]|$)')
NEXT_STEPS_RE = re.compile(r'<h2 id="prerequisites-and-next-steps"[\s\S]*?(?=<h2[\s>]|$)')
HEADING_OR_PARAGRAPH_RE = re.compile(r"<(?:h2|p)(?=[\s>])")
FACTS_RE = re.compile(r'<div class="roadmap-facts">[\s\S]*?</div>')


# ----------------------------------------------------------------------------------------------
# Event handlers
# ----------------------------------------------------------------------------------------------
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Show a topic's aliases under its summary (after the roadmap hook added the summary)."""
    if page.meta.get("type") != "topic":
        return markdown
    return with_aliases(markdown, _strings(page.meta.get("aliases")))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Weight the page by its kind and mark what the index should skip (before search reads it)."""
    kind = page_kind(page.file.src_uri, page.meta)
    if kind in BOOST:
        page.meta["search"] = {"boost": BOOST[kind], **(page.meta.get("search") or {})}
    return exclude_boilerplate(html, kind, page.file.src_uri)


# ----------------------------------------------------------------------------------------------
# Pure helpers
# ----------------------------------------------------------------------------------------------
def page_kind(src: str, meta: Mapping[str, Any]) -> str:
    """What a page is, for weighting: topic, phase, notebook, listing, contributing or page."""
    page_type = meta.get("type")
    if page_type in ("topic", "phase"):
        return str(page_type)
    if src.endswith(".ipynb"):
        return "notebook"
    if src in LISTING_PAGES:
        return "listing"
    if src.startswith("contributing/"):
        return "contributing"
    if src == ROADMAP_INDEX:
        return "roadmap"
    return "page"


def aliases_html(aliases: Sequence[str]) -> str:
    """The visible "Also known as" line for a topic's aliases, or nothing."""
    names = [escape(name) for name in dict.fromkeys(a.strip() for a in aliases) if name]
    if not names:
        return ""
    return f'<p class="rm-aka"><strong>Also known as:</strong> {", ".join(names)}.</p>\n\n'


def with_aliases(markdown: str, aliases: Sequence[str]) -> str:
    """Insert the "Also known as" line after the summary paragraph, or at the top without one."""
    line = aliases_html(aliases)
    if not line:
        return markdown
    match = SUMMARY_RE.search(markdown)
    if match is None:
        return line + markdown
    return markdown[: match.end()] + line + markdown[match.end() :]


def exclude_boilerplate(html: str, kind: str, src: str) -> str:
    """Mark the generated navigation of a page, and notebook permalinks, as excluded from search."""
    if kind == "roadmap":
        return mark(html, TABLE_RE)
    if kind == "phase":
        return mark_within(html, STUDY_PLAN_RE, TABLE_RE)
    if kind == "topic":
        return mark_within(mark_within(html, FACTS_RE, PARAGRAPH_RE), NEXT_STEPS_RE, HEADING_OR_PARAGRAPH_RE)
    if kind == "notebook":
        return mark(html, ANCHOR_LINK_RE)
    return html


def mark(html: str, tag: re.Pattern[str]) -> str:
    """Add ``data-search-exclude`` to every opening tag that ``tag`` matches."""
    return tag.sub(lambda m: f"{m.group(0)} {EXCLUDE}", html)


def mark_within(html: str, region: re.Pattern[str], tag: re.Pattern[str]) -> str:
    """Add ``data-search-exclude`` to the tags matched inside the first ``region`` of the page."""
    match = region.search(html)
    if match is None:
        return html
    return html[: match.start()] + mark(match.group(0), tag) + html[match.end() :]


def _strings(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []
