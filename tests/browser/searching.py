"""Run learners' queries through Material's own search box in a real browser, and score them.

Shared by the browser tests and ``scripts/bench_site.py``: the queries and their expected
pages live in ``tests/search_queries.yml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Page

QUERIES = Path(__file__).resolve().parent.parent / "search_queries.yml"
RESULTS = "li.md-search-result__item > a:first-of-type"
SETTLED = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  return document.querySelectorAll('.md-search-result__item').length > 0
    || (meta !== null && /^No matching/.test(meta.textContent.trim()));
}"""
CLEARED = "() => document.querySelectorAll('.md-search-result__item').length === 0"


@dataclass(frozen=True)
class Query:
    """A query as a learner types it, and the pages (site-relative URLs) that should come first."""

    text: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """A query and the pages the search listed for it, best first."""

    query: Query
    pages: tuple[str, ...]

    def rank(self) -> int | None:
        """The position (from 1) of the first expected page, or None when it is not listed."""
        return next((i + 1 for i, page in enumerate(self.pages) if page in self.query.expect), None)

    def hit(self, k: int) -> bool:
        """Whether an expected page is among the first ``k``."""
        rank = self.rank()
        return rank is not None and rank <= k


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The query list, read from YAML."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(e["query"]), tuple(str(p) for p in e["expect"])) for e in entries]


def site_path(href: str, site_url: str) -> str:
    """A result link as a site-relative page URL: no host, prefix, query string or fragment."""
    path = urlsplit(href).path
    prefix = urlsplit(site_url).path
    return path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/")


def open_search(page: Page, site_url: str) -> None:
    """Load the home page and focus Material's search box."""
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.wait_for(state="attached")
    page.locator(".md-search__input").focus()


def search(page: Page, text: str, site_url: str) -> tuple[str, ...]:
    """Type ``text`` into the open search box; return the pages listed, best first."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(CLEARED)
    box.fill(text)
    box.press("End")  # Material reads the query on key events
    page.wait_for_function(SETTLED)
    hrefs = page.eval_on_selector_all(RESULTS, "links => links.map(link => link.href)")
    return tuple(site_path(href, site_url) for href in hrefs)


def run_queries(page: Page, site_url: str, queries: Sequence[Query]) -> list[Outcome]:
    """Every query through the search box, in order."""
    open_search(page, site_url)
    return [Outcome(query, search(page, query.text, site_url)) for query in queries]


def hit_rate(outcomes: Sequence[Outcome], k: int) -> float:
    """The share of queries whose expected page is among the first ``k`` results."""
    return sum(outcome.hit(k) for outcome in outcomes) / len(outcomes) if outcomes else 0.0
