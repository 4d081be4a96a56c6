"""Front matter parsing keeps line numbers and explains YAML mistakes."""

from __future__ import annotations

import pytest

from mlroadmap.frontmatter import FrontMatterError, parse_front_matter, split_front_matter


def test_lines_of_keys_and_list_items_are_file_lines() -> None:
    front = parse_front_matter("---\ntitle: A\nresources:\n  - url: x\n    kind: y\n---\nbody\n")
    assert front.data == {"title": "A", "resources": [{"url": "x", "kind": "y"}]}
    assert front.lines[("title",)] == 2
    assert front.lines[("resources", 0, "url")] == 4
    assert front.lines[("resources", 0, "kind")] == 5
    assert front.body == "body\n"
    assert front.body_start_line == 7


def test_line_of_falls_back_to_the_nearest_ancestor() -> None:
    front = parse_front_matter("---\na: 1\nb:\n  - c: 2\n---\n")
    assert front.line_of(("b", 0, "missing")) == 4
    assert front.line_of(("nothing",)) == 1


def test_page_without_front_matter_has_empty_data() -> None:
    front = parse_front_matter("# Just a page\n")
    assert front.data == {}
    assert front.body == "# Just a page\n"


def test_windows_line_endings_and_bom_are_accepted() -> None:
    front = parse_front_matter("\ufeff---\r\ntitle: A\r\n---\r\nbody\r\n")
    assert front.data == {"title": "A"}


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("---\ntitle: A\n\tphase: b\n---\n", 3, "tabs"),
        ("---\ntitle: a: b\n---\n", 2, "quotes"),
        ("---\ntitle: A\n  level: x\n---\n", 3, "indentation"),
        ("---\ntitle: A\ntitle: B\n---\n", 3, "merge"),
        ("---\n- a\n- b\n---\n", 2, "key: value"),
        ("---\ntitle: A\n", 1, "'---'"),
    ],
    ids=["tab", "unquoted-colon", "bad-indent", "duplicate-key", "not-a-mapping", "unclosed"],
)
def test_yaml_mistakes_name_the_line_and_a_fix(source: str, line: int, words: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        parse_front_matter(source)
    assert caught.value.line == line
    assert words in caught.value.fix


def test_split_reports_where_the_body_starts() -> None:
    yaml_text, body, start = split_front_matter("---\na: 1\nb: 2\n---\nhello\n")
    assert yaml_text == "a: 1\nb: 2\n"
    assert body == "hello\n"
    assert start == 5
