"""The roadmap as the built site publishes it (``roadmap.json``): what the browser tests expect.

Counts and orders come from here, never from today's content, so adding a topic breaks no test.
"""

from __future__ import annotations

import json
from typing import Any

from .siteserver import Site


def roadmap(site: Site) -> dict[str, Any]:
    """The site's roadmap.json."""
    data: dict[str, Any] = json.loads((site.root / "roadmap.json").read_text(encoding="utf-8"))
    return data


def topics(site: Site) -> list[dict[str, Any]]:
    """Every topic, in roadmap order (the map's order)."""
    return [topic for phase in roadmap(site)["phases"] for topic in phase["topics"]]


def phase_topics(site: Site, phase_id: str) -> list[dict[str, Any]]:
    """The topics of one phase."""
    return next(phase["topics"] for phase in roadmap(site)["phases"] if phase["id"] == phase_id)


def lines_of(site: Site, topic_id: str) -> tuple[list[str], list[str]]:
    """A topic's map lines: the topics it builds on, and the topics that build on it."""
    every = topics(site)
    before = next(topic["prerequisites"] for topic in every if topic["id"] == topic_id)
    after = [topic["id"] for topic in every if topic_id in topic["prerequisites"]]
    return list(before), after
