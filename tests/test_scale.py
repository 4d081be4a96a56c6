"""The synthetic roadmap of ``./run bench scale`` is a valid site, so the benchmark measures one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import load_script, run_build
from mlroadmap.graph import assemble_roadmap
from mlroadmap.load import load_pages, read_docs

bench_scale = load_script("bench_scale")


def test_a_fifth_of_the_roadmap_passes_the_strict_build_with_its_blocks_executed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROADMAP_NOTEBOOK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("ROADMAP_NOTEBOOK_WORKERS", "2")
    topics = bench_scale.generate_roadmap(tmp_path / "project", 0.2)
    assert topics == sum(max(1, round(phase.topics * 0.2)) for phase in bench_scale.todays_phases())
    monkeypatch.chdir(tmp_path / "project")
    result = run_build(tmp_path / "project" / "mkdocs.yml", tmp_path / "site")
    assert result.ok, result.warnings[:10]
    page = result.html("core-ml/core-ml-002/")
    assert "The values add up to 31." in page and "8 values, total 31" in page
    assert re.search(r'href="\.\./core-ml-001/"', page)  # its prerequisite, linked from the prose
    assert (result.site_dir / "search" / "search_index.json").is_file()


def test_ten_times_the_roadmap_has_ten_times_the_topics_and_no_roadmap_problem(tmp_path: Path) -> None:
    topics = bench_scale.generate_roadmap(tmp_path, 10)
    today = bench_scale.todays_phases()
    assert topics == 10 * sum(phase.topics for phase in today)
    docs = tmp_path / "docs"
    records, problems = load_pages(read_docs(docs))
    existing = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    roadmap, roadmap_problems = assemble_roadmap(records, existing)
    assert problems + roadmap_problems == []
    assert len(roadmap.phases) == len(today) and len(roadmap.topics) == topics
    assert sum(bool(topic.topic.prerequisites) for topic in roadmap.topics) == topics - 1  # all but the first
