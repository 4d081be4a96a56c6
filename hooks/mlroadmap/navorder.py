"""The site's navigation in roadmap order: home and index first, phases by number, topics by order.

Pure functions on source paths (``File.src_uri``) and the roadmap; the hook maps MkDocs'
navigation items to those keys and sorts with these ranks.
"""

from __future__ import annotations

from mlroadmap.graph import Roadmap
from mlroadmap.records import PhaseRecord, TopicRecord
from mlroadmap.render import INDEX_PATH

# Top-level navigation order; anything else keeps MkDocs' order between the phases and these.
NAV_FIRST = ("index.md", INDEX_PATH)
NAV_LAST = ("practice-projects.md", "tips.md", "boards.md", "tags.md", "notebooks", "contributing")

Rank = tuple[int, int, str]


def top_level_rank(key: str, roadmap: Roadmap) -> Rank:
    """Where a top-level item goes: ``key`` is a page's src, or the folder of a section."""
    if key in NAV_FIRST:
        return (0, NAV_FIRST.index(key), key)
    phase = roadmap.phase(key)
    if phase is not None:
        return (1, phase.phase.number, key)
    if key in NAV_LAST:
        return (3, NAV_LAST.index(key), key)
    return (2, 0, key)


def section_rank(src: str, roadmap: Roadmap) -> Rank:
    """Where a page goes inside its section: the phase page, then topics by order, then the rest."""
    if src.endswith("index.md"):
        return (0, 0, src)
    record = roadmap.by_src(src)
    if isinstance(record, TopicRecord):
        return (1, record.topic.order, src)
    return (2, 0, src)


def section_title(srcs: list[str], roadmap: Roadmap) -> str | None:
    """The title of a section whose pages are ``srcs``: its phase's title, if it has a phase page."""
    index = next((src for src in srcs if src.endswith("index.md")), None)
    record = roadmap.by_src(index) if index else None
    return record.phase.title if isinstance(record, PhaseRecord) else None
