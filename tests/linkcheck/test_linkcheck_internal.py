"""Internal links and anchors across a built site, given as plain HTML strings."""

from __future__ import annotations

import pytest

from mlroadmap.linkcheck import INTERNAL_LINK, check_internal_links
from mlroadmap.linkcheck.internal import normalize_page_path, parse_page, resolve_href


def page(*links: str, ids: tuple[str, ...] = (), names: tuple[str, ...] = ()) -> str:
    anchors = "".join(f'<h2 id="{anchor}">{anchor}</h2>' for anchor in ids)
    named = "".join(f'<a name="{name}"></a>' for name in names)
    hrefs = "".join(f'<a href="{link}">x</a>' for link in links)
    return f"<html><body>{anchors}{named}<p>{hrefs}</p></body></html>"


def messages(pages: dict[str, str], files: tuple[str, ...] = (), **options: str) -> list[str]:
    """Each problem as ``page/: message (fix)``: its path is the page's URL path, not a docs file."""
    problems = check_internal_links(pages, files, **options)
    assert all((problem.kind, problem.line, problem.field) == (INTERNAL_LINK, None, "") for problem in problems)
    return [f"{problem.path}: {problem.message} ({problem.fix})" for problem in problems]


def test_the_issue_example() -> None:
    pages = {"core-ml/svm/": page("../dbscan/#eps"), "core-ml/dbscan/": page(ids=("epsilon",))}
    assert messages(pages) == [
        "core-ml/svm/: link to '../dbscan/#eps' points to a missing anchor '#eps' on core-ml/dbscan/ "
        "(fix the anchor or the heading)"
    ]


def test_valid_links_of_every_shape_pass() -> None:
    pages = {
        "": page("core-ml/svm/", "core-ml/svm/index.html#margin", "./roadmap.json", "#intro", ids=("intro",)),
        "core-ml/svm/": page(
            "../dbscan/#eps",
            "../dbscan/index.html",
            "../../",
            "../../index.html#intro",
            "/core-ml/dbscan/",
            "../dbscan",
            "#margin",
            "?q=svm",
            "../../assets/x.css",
            "#top",
            "#:~:text=hello",
            ids=("margin",),
            names=("kernel trick",),
        ),
        "core-ml/dbscan/": page("../svm/#kernel%20trick", ids=("eps",)),
        "404.html": page("/", "index.html"),
    }
    assert messages(pages, ("assets/x.css", "roadmap.json")) == []


def test_external_mail_and_bare_fragment_links_are_ignored() -> None:
    pages = {
        "a/": page(
            "https://example.org/missing/#nope",
            "//cdn.example.org/x.js",
            "mailto:someone@example.org",
            "javascript:void(0)",
            "tel:+100",
            "#",
            "",
        )
    }
    assert messages(pages) == []


def test_missing_pages_and_files() -> None:
    pages = {"core-ml/svm/": page("../dbscn/", "../../assets/missing.css", "/core-ml/none/#x", "../dbscan/")}
    pages["core-ml/dbscan/"] = page()
    assert messages(pages, ("assets/x.css",)) == [
        "core-ml/svm/: link to '../dbscn/' points to a missing page core-ml/dbscn/ (fix the link or add the page)",
        "core-ml/svm/: link to '../../assets/missing.css' points to a missing page assets/missing.css "
        "(fix the link or add the page)",
        "core-ml/svm/: link to '/core-ml/none/#x' points to a missing page core-ml/none/ "
        "(fix the link or add the page)",
    ]


def test_same_page_anchor_and_name_attribute() -> None:
    pages = {"a/": page("#here", "#there", "#named", "#gone", ids=("here",), names=("named",))}
    pages["a/"] = pages["a/"].replace("<p>", '<p><span id="there"></span>')
    assert messages(pages) == [
        "a/: link to '#gone' points to a missing anchor '#gone' on a/ (fix the anchor or the heading)"
    ]


def test_repeated_links_are_reported_once_per_page() -> None:
    nav = page("../missing/", "../missing/")
    assert len(messages({"a/": nav, "b/": nav})) == 2


def test_anchor_on_a_non_html_file_is_not_checked() -> None:
    assert messages({"a/": page("../roadmap.json#whatever")}, ("roadmap.json",)) == []


def test_site_under_a_base_path() -> None:
    pages = {
        "a/": page("/ml-roadmap/b/#x", "/ml-roadmap/c/", "/elsewhere/"),
        "b/": page(ids=("x",)),
    }
    assert messages(pages, base_path="/ml-roadmap/") == [
        "a/: link to '/ml-roadmap/c/' points to a missing page c/ (fix the link or add the page)"
    ]


def test_entities_in_attributes_are_decoded() -> None:
    html = '<a href="../b/#caf&eacute;">x</a><a href="../b/#a&amp;b">y</a>'
    pages = {"a/": html, "b/": '<h2 id="café"></h2><h2 id="a&amp;b"></h2>'}
    assert messages(pages) == []


@pytest.mark.parametrize(
    ("page_path", "href", "expected"),
    [
        ("core-ml/svm/", "../dbscan/#x", ("core-ml/dbscan/", "x")),
        ("core-ml/svm/", "../../", ("", "")),
        ("core-ml/svm/", "../../../../too-far/", ("too-far/", "")),
        ("core-ml/svm/", "sub/page.html", ("core-ml/svm/sub/page.html", "")),
        ("core-ml/svm/", "#a%20b", ("core-ml/svm/", "a b")),
        ("", "core-ml/", ("core-ml/", "")),
        ("404.html", "core-ml/", ("core-ml/", "")),
    ],
)
def test_resolution_like_a_browser(page_path: str, href: str, expected: tuple[str, str]) -> None:
    target = resolve_href(page_path, href)
    assert target is not None
    assert (target.path, target.fragment) == expected


def test_normalize_and_parse() -> None:
    assert [normalize_page_path(path) for path in ("index.html", "/a/index.html", "a/", "404.html")] == [
        "",
        "a/",
        "a/",
        "404.html",
    ]
    links = parse_page('<div id="d"></div><a name="n" href="x/">t</a><input name="field"><a>no href</a>')
    assert links.anchors == frozenset({"d", "n"})
    assert links.hrefs == ("x/",)
