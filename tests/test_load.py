"""Validating one page: every mistake becomes one located problem with a fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PHASE_PAGE, TOPIC_BODY, topic_page
from mlroadmap.load import BrokenPage, PhaseRecord, Record, TopicRecord, collect_resource_refs, load_pages
from mlroadmap.problems import Problem


def load_page(src: str, source: str) -> tuple[Record | None, list[Problem]]:
    """One page through the loader: its record (None outside the roadmap) and its problems."""
    records, problems = load_pages([(src, source.encode())])
    return (records[0] if records else None), problems


def messages(src: str, source: str) -> list[str]:
    return [str(problem) for problem in load_page(src, source)[1]]


def test_valid_topic_becomes_a_record() -> None:
    record, problems = load_page("basics/alpha.md", topic_page("alpha", 1))
    assert problems == []
    assert isinstance(record, TopicRecord)
    assert record.id == "alpha"
    assert record.topic.effort_hours == 10


def test_valid_phase_takes_its_folder_as_id() -> None:
    record, problems = load_page("basics/index.md", PHASE_PAGE)
    assert problems == []
    assert isinstance(record, PhaseRecord)
    assert record.id == "basics"


def test_page_without_type_is_not_part_of_the_roadmap() -> None:
    assert load_page("tips.md", "---\ntitle: Tips\n---\n# Tips\n") == (None, [])


def test_page_with_roadmap_fields_but_no_type_is_flagged() -> None:
    source = topic_page("alpha", 1).replace("type: topic\n", "")
    [message] = messages("basics/alpha.md", source)
    assert message.startswith("docs/basics/alpha.md:")
    assert "add 'type: topic'" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "level: beginner",
            "level: guru",
            "docs/basics/alpha.md:8: level: 'guru' is not allowed (use one of: 'beginner'",
        ),
        ("level: beginner\n", "", "docs/basics/alpha.md:1: required field 'level' is missing (add 'level: ...'"),
        ("order: 1", "order: first", "docs/basics/alpha.md:6: order: Input should be a valid integer"),
        ("tags: [test]", "tag: [test]", "docs/basics/alpha.md:10: unknown field 'tag' (did you mean 'tags'?)"),
        ("kind: video", "kind: vidoe", "docs/basics/alpha.md:14: resources[1].kind: 'vidoe' is not allowed"),
        ("    kind: video\n", "", "docs/basics/alpha.md:12: resources[1]: required field 'kind' is missing"),
        (
            "https://example.org/alpha/1",
            "http://example.org/alpha/1",
            "docs/basics/alpha.md:13: resources[1].url: URL 'http://example.org/alpha/1' is not https",
        ),
        (
            "https://example.org/alpha/1",
            "javascript:alert(1)",
            "resources[1].url: URL scheme 'javascript:' is not allowed",
        ),
        ("https://example.org/alpha/1", "data:text/html,x", "resources[1].url: URL scheme 'data:' is not allowed"),
        (
            "https://example.org/alpha/1",
            "https://bit.ly/x1",
            "resources[1].url: URL 'https://bit.ly/x1' uses the link shortener bit.ly",
        ),
        (
            "https://example.org/alpha/2",
            "https://example.org/alpha/1/",
            "docs/basics/alpha.md:18: resources[2].url: "
            "URL https://example.org/alpha/1/ is already listed as resource 1",
        ),
        ("prerequisites: []", "prerequisites: [Not An Id]", "prerequisites[1]: 'Not An Id' is not a valid id"),
        (
            "effort_hours: 10",
            "effort_hours: 0",
            "docs/basics/alpha.md:7: effort_hours: Input should be greater than or equal to 1",
        ),
        ("type: topic", "type: lesson", "docs/basics/alpha.md:2: type: unknown page type 'lesson'"),
    ],
    ids=[
        "unknown-level",
        "missing-level",
        "order-not-int",
        "typo-field",
        "unknown-kind",
        "resource-without-kind",
        "http-url",
        "javascript-url",
        "data-url",
        "shortener",
        "duplicate-url",
        "bad-prerequisite-id",
        "zero-effort",
        "unknown-type",
    ],
)
def test_front_matter_mistakes(old: str, new: str, expected: str) -> None:
    source = topic_page("alpha", 1)
    assert old in source
    found = messages("basics/alpha.md", source.replace(old, new, 1))
    assert len(found) == 1, found
    assert expected in found[0], found[0]


def test_too_few_resources() -> None:
    source = topic_page("alpha", 1)
    source = source[: source.index("  - title: alpha resource 2")] + "---\n" + TOPIC_BODY
    [message] = messages("basics/alpha.md", source)
    assert "resources: has 1 item(s), needs at least 3 (add more entries)" in message


def test_id_must_match_the_file_name() -> None:
    [message] = messages("basics/alpha.md", topic_page("alpha", 1, extra="id: omega\n"))
    assert message.startswith("docs/basics/alpha.md:11: id: id 'omega' does not match the file name 'alpha.md'")


def test_broken_front_matter_keeps_the_page_known() -> None:
    record, problems = load_page("basics/alpha.md", topic_page("alpha", 1).replace("level: beginner", "level: [x"))
    assert isinstance(record, BrokenPage)
    assert record.id == "alpha"
    assert "not valid YAML" in str(problems[0])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("# Title\n" + TOPIC_BODY, "docs/basics/alpha.md:28: the body has its own title '# Title'"),
        (TOPIC_BODY.replace("## Common pitfalls", "## Pitfalls"), "missing section(s): ## Common pitfalls"),
        (TOPIC_BODY + "\n## Resources\n\n- x\n", "section '## Resources' is generated from front matter"),
        (
            "\n## Core ideas\n\nx\n\n## Why it matters\n\nx\n\n"
            "## Common pitfalls\n\nx\n\n## Check your understanding\n\nx\n",
            "sections are out of order",
        ),
    ],
    ids=["own-h1", "missing-section", "hand-written-resources", "out-of-order"],
)
def test_body_structure(body: str, expected: str) -> None:
    source = topic_page("alpha", 1).replace(TOPIC_BODY, body)
    found = messages("basics/alpha.md", source)
    assert any(expected in message for message in found), found


def test_headings_inside_code_fences_are_ignored() -> None:
    source = topic_page("alpha", 1).replace("Ideas.", "```python\n# not a heading\n```")
    assert messages("basics/alpha.md", source) == []


def test_collect_resource_refs_keeps_page_and_line(tmp_path: Path) -> None:
    (tmp_path / "basics").mkdir()
    (tmp_path / "basics" / "alpha.md").write_text(topic_page("alpha", 1), encoding="utf-8")
    (tmp_path / "index.md").write_text("# Home\n", encoding="utf-8")
    refs = collect_resource_refs(tmp_path)
    assert [(r.page, r.line, r.url) for r in refs][:2] == [
        ("basics/alpha.md", 13, "https://example.org/alpha/1"),
        ("basics/alpha.md", 18, "https://example.org/alpha/2"),
    ]
    assert len(refs) == 3
