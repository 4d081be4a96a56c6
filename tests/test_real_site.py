"""The real site builds strictly, and its generated index links every topic to a real page."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from typing import Any

from conftest import REPO, BuildResult
from mlroadmap.load import PhaseRecord, load_pages, read_docs

HREF_RE = re.compile(r'<a [^>]*href="([^"#]*)(?:#[^"]*)?"')


def test_real_site_builds_strictly_without_warnings(real_site: BuildResult) -> None:
    assert real_site.ok, "\n".join(real_site.warnings) or real_site.error
    assert real_site.warnings == []


def roadmap(real_site: BuildResult) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((real_site.site_dir / "roadmap.json").read_text(encoding="utf-8"))
    return data


def test_roadmap_has_every_phase_in_order(real_site: BuildResult) -> None:
    records = load_pages(read_docs(REPO / "docs")).records
    in_order = sorted((r for r in records if isinstance(r, PhaseRecord)), key=lambda r: r.phase.number)
    phases = roadmap(real_site)["phases"]
    assert [p["id"] for p in phases] == [r.id for r in in_order]
    assert all(p["topics"] for p in phases)


def test_every_topic_is_linked_from_the_index(real_site: BuildResult) -> None:
    index = real_site.html("roadmap/")
    links = {PurePosixPath("roadmap", href).as_posix() for href in HREF_RE.findall(index)}
    resolved = {_normalise(link) for link in links}
    for phase in roadmap(real_site)["phases"]:
        assert _normalise("roadmap/../" + phase["url"]) in resolved, phase["id"]
        for topic in phase["topics"]:
            assert _normalise("roadmap/../" + topic["url"]) in resolved, topic["id"]


def test_every_internal_link_of_the_index_resolves(real_site: BuildResult) -> None:
    index = real_site.html("roadmap/")
    internal = [href for href in HREF_RE.findall(index) if href and not re.match(r"[a-z]+:", href)]
    assert internal
    for href in internal:
        target = real_site.site_dir / _normalise("roadmap/" + href)
        assert target.is_file() or (target / "index.html").is_file(), href


def test_every_page_in_docs_is_built(real_site: BuildResult) -> None:
    for source in (REPO / "docs").rglob("*.md"):
        relative = source.relative_to(REPO / "docs").with_suffix("")
        url = relative.parent if relative.name == "index" else relative
        assert (real_site.site_dir / url / "index.html").is_file(), source


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts)


def test_site_dir_is_not_inside_the_repo(real_site: BuildResult) -> None:
    assert not Path(real_site.site_dir).is_relative_to(REPO)


def runnable_blocks(source: str) -> int:
    """Top-level ```python blocks of a page that the build runs (not marked ``{.no-run}``)."""
    return sum(1 for line in source.splitlines() if line.startswith("```python") and "no-run" not in line)


def test_every_topic_page_runs_its_code_and_shows_a_figure_made_by_it(real_site: BuildResult) -> None:
    topics = [topic for phase in roadmap(real_site)["phases"] for topic in phase["topics"]]
    assert topics
    without_figure = [topic["id"] for topic in topics if topic["figures"] < 1]
    assert without_figure == []
    for topic in topics:
        source = (REPO / "docs" / (topic["url"].rstrip("/") + ".md")).read_text(encoding="utf-8")
        assert topic["executed_blocks"] == runnable_blocks(source), topic["id"]
