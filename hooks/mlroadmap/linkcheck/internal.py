"""Offline: internal links and anchors across the built site, resolved like a browser would.

Pages are keyed by their URL path relative to the site root (``core-ml/svm/``, ``""`` or
``index.html`` for the home page, ``404.html``); other files by their path (``roadmap.json``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from mlroadmap.linkcheck.models import INTERNAL_LINK
from mlroadmap.problems import Problem

_INDEX = "index.html"
_ORIGIN = "http://site.invalid"
_IMPLICIT_ANCHORS = frozenset({"top"})  # "#top" scrolls to the top even without such an id


@dataclass(frozen=True)
class PageLinks:
    """What one HTML page offers and uses: its anchor names and its ``<a href>`` values."""

    anchors: frozenset[str]
    hrefs: tuple[str, ...]


@dataclass(frozen=True)
class LinkTarget:
    """An internal link resolved to a site path (no leading '/') and a decoded fragment."""

    path: str
    fragment: str


class _LinkParser(HTMLParser):
    """Collects ``id`` attributes, ``<a name>`` anchors and ``<a href>`` values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the anchors and links a start tag carries."""
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.anchors.add(value)
            elif tag == "a" and name == "href":
                self.hrefs.append(value)


def parse_page(html: str) -> PageLinks:
    """Extract the anchors (``id`` on any element, ``name`` on ``<a>``) and links of a page."""
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    return PageLinks(frozenset(parser.anchors), tuple(parser.hrefs))


def normalize_page_path(path: str) -> str:
    """Site-relative page path with ``index.html`` folded into its directory: ``a/index.html`` -> ``a/``."""
    path = path.lstrip("/")
    if path == _INDEX or path.endswith("/" + _INDEX):
        return path[: -len(_INDEX)]
    return path


def resolve_href(page: str, href: str, base_path: str = "/") -> LinkTarget | None:
    """Resolve ``href`` found on ``page`` to a site path; None for links that leave the site.

    External links (any scheme or host, ``mailto:``, ``javascript:``), bare ``#`` and absolute
    paths outside ``base_path`` (the site's path on its host, e.g. ``/ml-roadmap/``) are None.
    """
    href = href.strip()
    if not href or href == "#":
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    absolute = urlsplit(urljoin(_ORIGIN + base + page.lstrip("/"), href))
    path = unquote(absolute.path)
    if not path.startswith(base):
        return None
    return LinkTarget(path=path[len(base) :], fragment=unquote(absolute.fragment))


def find_target(path: str, pages: Collection[str], files: Collection[str]) -> str | None:
    """The normalised page (or file) ``path`` names, or None when the site has no such thing.

    Directory URLs and their ``index.html`` are the same page, and ``a/b`` reaches ``a/b/``
    (servers redirect a directory without its trailing slash).
    """
    normalized = normalize_page_path(path)
    as_directory = normalized if not normalized or normalized.endswith("/") else normalized + "/"
    for candidate in (normalized, as_directory):
        if candidate in pages:
            return candidate
    for candidate in (path, as_directory + _INDEX):
        if candidate in files:
            return candidate
    return None


def check_internal_links(
    pages: Mapping[str, str],
    files: Collection[str] = (),
    *,
    base_path: str = "/",
) -> list[Problem]:
    """Every ``<a href>`` inside the built site that points to a missing page or anchor.

    Args:
        pages: page URL path (``core-ml/svm/``) -> its HTML.
        files: the site's other files (``assets/x.css``, ``roadmap.json``); links to them are
            checked for existence only.
        base_path: the site's path on its host, so absolute links like ``/ml-roadmap/a/`` resolve.

    Returns:
        One problem per distinct (page, href), sorted by page, whose ``path`` is the page's URL
        path (the caller maps it to the page's source), e.g. ``core-ml/svm/``: "link to
        '../dbscan/#eps' points to a missing anchor '#eps' on core-ml/dbscan/" (fix: "fix the
        anchor or the heading").
    """
    parsed = {normalize_page_path(key): (key, parse_page(html)) for key, html in pages.items()}
    other_files = {name.lstrip("/") for name in files}
    problems: list[Problem] = []
    for page, (display, links) in sorted(parsed.items()):
        for href in dict.fromkeys(links.hrefs):
            problem = _link_problem(display or "/", page, href, parsed, other_files, base_path)
            if problem is not None:
                problems.append(problem)
    return problems


def _link_problem(
    display: str,
    page: str,
    href: str,
    parsed: Mapping[str, tuple[str, PageLinks]],
    files: Collection[str],
    base_path: str,
) -> Problem | None:
    target = resolve_href(page, href, base_path)
    if target is None:
        return None
    found = find_target(target.path, parsed, files)
    if found is None:
        return Problem(
            path=display,
            line=None,
            message=f"link to '{href}' points to a missing page {target.path or '/'}",
            fix="fix the link or add the page",
            kind=INTERNAL_LINK,
        )
    fragment = target.fragment
    if not fragment or found not in parsed or fragment in _IMPLICIT_ANCHORS or fragment.startswith(":~:"):
        return None
    if fragment in parsed[found][1].anchors:
        return None
    return Problem(
        path=display,
        line=None,
        message=f"link to '{href}' points to a missing anchor '#{fragment}' on {found or '/'}",
        fix="fix the anchor or the heading",
        kind=INTERNAL_LINK,
    )
