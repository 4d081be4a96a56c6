"""What loading a page yields: a valid topic or phase, or a broken roadmap page, by source path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from mlroadmap.frontmatter import FrontMatter
from mlroadmap.model import Phase, Topic


@dataclass(frozen=True)
class TopicRecord:
    """A valid topic page: its source path, front matter lines and validated data."""

    src: str
    topic: Topic
    front: FrontMatter

    @property
    def id(self) -> str:
        """The topic's id: its ``id`` field, or else its file name without ``.md``."""
        return self.topic.id or PurePosixPath(self.src).stem


@dataclass(frozen=True)
class PhaseRecord:
    """A valid phase page: its source path, front matter lines and validated data."""

    src: str
    phase: Phase
    front: FrontMatter

    @property
    def id(self) -> str:
        """The phase's id: its ``id`` field, or else the name of the folder it is in."""
        return self.phase.id or PurePosixPath(self.src).parent.name


@dataclass(frozen=True)
class BrokenPage:
    """A roadmap page whose front matter failed validation; kept so others can still name it."""

    src: str
    page_type: str

    @property
    def id(self) -> str:
        """The id the page would have: its file name, or its folder for a phase page."""
        path = PurePosixPath(self.src)
        return path.parent.name if self.page_type == "phase" else path.stem


Record = TopicRecord | PhaseRecord | BrokenPage


@dataclass(frozen=True)
class ResourceRef:
    """Where a resource URL is cited: page (relative to docs/), line, title and URL."""

    page: str
    line: int
    title: str
    url: str


def resource_refs(record: Record | None) -> list[ResourceRef]:
    """The resources a record cites, with the line of each ``url`` field."""
    if not isinstance(record, TopicRecord | PhaseRecord):
        return []
    data = record.topic if isinstance(record, TopicRecord) else record.phase
    return [
        ResourceRef(record.src, record.front.line_of(("resources", index, "url")), resource.title, resource.url)
        for index, resource in enumerate(data.resources)
    ]
