"""Turn page sources into validated roadmap records, or into located problems.

``load_pages`` is the one loader: for each page it decodes the bytes, splits and parses the
front matter (keeping line numbers), picks the schema from ``type``, validates
(``mlroadmap.validation`` words pydantic's errors), then checks what the schema cannot see
alone: the id against the file name, duplicate URLs, and a topic's sections (``mlroadmap.body``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from pydantic import ValidationError

from mlroadmap.body import body_problems, missing_snippets
from mlroadmap.frontmatter import FrontMatter, FrontMatterError, parse_front_matter
from mlroadmap.model import ROADMAP_FIELDS, SLUG_PATTERN, Phase, Resource, Topic, slugify
from mlroadmap.problems import Problem
from mlroadmap.records import BrokenPage, PhaseRecord, Record, ResourceRef, TopicRecord, resource_refs
from mlroadmap.urls import normalise_url
from mlroadmap.validation import describe_validation_error

__all__ = [
    "BrokenPage",
    "LoadedPages",
    "PhaseRecord",
    "Record",
    "ResourceRef",
    "TopicRecord",
    "collect_resource_refs",
    "load_pages",
    "missing_snippets",
    "read_docs",
]

PAGE_TYPES: dict[str, type[Topic] | type[Phase]] = {"topic": Topic, "phase": Phase}
KIND = "front-matter"


class LoadedPages(NamedTuple):
    """The roadmap records of a set of pages, and every problem found in them, in page order."""

    records: list[Record]
    problems: list[Problem]

    @property
    def unreadable(self) -> set[str]:
        """The pages that are not UTF-8 text (MkDocs would crash on them)."""
        return {problem.path for problem in self.problems if problem.kind == "encoding"}


def load_pages(pages: Iterable[tuple[str, bytes]]) -> LoadedPages:
    """Load every ``(src, bytes)`` page; ``src`` is the page's path relative to docs/.

    Each page is remembered by path and content: the hooks that need the pages (the roadmap,
    the link checks) parse every page once per build, and unchanged pages not at all under
    ``mkdocs serve``.
    """
    records: list[Record] = []
    problems: list[Problem] = []
    for src, raw in pages:
        record, page_problems = _load_bytes(src, raw)
        problems += page_problems
        if record is not None:
            records.append(record)
    return LoadedPages(records, problems)


def read_docs(docs_dir: Path) -> list[tuple[str, bytes]]:
    """Every Markdown page under ``docs_dir`` as ``(src, bytes)``, in path order, for ``load_pages``."""
    return [(path.relative_to(docs_dir).as_posix(), path.read_bytes()) for path in sorted(docs_dir.rglob("*.md"))]


def collect_resource_refs(docs_dir: Path) -> list[ResourceRef]:
    """Every resource cited in the front matter of the Markdown pages under ``docs_dir``."""
    return [ref for record in load_pages(read_docs(docs_dir)).records for ref in resource_refs(record)]


@functools.lru_cache(maxsize=512)
def _load_bytes(src: str, raw: bytes) -> tuple[Record | None, list[Problem]]:
    """One page's record (None for a page outside the roadmap) and problems; callers must not modify them."""
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = Problem(
            src,
            line,
            f"the file is not UTF-8 text: byte 0x{raw[error.start]:02x} cannot be read",
            "save it with UTF-8 encoding; in VS Code: 'Save with Encoding', then 'UTF-8'",
            kind="encoding",
        )
        return BrokenPage(src, _guess_type(raw.decode("utf-8", "replace"))), [problem]
    return _load_source(src, source)


def _load_source(src: str, source: str) -> tuple[Record | None, list[Problem]]:
    if not source.strip("\ufeff \t\r\n"):
        fix = "write its content as the contributors' guide shows, or delete the file"
        return BrokenPage(src, "unknown"), [Problem(src, None, "the page is empty", fix, kind="body")]
    try:
        front = parse_front_matter(source)
    except FrontMatterError as error:
        return BrokenPage(src, _guess_type(source)), [Problem(src, error.line, error.message, error.fix, kind=KIND)]
    page_type = front.data.get("type")
    if page_type is None:
        return None, _untyped_page_problems(src, front)
    model = PAGE_TYPES.get(str(page_type))
    if model is None:
        fix = "use 'topic' or 'phase', or remove 'type' for an ordinary page"
        message = f"unknown page type {page_type!r}"
        return BrokenPage(src, "unknown"), [Problem(src, front.line_of(("type",)), message, fix, "type", KIND)]
    try:
        data = model.model_validate(front.data)
    except ValidationError as error:
        return BrokenPage(src, str(page_type)), describe_validation_error(src, front, error, model)
    record: Record = TopicRecord(src, data, front) if isinstance(data, Topic) else PhaseRecord(src, data, front)
    problems = [*_id_problems(record), *_duplicate_url_problems(src, front, data.resources)]
    if isinstance(record, TopicRecord):
        problems += body_problems(src, front)
    return record, problems


def _guess_type(source: str) -> str:
    match = re.search(r"^type:\s*['\"]?(topic|phase)\b", source, re.MULTILINE)
    return match.group(1) if match else "unknown"


def _untyped_page_problems(src: str, front: FrontMatter) -> list[Problem]:
    stray = sorted(key for key in front.data if key in ROADMAP_FIELDS)
    if not stray:
        return []
    message = f"has roadmap fields ({', '.join(stray)}) but no 'type'"
    fix = "add 'type: topic' (or 'type: phase') so the page joins the roadmap"
    return [Problem(src, front.line_of((stray[0],)), message, fix, kind=KIND)]


def _id_problems(record: Record) -> list[Problem]:
    path = PurePosixPath(record.src)
    if isinstance(record, TopicRecord) and not record.topic.id and not re.fullmatch(SLUG_PATTERN, path.stem):
        message = f"the file name '{path.name}' is not a valid topic id"
        fix = f"rename it to {slugify(path.stem) or 'topic-name'}.md: lower-case letters, digits and hyphens"
        return [Problem(record.src, None, message, fix, kind=KIND)]
    if isinstance(record, TopicRecord) and record.topic.id and record.topic.id != path.stem:
        message = f"id '{record.topic.id}' does not match the file name '{path.name}'"
        fix = f"rename the file to {record.topic.id}.md or remove 'id'"
        return [Problem(record.src, record.front.line_of(("id",)), message, fix, "id", KIND)]
    if isinstance(record, PhaseRecord) and record.phase.id and record.phase.id != path.parent.name:
        message = f"phase id '{record.phase.id}' does not match its folder '{path.parent}'"
        fix = f"move the page to docs/{record.phase.id}/index.md or remove 'id'"
        return [Problem(record.src, record.front.line_of(("id",)), message, fix, "id", KIND)]
    return []


def _duplicate_url_problems(src: str, front: FrontMatter, resources: Iterable[Resource]) -> list[Problem]:
    first_seen: dict[str, int] = {}
    problems: list[Problem] = []
    for index, resource in enumerate(resources):
        key = normalise_url(resource.url)
        if key in first_seen:
            problems.append(
                Problem(
                    src,
                    front.line_of(("resources", index, "url")),
                    f"URL {resource.url} is already listed as resource {first_seen[key] + 1}",
                    "remove the duplicate or merge the two entries",
                    f"resources[{index + 1}].url",
                    KIND,
                )
            )
        else:
            first_seen[key] = index
    return problems
