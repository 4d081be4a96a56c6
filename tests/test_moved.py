"""Progress that survives content changes: ``moved_from`` and the released topic ids.

A renamed, merged or split topic claims its old ids in ``moved_from`` (checked by
``mlroadmap.graph``); a released id that disappears without a claim fails the build
(``mlroadmap.releases``), naming the page that most likely replaced it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import PHASE_PAGE, REPO, load_script, topic_page
from mlroadmap.export import roadmap_data
from mlroadmap.graph import Roadmap, build_roadmap
from mlroadmap.load import load_pages
from mlroadmap.problems import Problem
from mlroadmap.releases import (
    RELEASED_PATH,
    ReleasedIds,
    ReleasedTopic,
    current_release,
    load_released,
    release_problems,
    released_json,
    unclaimed_problems,
    updated,
)

BASE = {
    "basics/index.md": PHASE_PAGE,
    "basics/alpha.md": topic_page("alpha", 1),
    "basics/beta.md": topic_page("beta", 2, "[alpha]"),
    "basics/gamma.md": topic_page("gamma", 3, "[alpha, beta]"),
}
DATA_PAGE = "../data/released-ids.json"


def roadmap_of(pages: dict[str, str | None]) -> tuple[Roadmap, list[Problem]]:
    sources = {src: source for src, source in {**BASE, **pages}.items() if source is not None}
    records, problems = load_pages((src, source.encode()) for src, source in sources.items())
    assert problems == [], problems
    return build_roadmap(records)


def moved(topic_id: str, order: int, old_ids: str, prerequisites: str = "[]") -> str:
    """A topic page that claims ``old_ids`` (a YAML flow list) on line 11."""
    return topic_page(topic_id, order, prerequisites, extra=f"moved_from: {old_ids}\n")


def released(*ids: str) -> dict[str, ReleasedTopic]:
    return {i: ReleasedTopic(page=f"basics/{i}.md", phase="basics", title=f"Topic {i}") for i in ids}


# ----------------------------------------------------------------------------------------------
# moved_from on the pages (mlroadmap.graph)
# ----------------------------------------------------------------------------------------------
def test_a_renamed_topic_claims_its_old_id_without_problems() -> None:
    roadmap, problems = roadmap_of({"basics/gamma.md": None, "basics/delta.md": moved("delta", 3, "[gamma]")})
    assert problems == []
    delta = roadmap.topic("delta")
    assert delta is not None and delta.topic.moved_from == ["gamma"]


def test_an_old_id_that_still_exists_is_reported_at_its_line() -> None:
    _, problems = roadmap_of({"basics/delta.md": moved("delta", 4, "[gamma]")})
    assert [str(p) for p in problems if p.field.startswith("moved_from")] == [
        "docs/basics/delta.md:11: moved_from[1]: topic 'gamma' still exists (docs/basics/gamma.md) "
        "(list only ids no page has any more: rename or remove that topic first, or remove this entry)"
    ]


def test_a_topic_cannot_move_from_its_own_id() -> None:
    _, problems = roadmap_of({"basics/gamma.md": moved("gamma", 3, "[gamma]", "[alpha, beta]")})
    assert [str(p) for p in problems] == [
        "docs/basics/gamma.md:11: moved_from[1]: a topic cannot have moved from its own id (remove it)"
    ]


def test_an_old_id_claimed_twice_is_reported_on_the_second_page() -> None:
    pages = {"basics/delta.md": moved("delta", 4, "[old]"), "basics/epsilon.md": moved("epsilon", 5, "[old]")}
    _, problems = roadmap_of(pages)
    assert [str(p) for p in problems if p.field.startswith("moved_from")] == [
        "docs/basics/epsilon.md:11: moved_from[1]: 'old' is also claimed by docs/basics/delta.md "
        "(an old id moves to one topic only: keep it on the page that replaced it and remove it here)"
    ]


def test_an_old_id_listed_twice_on_one_page_is_reported_at_the_second_entry() -> None:
    page = topic_page("delta", 4, extra="moved_from:\n  - old\n  - old\n")
    _, problems = roadmap_of({"basics/delta.md": page})
    [problem] = [p for p in problems if p.field.startswith("moved_from")]
    assert (problem.line, problem.field, problem.message) == (13, "moved_from[2]", "'old' is listed twice")


def test_an_old_id_of_a_broken_page_still_exists() -> None:
    broken = topic_page("gamma", 3).replace("level: beginner", "level: x")
    pages = {**BASE, "basics/gamma.md": broken, "basics/delta.md": moved("delta", 4, "[gamma]")}
    records, _ = load_pages((src, source.encode()) for src, source in pages.items())
    _, problems = build_roadmap(records)
    assert any(p.message == "topic 'gamma' still exists (docs/basics/gamma.md)" for p in problems)


def test_roadmap_json_carries_each_topics_old_ids() -> None:
    roadmap, _ = roadmap_of({"basics/gamma.md": None, "basics/delta.md": moved("delta", 3, "[gamma, g]")})
    topics = {t["id"]: t for p in roadmap_data(roadmap)["phases"] for t in p["topics"]}
    assert topics["delta"]["moved_from"] == ["gamma", "g"]
    assert topics["alpha"]["moved_from"] == []


# ----------------------------------------------------------------------------------------------
# Released ids (mlroadmap.releases)
# ----------------------------------------------------------------------------------------------
def test_released_ids_that_live_on_or_are_claimed_are_fine() -> None:
    roadmap, _ = roadmap_of({"basics/gamma.md": None, "basics/delta.md": moved("delta", 3, "[gamma]")})
    assert unclaimed_problems(roadmap, released("alpha", "beta", "gamma"), DATA_PAGE) == []


def test_a_vanished_id_names_the_new_page_most_like_it() -> None:
    roadmap, _ = roadmap_of({"basics/gamma.md": None, "basics/gamma-rays.md": topic_page("gamma-rays", 3)})
    [problem] = unclaimed_problems(roadmap, released("alpha", "beta", "gamma"), DATA_PAGE)
    assert str(problem) == (
        "docs/basics/gamma-rays.md: moved_from: topic 'gamma' (Topic gamma) was released and no page has it "
        "or claims it in 'moved_from' (if this page replaced it, add 'moved_from: [gamma]' to its front "
        "matter; otherwise add that to the page that did)"
    )
    assert problem.kind == "roadmap"


def test_a_vanished_id_names_the_topic_now_at_its_page() -> None:
    # Another topic's page now has the released page's path (a file renamed onto an old name).
    roadmap, _ = roadmap_of({})
    old = {"omega": ReleasedTopic(page="basics/beta.md", phase="basics", title="Something else")}
    [problem] = unclaimed_problems(roadmap, old, DATA_PAGE)
    assert problem.path == "basics/beta.md"


def test_a_vanished_id_with_no_likely_successor_names_its_phase_then_the_data_file() -> None:
    roadmap, _ = roadmap_of({"basics/gamma.md": None})
    [problem] = unclaimed_problems(roadmap, released("alpha", "beta", "gamma"), DATA_PAGE)
    assert (problem.path, problem.line) == ("basics/index.md", None)
    assert problem.fix == "add 'moved_from: [gamma]' to the front matter of the topic page that replaced it"
    everything, _ = roadmap_of({})  # no new topic to name
    gone = {**released("alpha", "beta", "gamma"), "zeta": ReleasedTopic(page="old/zeta.md", phase="old", title="Zeta")}
    [problem] = unclaimed_problems(everything, gone, DATA_PAGE)
    assert problem.file == "data/released-ids.json"
    assert str(problem).startswith("data/released-ids.json: topic 'zeta' (Zeta) was released")


def test_a_successor_that_already_claims_ids_is_named_at_its_moved_from_line() -> None:
    pages = {"basics/gamma.md": None, "basics/gamma-rays.md": moved("gamma-rays", 3, "[g]")}
    roadmap, _ = roadmap_of(pages)
    [problem] = unclaimed_problems(roadmap, released("alpha", "beta", "gamma"), DATA_PAGE)
    assert (problem.path, problem.line) == ("basics/gamma-rays.md", 11)


def test_without_a_data_file_nothing_was_released(tmp_path: Path) -> None:
    roadmap, _ = roadmap_of({"basics/gamma.md": None})
    assert release_problems(roadmap, tmp_path / "data" / "released-ids.json", tmp_path / "docs") == []


def test_a_broken_data_file_is_one_problem_naming_it(tmp_path: Path) -> None:
    data = tmp_path / RELEASED_PATH
    data.parent.mkdir()
    data.write_text('{"format": "ml-roadmap-released-ids", "topics": {"Not An Id": {}}}', encoding="utf-8")
    ids, problems = load_released(data, tmp_path / "docs")
    assert ids == ReleasedIds()
    [problem] = problems
    assert problem.file == "data/released-ids.json"
    assert problem.fix == "restore it from git, or write it again with ./run release-ids"


def test_an_update_only_adds_ids_and_round_trips(tmp_path: Path) -> None:
    roadmap, _ = roadmap_of({})
    first = updated(ReleasedIds(), roadmap)
    assert list(first.topics) == ["alpha", "beta", "gamma"]
    renamed, _ = roadmap_of({"basics/gamma.md": None, "basics/delta.md": moved("delta", 3, "[gamma]")})
    second = updated(first, renamed)
    assert list(second.topics) == ["alpha", "beta", "delta", "gamma"]  # gamma stays: browsers still have it
    data = tmp_path / "released-ids.json"
    data.write_text(released_json(second), encoding="utf-8")
    assert load_released(data, tmp_path) == (second, [])


# ----------------------------------------------------------------------------------------------
# The committed file and the script that updates it
# ----------------------------------------------------------------------------------------------
def test_the_committed_released_ids_cover_every_topic_of_the_site() -> None:
    script = load_script("release_ids")
    roadmap = script.current_roadmap(REPO / "docs")
    ids, problems = load_released(REPO / RELEASED_PATH, REPO / "docs")
    assert problems == []
    assert set(current_release(roadmap)) <= set(ids.topics), "run ./run release-ids and commit the file"
    assert (REPO / RELEASED_PATH).read_text(encoding="utf-8") == released_json(ids)  # as the script writes it


def test_the_script_updates_checks_and_writes_elsewhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    for src, source in BASE.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(source, encoding="utf-8")
    data = tmp_path / RELEASED_PATH
    script = load_script("release_ids")
    common = ["--docs-dir", str(docs), "--data-file", str(data)]
    assert script.main([*common, "--check"]) == 1
    assert "lacks 3 topic id(s) of this release: alpha, beta, gamma" in capsys.readouterr().out
    assert script.main([*common, "--output", str(tmp_path / "site" / "released-ids.json")]) == 0
    assert not data.exists()
    assert script.main(common) == 0
    assert list(json.loads(data.read_text(encoding="utf-8"))["topics"]) == ["alpha", "beta", "gamma"]
    assert script.main([*common, "--check"]) == 0
    (docs / "basics" / "gamma.md").unlink()
    capsys.readouterr()
    assert script.main(common) == 1  # the build would fail: the script refuses too
    assert "topic 'gamma' (Topic gamma) was released" in capsys.readouterr().err


def test_the_pre_commit_check_finds_an_unclaimed_released_id(tmp_path: Path) -> None:
    """``ci_summary.py --quick`` (the pre-commit hook) reads data/ beside docs/ as the build does."""
    case = REPO / "tests" / "mistakes" / "roadmap-released-id-unclaimed"
    for src, source in BASE.items():
        (tmp_path / "docs" / src).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / src).write_text(source, encoding="utf-8")
    shutil.copytree(case / "docs", tmp_path / "docs", dirs_exist_ok=True)
    shutil.copytree(case / "data", tmp_path / "data")
    expected = yaml.safe_load((case / "case.yml").read_text(encoding="utf-8"))["expect"]
    assert load_script("ci_summary").quick_check(tmp_path / "docs") == [expected]
