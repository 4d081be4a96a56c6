"""Turn page sources into validated roadmap records, or into located problems.

``load_page`` is the whole pipeline for one file: split and parse the front matter (keeping line
numbers), pick the schema from ``type``, validate, then check what the schema cannot see alone
(the id against the file name, duplicate URLs, the body's sections).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from mlroadmap.frontmatter import FieldPath, FrontMatter, FrontMatterError, parse_front_matter
from mlroadmap.model import ROADMAP_FIELDS, SLUG_PATTERN, Phase, Resource, Topic
from mlroadmap.problems import Problem
from mlroadmap.urls import normalise_url

TOPIC_SECTIONS = ("Why it matters", "Core ideas", "Common pitfalls", "Check your understanding")
GENERATED_SECTIONS = ("Prerequisites and next steps", "Resources", "Study plan")
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
PAGE_TYPES: dict[str, type[Topic] | type[Phase]] = {"topic": Topic, "phase": Phase}
# A one-line pymdownx.snippets include: --8<-- "file.md" (an escaped ;--8<-- does not match).
SNIPPET_RE = re.compile(r"^[ \t]*-+8<-+[ \t]+([\"'])(?P<path>.+?)\1[ \t]*$")


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


@functools.lru_cache(maxsize=512)
def load_bytes(src: str, raw: bytes) -> tuple[Record | None, list[Problem]]:
    """Like :func:`load_page` for a file's bytes: a file that is not UTF-8 is one located problem.

    Pure, so remembered by path and content: the hooks that each need the pages (the roadmap,
    the link checks) parse every page once per build, and unchanged pages not at all under
    ``mkdocs serve``. Callers must not modify the returned list.
    """
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = Problem(
            src,
            line,
            f"the file is not UTF-8 text: byte 0x{raw[error.start]:02x} cannot be read",
            "save it with UTF-8 encoding; in VS Code: 'Save with Encoding', then 'UTF-8'",
        )
        return BrokenPage(src, _guess_type(raw.decode("utf-8", "replace"))), [problem]
    return load_page(src, source)


def load_page(src: str, source: str) -> tuple[Record | None, list[Problem]]:
    """Parse and validate one page; None for a page that is not part of the roadmap."""
    if not source.strip("\ufeff \t\r\n"):
        return BrokenPage(src, "unknown"), [
            Problem(
                src, None, "the page is empty", "write its content as the contributors' guide shows, or delete the file"
            )
        ]
    try:
        front = parse_front_matter(source)
    except FrontMatterError as error:
        return BrokenPage(src, _guess_type(source)), [Problem(src, error.line, error.message, error.fix)]
    page_type = front.data.get("type")
    if page_type is None:
        return None, _untyped_page_problems(src, front)
    model = PAGE_TYPES.get(str(page_type))
    if model is None:
        return BrokenPage(src, "unknown"), [
            Problem(
                src,
                front.line_of(("type",)),
                f"unknown page type {page_type!r}",
                "use 'topic' or 'phase', or remove 'type' for an ordinary page",
                "type",
            )
        ]
    try:
        data = model.model_validate(front.data)
    except ValidationError as error:
        return BrokenPage(src, str(page_type)), describe_validation_error(src, front, error, model)
    record: Record = TopicRecord(src, data, front) if isinstance(data, Topic) else PhaseRecord(src, data, front)
    problems = [*_id_problems(record), *_duplicate_url_problems(src, front, data.resources)]
    if isinstance(record, TopicRecord):
        problems += body_problems(src, front)
    return record, problems


def missing_snippets(
    src: str, markdown: str, first_line: int, exists: Callable[[str], bool]
) -> tuple[str, list[Problem]]:
    """Blank the snippet includes whose file does not exist, with one problem each.

    pymdownx.snippets raises for a missing file (with ``check_paths``), which aborts the build with a
    traceback that names no page; blanking the line lets the build report it and go on.
    """
    lines = markdown.split("\n")
    problems: list[Problem] = []
    for offset, line in enumerate(lines):
        match = SNIPPET_RE.match(line)
        if match is None:
            continue
        path = match.group("path")
        if "://" in path or exists(path) or exists(path.split(":", 1)[0]):
            continue
        fix = "fix the name, or add the file to snippets/"
        problems.append(Problem(src, first_line + offset, f"snippet '{path}' does not exist", fix))
        lines[offset] = ""
    return "\n".join(lines), problems


def describe_validation_error(
    src: str, front: FrontMatter, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """Translate pydantic's errors into one located, fixable problem per field.

    A misspelt field shows up twice in pydantic's errors (unknown 'tag', missing 'tags'); only
    the unknown one is reported, with its "did you mean".
    """
    details = error.errors()
    misspelt = {
        (*detail["loc"][:-1], close[0])
        for detail in details
        if detail["type"] == "extra_forbidden"
        and (
            close := difflib.get_close_matches(
                str(detail["loc"][-1]), _model_at(detail["loc"], model).model_fields, n=1
            )
        )
    }
    return [
        _describe_one(src, front, detail, model)
        for detail in details
        if not (detail["type"] == "missing" and tuple(detail["loc"]) in misspelt)
    ]


def body_problems(src: str, front: FrontMatter) -> list[Problem]:
    """Check a topic body: no H1, the four sections in order, no hand-written generated section."""
    headings = list(_headings(front.body, front.body_start_line))
    problems: list[Problem] = []
    for level, text, line in headings:
        if level == 1:
            problems.append(
                Problem(
                    src, line, f"the body has its own title '# {text}'", "remove it: the title comes from front matter"
                )
            )
        if level == 2 and text in GENERATED_SECTIONS:
            problems.append(
                Problem(
                    src,
                    line,
                    f"section '## {text}' is generated from front matter",
                    "remove it and edit the front matter instead",
                )
            )
    found = [text for level, text, _ in headings if level == 2 and text in TOPIC_SECTIONS]
    missing = [section for section in TOPIC_SECTIONS if section not in found]
    if missing:
        problems.append(
            Problem(
                src,
                front.body_start_line,
                f"missing section(s): {', '.join('## ' + name for name in missing)}",
                "add them; see the page format in the contributors' guide",
            )
        )
    elif found != list(TOPIC_SECTIONS):
        problems.append(
            Problem(src, front.body_start_line, "sections are out of order", "order them: " + ", ".join(TOPIC_SECTIONS))
        )
    return problems


def load_pages(pages: Iterable[tuple[str, bytes]]) -> tuple[list[Record], list[Problem]]:
    """Load every ``(src, bytes)`` page: the roadmap records and all the problems, in order."""
    records: list[Record] = []
    problems: list[Problem] = []
    for src, raw in pages:
        record, page_problems = load_bytes(src, raw)
        problems += page_problems
        if record is not None:
            records.append(record)
    return records, problems


def load_docs(docs_dir: Path) -> tuple[list[Record], list[Problem]]:
    """:func:`load_pages` over every Markdown file under ``docs_dir``, in path order."""
    paths = sorted(docs_dir.rglob("*.md"))
    return load_pages((path.relative_to(docs_dir).as_posix(), path.read_bytes()) for path in paths)


def collect_resource_refs(docs_dir: Path) -> list[ResourceRef]:
    """Every resource cited in the front matter of the Markdown pages under ``docs_dir``."""
    records, _ = load_docs(docs_dir)
    return [ref for record in records for ref in resource_refs(record)]


def resource_refs(record: Record | None) -> list[ResourceRef]:
    """The resources a record cites, with the line of each ``url`` field."""
    if not isinstance(record, TopicRecord | PhaseRecord):
        return []
    data = record.topic if isinstance(record, TopicRecord) else record.phase
    return [
        ResourceRef(record.src, record.front.line_of(("resources", index, "url")), resource.title, resource.url)
        for index, resource in enumerate(data.resources)
    ]


def _guess_type(source: str) -> str:
    match = re.search(r"^type:\s*['\"]?(topic|phase)\b", source, re.MULTILINE)
    return match.group(1) if match else "unknown"


def _untyped_page_problems(src: str, front: FrontMatter) -> list[Problem]:
    stray = sorted(key for key in front.data if key in ROADMAP_FIELDS)
    if not stray:
        return []
    return [
        Problem(
            src,
            front.line_of((stray[0],)),
            f"has roadmap fields ({', '.join(stray)}) but no 'type'",
            "add 'type: topic' (or 'type: phase') so the page joins the roadmap",
        )
    ]


def _id_problems(record: Record) -> list[Problem]:
    stem = PurePosixPath(record.src).stem
    if isinstance(record, TopicRecord) and not record.topic.id and not re.fullmatch(SLUG_PATTERN, stem):
        slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "topic-name"
        return [
            Problem(
                record.src,
                None,
                f"the file name '{PurePosixPath(record.src).name}' is not a valid topic id",
                f"rename it to {slug}.md: lower-case letters, digits and hyphens",
            )
        ]
    if isinstance(record, TopicRecord) and record.topic.id and record.topic.id != PurePosixPath(record.src).stem:
        return [
            Problem(
                record.src,
                record.front.line_of(("id",)),
                f"id '{record.topic.id}' does not match the file name '{PurePosixPath(record.src).name}'",
                f"rename the file to {record.topic.id}.md or remove 'id'",
                "id",
            )
        ]
    if isinstance(record, PhaseRecord) and record.phase.id and record.phase.id != PurePosixPath(record.src).parent.name:
        return [
            Problem(
                record.src,
                record.front.line_of(("id",)),
                f"phase id '{record.phase.id}' does not match its folder '{PurePosixPath(record.src).parent}'",
                f"move the page to docs/{record.phase.id}/index.md or remove 'id'",
                "id",
            )
        ]
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
                )
            )
        else:
            first_seen[key] = index
    return problems


def _headings(body: str, first_line: int) -> Iterable[tuple[int, str, int]]:
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING_RE.match(line)
        if match:
            yield len(match.group(1)), match.group(2).strip(), first_line + offset


def _describe_one(src: str, front: FrontMatter, detail: Any, model: type[BaseModel]) -> Problem:
    location: FieldPath = tuple(
        part for part in detail["loc"] if not isinstance(part, str) or not part.startswith("function-")
    )
    field = _field_label(location)
    line = front.line_of(location)
    kind = detail["type"]
    value = detail.get("input")
    if kind == "missing":
        name = location[-1] if location else "?"
        return Problem(
            src, line, f"required field '{name}' is missing", _missing_fix(location, model), _field_label(location[:-1])
        )
    if kind == "extra_forbidden":
        name = str(location[-1])
        known = list(_model_at(location, model).model_fields)
        close = difflib.get_close_matches(name, known, n=1)
        fix = f"did you mean '{close[0]}'?" if close else "remove it; known fields: " + ", ".join(sorted(known))
        return Problem(src, line, f"unknown field '{name}'", fix, _field_label(location[:-1]))
    if kind in {"literal_error", "enum"}:
        expected = detail.get("ctx", {}).get("expected", "")
        return Problem(src, line, f"{value!r} is not allowed", f"use one of: {expected.replace(' or ', ', ')}", field)
    if kind == "value_error":
        return Problem(src, line, str(detail["msg"]).removeprefix("Value error, "), "", field)
    if kind == "string_pattern_mismatch":
        noun, example = ("tag", "deep-learning") if field.startswith("tags") else ("id", "linear-regression")
        fix = f"use lower-case letters, digits and hyphens, e.g. '{example}'"
        return Problem(src, line, f"{value!r} is not a valid {noun}", fix, field)
    if kind == "too_short" and isinstance(value, list):
        minimum = detail.get("ctx", {}).get("min_length")
        return Problem(src, line, f"has {len(value)} item(s), needs at least {minimum}", "add more entries", field)
    return Problem(
        src,
        line,
        f"{detail['msg']} (got {value!r})" if value is not None else str(detail["msg"]),
        _type_fix(kind),
        field,
    )


def _field_label(location: FieldPath) -> str:
    label = ""
    for part in location:
        label += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


def _model_at(location: FieldPath, page_model: type[BaseModel]) -> type[BaseModel]:
    return Resource if "resources" in location[:-1] else page_model


def _missing_fix(location: FieldPath, page_model: type[BaseModel]) -> str:
    name = str(location[-1]) if location else "?"
    field = _model_at(location, page_model).model_fields.get(name)
    hint = f" ({field.description.rstrip('.')})" if field is not None and field.description else ""
    return f"add '{name}: ...'{hint}"


def _type_fix(kind: str) -> str:
    fixes = {
        "int_parsing": "write a whole number, e.g. 6",
        "int_type": "write a whole number, e.g. 6",
        "list_type": "write a list, e.g. [a, b] or one '- item' per line",
        "string_type": "write text; quote it if it looks like a number or a date",
        "string_too_short": "write more text",
        "string_too_long": "shorten it",
        "greater_than_equal": "use a larger number",
        "less_than_equal": "use a smaller number",
        "dict_type": "write 'key: value' lines indented under the field",
        "model_type": "write 'key: value' lines indented under the item",
    }
    return fixes.get(kind, "see the front matter schema in the contributors' guide")
