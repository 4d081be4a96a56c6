"""A small real site built strictly in tmp_path: generated blocks, index, JSON, and bad input."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from conftest import PHASE_PAGE, TOPIC_BODY, BuildResult, topic_page

Build = Callable[..., BuildResult]


def test_small_site_builds_with_generated_blocks(build_small: Build) -> None:
    result = build_small()
    assert result.ok, result.warnings
    assert result.warnings == []
    beta = result.html("basics/beta/")
    assert "roadmap-facts" in beta
    assert "about 10 h" in beta
    assert 'href="../alpha/">Topic alpha</a>' in beta  # prerequisite, as a link
    assert 'href="../gamma/">Topic gamma</a>' in beta  # next step, as a link
    assert 'href="https://example.org/beta/1">beta resource 1</a>' in beta
    assert beta.index("beta resource 2") < beta.index("beta resource 3")  # free before paid
    assert '<meta name="description" content="A one-sentence summary of topic beta.">' in beta
    phase = result.html("basics/")
    assert "Goal: Learn the basics." in phase
    assert "Study plan" in phase


def test_index_and_json_are_generated_and_agree(build_small: Build) -> None:
    result = build_small()
    index = result.html("roadmap/")
    data = json.loads((result.site_dir / "roadmap.json").read_text(encoding="utf-8"))
    [phase] = data["phases"]
    assert phase["id"] == "basics"
    assert [t["id"] for t in phase["topics"]] == ["alpha", "beta", "gamma"]
    assert phase["topics"][0]["next"] == ["beta", "gamma"]
    for topic in phase["topics"]:
        assert f'href="../{topic["url"]}"' in index
    assert "2-4 weeks" in index
    assert not (result.site_dir.parent / "docs" / "roadmap.md").exists()  # in memory only


def test_navigation_follows_the_roadmap_order(build_small: Build) -> None:
    result = build_small({"basics/alpha.md": topic_page("alpha", 3), "basics/gamma.md": topic_page("gamma", 1, "[]")})
    assert result.ok, result.warnings
    nav = result.html("")
    assert nav.index("Topic gamma") < nav.index("Topic beta") < nav.index("Topic alpha")
    assert "Phase 1: Basics" in nav


# One case per class of bad input: (files to change, text every message must contain).
BAD_INPUT = {
    "malformed-front-matter": (
        {"basics/alpha.md": topic_page("alpha", 1).replace("level: beginner", "level: [beginner")},
        ["docs/basics/alpha.md:9: front matter is not valid YAML"],
    ),
    "missing-field": (
        {"basics/alpha.md": topic_page("alpha", 1).replace("effort_hours: 10\n", "")},
        ["docs/basics/alpha.md:1: required field 'effort_hours' is missing"],
    ),
    "wrongly-typed-field": (
        {"basics/alpha.md": topic_page("alpha", 1).replace("tags: [test]", "tags: test")},
        ["docs/basics/alpha.md:10: tags: Input should be a valid list"],
    ),
    "unknown-phase": (
        {"basics/alpha.md": topic_page("alpha", 1, phase="basis")},
        ["docs/basics/alpha.md:5: phase: unknown phase 'basis' (did you mean 'basics'?)"],
    ),
    "unknown-prerequisite": (
        {"basics/beta.md": topic_page("beta", 2, "[alfa]")},
        ["docs/basics/beta.md:9: prerequisites[1]: unknown prerequisite 'alfa' (did you mean 'alpha'?)"],
    ),
    "cyclic-prerequisite": (
        {"basics/alpha.md": topic_page("alpha", 1, "[beta]")},
        ["docs/basics/alpha.md:9: prerequisites[1]: prerequisites form a cycle: alpha -> beta -> alpha"],
    ),
    "duplicate-topic-id": (
        {"basics/delta.md": topic_page("delta", 4, extra="id: alpha\n").replace("effort_hours: 10", "effort_hours: 5")},
        [
            "docs/basics/delta.md:11: id: id 'alpha' does not match the file name 'delta.md'",
            "docs/basics/delta.md:11: id: topic id 'alpha' is already used by docs/basics/alpha.md",
        ],
    ),
    "http-url": (
        {
            "basics/alpha.md": topic_page("alpha", 1).replace(
                "https://example.org/alpha/2", "http://example.org/alpha/2"
            )
        },
        ["docs/basics/alpha.md:18: resources[2].url: URL 'http://example.org/alpha/2' is not https"],
    ),
    "javascript-url": (
        {"basics/alpha.md": topic_page("alpha", 1).replace("https://example.org/alpha/2", "javascript:void(0)")},
        ["docs/basics/alpha.md:18: resources[2].url: URL scheme 'javascript:' is not allowed"],
    ),
    "data-url": (
        {"basics/alpha.md": topic_page("alpha", 1).replace("https://example.org/alpha/2", "data:text/plain,hi")},
        ["docs/basics/alpha.md:18: resources[2].url: URL scheme 'data:' is not allowed"],
    ),
    "shortener-url": (
        {"basics/alpha.md": topic_page("alpha", 1).replace("https://example.org/alpha/2", "https://youtu.be/abc")},
        ["docs/basics/alpha.md:18: resources[2].url: URL 'https://youtu.be/abc' uses the link shortener youtu.be"],
    ),
    "same-url-twice": (
        {
            "basics/alpha.md": topic_page("alpha", 1).replace(
                "https://example.org/alpha/3", "https://example.org/alpha/1"
            )
        },
        ["docs/basics/alpha.md:23: resources[3].url: URL https://example.org/alpha/1 is already listed as resource 1"],
    ),
    "broken-internal-link": (
        {"basics/alpha.md": topic_page("alpha", 1).replace("Ideas.", "See [missing](nowhere.md).")},
        ["Doc file 'basics/alpha.md' contains a link 'nowhere.md', but the target 'basics/nowhere.md' is not found"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_fails_the_strict_build_with_a_located_message(build_small: Build, case: str) -> None:
    changes, expected = BAD_INPUT[case]
    result = build_small(changes)
    assert not result.ok
    assert "strict mode" in result.error
    for text in expected:
        assert any(text in warning for warning in result.warnings), (text, result.warnings)
    assert len(result.warnings) == len(expected), result.warnings


def test_duplicate_topic_id_in_two_folders(build_small: Build) -> None:
    other = PHASE_PAGE.replace("number: 1", "number: 2").replace("Phase 1: Basics", "Phase 2: More")
    result = build_small({"more/index.md": other, "more/alpha.md": topic_page("alpha", 1, phase="more")})
    assert not result.ok
    assert any(
        "docs/more/alpha.md" in w and "topic id 'alpha' is already used by docs/basics/alpha.md" in w
        for w in result.warnings
    )


def test_every_problem_is_reported_in_one_run(build_small: Build) -> None:
    result = build_small(
        {
            "basics/alpha.md": topic_page("alpha", 1).replace("level: beginner", "level: guru"),
            "basics/beta.md": topic_page("beta", 2, "[nope]"),
            "basics/gamma.md": topic_page("gamma", 3).replace(
                "https://example.org/gamma/1", "http://example.org/gamma/1"
            ),
        }
    )
    assert not result.ok
    assert sum("docs/basics/" in warning for warning in result.warnings) == 3, result.warnings


def test_plain_page_body_is_left_alone(build_small: Build) -> None:
    result = build_small({"about.md": "---\ntitle: About\n---\n# About\n\n" + TOPIC_BODY})
    assert result.ok, result.warnings
    assert "roadmap-facts" not in result.html("about/")


def test_missing_notebook_is_reported(build_small: Build) -> None:
    result = build_small({"basics/alpha.md": topic_page("alpha", 1, extra="notebooks: [notebooks/nowhere.ipynb]\n")})
    assert not result.ok
    assert any(
        "docs/basics/alpha.md:11: notebooks[1]: notebook 'notebooks/nowhere.ipynb' does not exist" in w
        for w in result.warnings
    ), result.warnings
